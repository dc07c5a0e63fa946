import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CodedError } from '../errors';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, Database } from '../db/database';
import { EmbeddedPostgresError } from '../db/embedded';
import { closeTenantTransaction, openTransaction, withTenant } from '../db/tenant-transaction';
import { accountOfConnector } from '../connectors/connector.store';
import { importChatwoot } from '../connectors/chatwoot/import';
import { parseId } from '../ids';
import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { createApiKey, revokeApiKey, KeyRole } from '../auth/api-keys';
import { buildGraphQLSchema, printSchemaFile } from '../graphql/schema';
import { rebuildDerived } from '../ingest/derived/rebuild';
import { INGEST_SCHEMA_DIR, ingestSchemaFiles } from '../ingest/json-schema';
import { seedDemoData } from '../seed/demo-data';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending migrations
  migrate:down                              revert the latest migration
  seed [--conversations N]                  add the two demo accounts (N conversations each, default 400)
  keys create --account ID --role admin|analyst|ingest [--name NAME] [--read-only]
                                            create an API key and print it (shown once)
  keys revoke --account ID --key KEY_ID     revoke an API key
  chatwoot import --connector ID --database-url URL [--page-size N]
                                            import (or reconcile) the connector's Chatwoot account from its database
  derived rebuild --account ID              recompute the account's data derived from its tables (report id floors, message buckets)
  schema                                    write schema/schema.graphql and schema/ingest/*.json from the code`;

class UsageError extends Error {}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${name} must be a positive integer`);
  return number;
}

/**
 * The service's database: DATABASE_URL, or the embedded one in DATA_DIR, used as it is while the
 * service runs. The CLI never creates an embedded database, so a wrong folder is an error, not a
 * second, empty database.
 */
