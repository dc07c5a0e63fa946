import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { createConnector } from '../src/connectors/connector.store';
import { importChatwoot } from '../src/connectors/chatwoot/import';
import { openDatabase } from '../src/db/database';
import { withTenant } from '../src/db/tenant-transaction';
import { installJobQueue } from '../src/exports/queue';
import { applyAccount } from '../src/ingest/applier/apply-account';
import { installIngestQueues } from '../src/ingest/queue';

/**
 * `npm run bench:chatwoot [-- --messages N]`: a database built from Chatwoot's schema
 * (test/connectors/chatwoot/chatwoot-schema.sql) filled with one account of N messages (default
 * 1M; 20 per conversation, a contact with a city and a contact inbox per conversation, a resolution
 * per conversation, a CSAT answer per fourth), imported by
 * the connector's import as `npm run cli -- chatwoot import` does. Prints rows/s per table and in
 * all, events stored per second, and the process's RSS after each table and at its peak (VmHWM,
 * Linux), so memory can be compared across sizes. Then it applies the stored log as the service's
 * applier does and prints applied events/s from the import's start to the last event applied, the
 * figure the generic ingestion benchmark prints (`--generic-applied N`, its events/s, adds the
 * ratio). Uses its own embedded PostgreSQL under .data/bench-chatwoot (BENCH_PG_PORT, default 55421).
 */

const ROOT = path.resolve(__dirname, '..');
const PER_CONVERSATION = 20;

function rssMb(field: 'VmRSS' | 'VmHWM'): number {
  const line = fs
    .readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, '')) / 1024;
}

