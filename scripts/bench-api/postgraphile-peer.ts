import http from 'node:http';
import Module from 'node:module';
import path from 'node:path';
import { Pool } from 'pg';

// PostGraphile v4 needs graphql 15 and brings it; the API's graphql 16 sits at the root of
// node_modules, where npm also hoists PostGraphile packages whose ranges allow 16
// (graphql-parse-resolve-info), and a schema built with one copy fails in the other. This process
// runs only PostGraphile, so every `graphql` it loads is PostGraphile's own copy.
const ownGraphql = path.dirname(require.resolve('graphql/package.json', { paths: [path.dirname(require.resolve('postgraphile'))] }));
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = resolver._resolveFilename.bind(Module);
resolver._resolveFilename = (request, ...rest) =>
  resolve(request === 'graphql' || request.startsWith('graphql/') ? ownGraphql + request.slice('graphql'.length) : request, ...rest);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile, makeJSONPgSmartTagsPlugin } = require('postgraphile') as typeof import('postgraphile');

/**
 * PostGraphile v4 as bench:api's peer, in a process of its own (so its CPU and RSS are its own):
 * the same database as the same runtime role, a pool of 10 like the API's, and the account bound
 * per transaction through `pgSettings`, which PostGraphile sets with `set_config(…, true)` inside
 * the transaction it opens for each request.
 *
 *   PEER_DATABASE_URL=… PEER_ACCOUNT_ID=… PEER_PORT=… node --import tsx scripts/bench-api/postgraphile-peer.ts
 */
const pool = new Pool({ connectionString: process.env.PEER_DATABASE_URL, max: 10 });
const accountId = String(process.env.PEER_ACCOUNT_ID);
const middleware = postgraphile(pool, 'public', {
  pgSettings: { 'app.account_id': accountId },
  graphqlRoute: '/graphql',
  disableQueryLog: true,
  disableDefaultMutations: true,
  retryOnInitFail: false,
  watchPg: false,
  legacyRelations: 'omit',
  // A message's sender and team are checked by statement triggers, no longer foreign keys
  // (migration 1770130000001): PostGraphile is told of the relations those keys gave it.
  appendPlugins: [
    makeJSONPgSmartTagsPlugin({
      version: 1,
      config: {
        class: {
          messages: {
            tags: {
              foreignKey: [
                '(account_id, sender_agent_id) references agents (account_id, id)',
                '(account_id, sender_contact_id) references contacts (account_id, id)',
                '(account_id, team_id) references teams (account_id, id)',
              ],
            },
          },
        },
      },
    }),
  ],
});
http.createServer(middleware).listen(Number(process.env.PEER_PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