async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig(), () => undefined, { createEmbedded: false });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      'read-only': { type: 'boolean' },
      conversations: { type: 'string' },
      connector: { type: 'string' },
      'database-url': { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  const [command, sub] = positionals;
  switch (command) {
    case 'migrate':
      // Opening the database applies pending migrations.
      await withDatabase(async () => process.stdout.write('migrations applied\n'));
      return;
    case 'migrate:down':
      await withDatabase(async (db) => {
        await db.owner.undoLastMigration();
        process.stdout.write('latest migration reverted\n');
      });
      return;
    case 'seed': {
      const conversationsPerAccount = positiveInteger(values.conversations, 'conversations', 400);
      await withDatabase(async (db) => {
        const started = Date.now();
        const accounts = await seedDemoData(db.owner, { now: new Date(), conversationsPerAccount });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`seeded accounts ${accounts.map((a) => a.id).join(', ')} in ${seconds} s\n`);
      });
      return;
    }
    case 'keys':
      if (sub === 'create') {
        const accountId = required(values.account, 'account');
        const role = required(values.role, 'role');
        if (role !== 'admin' && role !== 'analyst' && role !== 'ingest') throw new UsageError('--role must be admin, analyst or ingest');
        const created = await withDatabase((db) =>
          withTenant(db.owner, accountId, async (runner) => {
            const [account] = await runner.query('SELECT id FROM accounts WHERE id = $1', [accountId]);
            if (!account) throw new UsageError(`account ${accountId} does not exist`);
            const key = await createApiKey(runner, {
              accountId,
              role: role as KeyRole,
              name: values.name ?? `${role} key`,
              readOnly: values['read-only'],
            });
            await recordAuditEvent(runner, { action: AuditAction.API_KEY_CREATED, keyId: null, subjectKeyId: key.id, clientIp: null });
            return key;
          }),
        );
        process.stdout.write(`${created.key}\n`);
        process.stderr.write(
          `key ${created.id} (${created.role}${created.readOnly ? ', read-only' : ''}) for account ${accountId}; it is not shown again\n`,
        );
        return;
      }
      if (sub === 'revoke') {
        const accountId = required(values.account, 'account');
        const keyId = required(values.key, 'key');
        const revoked = await withDatabase((db) =>
          withTenant(db.owner, accountId, async (runner) => {
            const done = await revokeApiKey(runner, keyId);
            if (done)
              await recordAuditEvent(runner, { action: AuditAction.API_KEY_REVOKED, keyId: null, subjectKeyId: keyId, clientIp: null });
            return done;
          }),
        );
        if (!revoked) throw new UsageError(`no active key ${keyId} in account ${accountId}`);
        process.stdout.write(`key ${keyId} revoked\n`);
        return;
      }
      throw new UsageError('keys takes create or revoke');
    case 'chatwoot': {
      if (sub !== 'import') throw new UsageError('chatwoot takes import');
      const connectorId = parseId(required(values.connector, 'connector'), 'connector');
      const databaseUrl = required(values['database-url'], 'database-url');
      const pageSize = positiveInteger(values['page-size'], 'page-size', 1000);
      const report = await withDatabase(async (db) => {
        const runner = await openTransaction(db.owner);
        let accountId: string | null;
        try {
          accountId = await accountOfConnector(runner, connectorId);
        } finally {
          await closeTenantTransaction(runner, false);
        }
        if (!accountId) throw new UsageError(`no connector ${connectorId}`);
        return importChatwoot({
          owner: db.owner,
          accountId,
          connectorId,
          databaseUrl,
          config: loadConfig().ingest,
          pageSize,
          onProgress: (p) =>
            process.stderr.write(
              `${p.table}: ${p.rows}/${p.total} rows, ${Math.round(p.rowsPerSecond)} rows/s, ETA ${p.etaSeconds === null ? '?' : Math.ceil(p.etaSeconds)} s\n`,
            ),
        });
      });
      for (const table of report.tables) process.stdout.write(`${table.table}\t${table.rows} rows\t${table.seconds.toFixed(1)} s\n`);
      process.stdout.write(
        `${report.resumed ? 'resumed; ' : ''}${report.rows} rows in ${report.seconds.toFixed(1)} s: ${report.events.accepted} events stored, ` +
          `${report.events.duplicates} already there, ${report.events.rejected} rejected\n`,
      );
      return;
    }
    case 'derived': {
      if (sub !== 'rebuild') throw new UsageError('derived takes rebuild');
      const accountId = required(values.account, 'account');
      const rebuilt = await withDatabase((db) =>
        withTenant(db.owner, accountId, async (runner) => {
          const [account] = await runner.query('SELECT id FROM accounts WHERE id = $1', [accountId]);
          if (!account) throw new UsageError(`account ${accountId} does not exist`);
          return rebuildDerived(runner);
        }),
      );
      process.stdout.write(
        `account ${accountId}: ${rebuilt.idFloors} report id floors, ${rebuilt.messageBuckets} message buckets, ${rebuilt.conversationFirsts} conversation firsts, ${rebuilt.lockSessions} lock sessions rebuilt\n`,
      );
      return;
    }
    case 'schema': {
      const file = path.resolve(__dirname, '../../schema/schema.graphql');
      fs.writeFileSync(file, printSchemaFile(await buildGraphQLSchema()));
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
      const ingestDir = path.resolve(__dirname, '../..', INGEST_SCHEMA_DIR);
      fs.rmSync(ingestDir, { recursive: true, force: true });
      fs.mkdirSync(ingestDir, { recursive: true });
      const schemas = ingestSchemaFiles();
      for (const [name, text] of schemas) fs.writeFileSync(path.join(ingestDir, name), text);
      process.stdout.write(`wrote ${schemas.size} event schemas to ${path.relative(process.cwd(), ingestDir)}\n`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  // A coded error is the operator's to fix, like a usage error; its code says what kind it is.
  if (error instanceof CodedError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exit(2);
  }
  const plain = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`${plain ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