/** One Chatwoot account of `messages` messages, written by set-based INSERTs (the import, not the fill, is measured). */
function fillSql(messages: number): string {
  const conversations = Math.ceil(messages / PER_CONVERSATION);
  return `
    INSERT INTO accounts (id, name, created_at, updated_at) VALUES (1, 'Bench', now(), now());
    INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, created_at, updated_at) VALUES
      (1, 1, 1, 'WhatsApp', 'Channel::Whatsapp', '2026-01-01', '2026-01-01'), (2, 1, 1, 'Site', 'Channel::WebWidget', '2026-01-01', '2026-01-01');
    INSERT INTO users (id, uid, name, email, created_at, updated_at)
      SELECT g, 'agent' || g, 'Agent ' || g, 'agent' || g || '@example.com', '2026-01-01', '2026-01-01' FROM generate_series(1, 50) g;
    INSERT INTO account_users (account_id, user_id, created_at, updated_at) SELECT 1, g, '2026-01-01', '2026-01-01' FROM generate_series(1, 50) g;
    INSERT INTO labels (title, account_id, created_at, updated_at) VALUES ('avaria', 1, now(), now()), ('troca', 1, now(), now());
    INSERT INTO tags (id, name) VALUES (1, 'avaria');
    INSERT INTO channel_whatsapp (id, account_id, phone_number, provider, created_at, updated_at)
      VALUES (1, 1, '+551130000000', 'whatsapp_cloud', '2026-01-01', '2026-01-01');
    INSERT INTO channel_web_widgets (id, account_id, website_url, created_at, updated_at) VALUES (1, 1, 'https://example.com', '2026-01-01', '2026-01-01');
    INSERT INTO contacts (id, name, phone_number, account_id, additional_attributes, created_at, updated_at)
      SELECT g, 'Contact ' || g, '+55119' || lpad(g::text, 8, '0'), 1, '{"city": "Campinas"}', '2026-01-01', '2026-01-01'
        FROM generate_series(1, ${conversations}) g;
    INSERT INTO contact_inboxes (contact_id, inbox_id, source_id, created_at, updated_at)
      SELECT g, 1 + g % 2, '55119' || lpad(g::text, 8, '0'), '2026-01-01', '2026-01-01' FROM generate_series(1, ${conversations}) g;
    ALTER TABLE conversations DISABLE TRIGGER conversations_before_insert_row_tr;
    INSERT INTO conversations (id, account_id, inbox_id, status, assignee_id, contact_id, display_id, created_at, updated_at)
      SELECT g, 1, 1 + g % 2, 1, 1 + g % 50, g, g, timestamp '2026-01-01' + g * interval '1 minute',
             timestamp '2026-01-01' + g * interval '1 minute' + interval '30 minutes' FROM generate_series(1, ${conversations}) g;
    INSERT INTO taggings (tag_id, taggable_type, taggable_id, context, created_at)
      SELECT 1, 'Conversation', g, 'labels', timestamp '2026-01-01' + g * interval '1 minute' + interval '5 minutes'
        FROM generate_series(1, ${conversations}, 3) g;
    INSERT INTO messages (id, content, account_id, inbox_id, conversation_id, message_type, private, sender_type, sender_id, created_at, updated_at)
      SELECT m, 'message ' || m, 1, 1 + c % 2, c, CASE WHEN m % 2 = 0 THEN 0 ELSE 1 END, false,
             CASE WHEN m % 2 = 0 THEN 'Contact' ELSE 'User' END, CASE WHEN m % 2 = 0 THEN c ELSE 1 + c % 50 END,
             timestamp '2026-01-01' + c * interval '1 minute' + (m % ${PER_CONVERSATION}) * interval '1 minute',
             timestamp '2026-01-01' + c * interval '1 minute' + (m % ${PER_CONVERSATION}) * interval '1 minute'
        FROM (SELECT m, 1 + (m - 1) / ${PER_CONVERSATION} AS c FROM generate_series(1, ${messages}) m) s;
    INSERT INTO reporting_events (name, value, account_id, inbox_id, user_id, conversation_id, created_at, updated_at, event_start_time, event_end_time)
      SELECT 'conversation_resolved', 1800, 1, 1 + g % 2, 1 + g % 50, g, now(), now(), timestamp '2026-01-01' + g * interval '1 minute',
             timestamp '2026-01-01' + g * interval '1 minute' + interval '30 minutes' FROM generate_series(1, ${conversations}) g;
    INSERT INTO csat_survey_responses (account_id, conversation_id, message_id, rating, contact_id, created_at, updated_at)
      SELECT 1, g, g * ${PER_CONVERSATION}, 1 + g % 5, g, timestamp '2026-01-01' + g * interval '1 minute' + interval '40 minutes',
             timestamp '2026-01-01' + g * interval '1 minute' + interval '40 minutes' FROM generate_series(4, ${conversations}, 4) g;
    ANALYZE;`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { messages: { type: 'string' }, 'page-size': { type: 'string' }, 'generic-applied': { type: 'string' } },
  });
  const messages = Number(values.messages ?? 1_000_000);
  const pageSize = Number(values['page-size'] ?? 1000);
  const dataDir = path.join(ROOT, '.data/bench-chatwoot');
  const pgPort = Number(process.env.BENCH_PG_PORT ?? 55421);
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PG_PORT: String(pgPort), SEED_DEMO: 'false' });
  const db = await openDatabase(config, () => undefined);
  await installJobQueue(db.owner);
  await installIngestQueues(db.owner);
  const ownerUrl = (db.owner.options as { url: string }).url;

  const admin = new Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench_chatwoot');
  await admin.query('CREATE DATABASE bench_chatwoot');
  await admin.end();
  const chatwootUrl = new URL(ownerUrl);
  chatwootUrl.pathname = '/bench_chatwoot';
  const chatwoot = new Client({ connectionString: chatwootUrl.toString() });
  await chatwoot.connect();
  const fillStarted = Date.now();
  await chatwoot.query(fs.readFileSync(path.join(ROOT, 'test/connectors/chatwoot/chatwoot-schema.sql'), 'utf8'));
  await chatwoot.query(fillSql(messages));
  await chatwoot.end();
  process.stdout.write(`filled a Chatwoot database with ${messages} messages in ${((Date.now() - fillStarted) / 1000).toFixed(1)} s\n`);

  const [{ id: accountId }] = await db.owner.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
  const connector = await withTenant(db.owner, accountId, async (runner) => {
    await runner.query(`INSERT INTO accounts (id, name) VALUES ($1, 'Chatwoot bench')`, [accountId]);
    return (
      await createConnector(
        runner,
        { kind: 'chatwoot', name: 'bench', platformAccountId: 1 },
        { keyId: null, clientIp: null },
        config.schedules,
      )
    ).connector;
  });

  const rssAfter: string[] = [];
  let current = '';
  let lastLine = 0;
  const report = await importChatwoot({
    owner: db.owner,
    accountId,
    connectorId: connector.id,
    databaseUrl: chatwootUrl.toString(),
    config: config.ingest,
    pageSize,
    onProgress: (p) => {
      if (p.table !== current) {
        if (current) rssAfter.push(`${current} ${rssMb('VmRSS').toFixed(0)} MB`);
        current = p.table;
      }
      if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        process.stdout.write(
          `  ${p.table}: ${p.rows}/${p.total} rows, ${Math.round(p.rowsPerSecond)} rows/s, ETA ${Math.ceil(p.etaSeconds ?? 0)} s, RSS ${rssMb('VmRSS').toFixed(0)} MB\n`,
        );
      }
    },
  });
  rssAfter.push(`${current} ${rssMb('VmRSS').toFixed(0)} MB`);
  const events = report.events.accepted + report.events.duplicates;
  process.stdout.write(`imported in ${report.seconds.toFixed(1)} s; applying ${report.events.accepted} events…\n`);
  const applyStarted = Date.now();
  const applied = await applyAccount(db.owner, accountId, { ...config.ingest, applyRoundsPerJob: Number.MAX_SAFE_INTEGER });
  const applySeconds = (Date.now() - applyStarted) / 1000;
  const endToEnd = report.seconds + applySeconds;
  const appliedRate = applied.applied / endToEnd;
  const generic = values['generic-applied'] === undefined ? null : Number(values['generic-applied']);
  process.stdout.write(
    [
      ...report.tables.map(
        (t) =>
          `${t.table.padEnd(24)}${String(t.rows).padStart(10)} rows ${t.seconds.toFixed(1).padStart(8)} s ${Math.round(
            t.rows / Math.max(t.seconds, 0.001),
          )
            .toLocaleString('en-US')
            .padStart(10)} rows/s`,
      ),
      `${'all tables'.padEnd(24)}${String(report.rows).padStart(10)} rows ${report.seconds.toFixed(1).padStart(8)} s ${Math.round(
        report.rows / report.seconds,
      )
        .toLocaleString('en-US')
        .padStart(10)} rows/s`,
      `events stored             ${events} (${report.events.rejected} rejected), ${Math.round(events / report.seconds).toLocaleString('en-US')} events/s`,
      `applied                   ${applied.applied} (${applied.rejected} rejected, ${applied.waiting} waiting) in ${applySeconds.toFixed(1)} s, ${Math.round(
        applied.applied / applySeconds,
      ).toLocaleString('en-US')} events/s applying alone`,
      `import start → all applied ${endToEnd.toFixed(1)} s, ${Math.round(appliedRate).toLocaleString('en-US')} applied events/s${
        generic === null ? '' : `, ratio to the generic ingestion's ${generic} = ${(appliedRate / generic).toFixed(2)} (target >= 0.5)`
      }`,
      `RSS after each table      ${rssAfter.join(', ')}`,
      `peak RSS (VmHWM)          ${rssMb('VmHWM').toFixed(0)} MB`,
    ].join('\n') + '\n',
  );
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
