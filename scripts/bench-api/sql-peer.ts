import fs from 'node:fs';
import http from 'node:http';
import { Pool } from 'pg';

/**
 * Report pages' own SQL as bench:api's peer: a bare HTTP server that runs each report's compiled
 * page SELECT through node-postgres in a transaction bound to the account (BEGIN, set_config,
 * the SELECT, COMMIT; RLS needs the binding, as in the API) and answers its rows as JSON. It is
 * the floor a report page can reach: no GraphQL, no authentication, no validation.
 *
 *   PEER_DATABASE_URL=… PEER_ACCOUNT_ID=… PEER_PORT=… PEER_STATEMENTS=file.json node --import tsx scripts/bench-api/sql-peer.ts
 */
const pool = new Pool({ connectionString: process.env.PEER_DATABASE_URL, max: 10 });
const accountId = String(process.env.PEER_ACCOUNT_ID);
const statements = JSON.parse(fs.readFileSync(String(process.env.PEER_STATEMENTS), 'utf8')) as Record<
  string,
  { text: string; values: unknown[] }
>;

async function run(name: string): Promise<unknown[]> {
  const statement = statements[name];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.account_id', $1, true)`, [accountId]);
    const { rows } = await client.query(statement.text, statement.values);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

http
  .createServer((req, res) => {
    const name = (req.url ?? '').slice(1);
    req.resume();
    req.on('end', () => {
      if (!statements[name]) return void res.writeHead(404).end();
      run(name).then(
        (rows) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows })),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  })
  .listen(Number(process.env.PEER_PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
