import fs from 'node:fs';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys';
import { IngestConfig, loadConfig } from '../../src/config';
import { withTenant } from '../../src/db/tenant-transaction';
import { applyAccount } from '../../src/ingest/applier/apply-account';
import { startIngestWorker, IngestWorker } from '../../src/ingest/applier/worker';
import { createLogger } from '../../src/logger';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { LOG_WITH_STATES, storeEvents } from '../support/ingest';

const T = (time: string) => `2026-03-10T${time}:00Z`;
let counter = 0;
const event = (type: string, time: string, data: Record<string, unknown>) => ({ id: `a-${++counter}`, type, occurredAt: T(time), data });

const inbox = (id: string) =>
  event('inbox.upserted', '09:00', { inbox: id, name: `Inbox ${id}`, channelType: 'whatsapp', medium: 'WhatsApp' });
const contact = (id: string) => event('contact.upserted', '09:00', { contact: id, medium: 'WhatsApp', primaryIdentifier: `+55${id}` });
const created = (id: string, extra: Record<string, unknown> = {}) =>
  event('conversation.created', '10:00', { conversation: id, inbox: 'in-1', contact: 'ct-1', ...extra });
const inboundMessage = (id: string, conversation: string, time = '10:00') =>
  event('message.created', time, {
    message: id,
    conversation,
    direction: 'incoming',
    origin: 'contact',
    senderContact: 'ct-1',
    content: 'Oi',
  });

describe('the applier', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const apply = (accountId: string, overrides: Partial<IngestConfig> = {}) =>
    applyAccount(app.db.owner, accountId, { ...loadConfig().ingest, ...overrides });
  const states = (accountId: string) =>
    withTenant(app.db.owner, accountId, (runner) =>
      runner.query(`SELECT type, state, waiting_for FROM ${LOG_WITH_STATES} WHERE l.account_id = $1 ORDER BY l.seq`, [accountId]),
    );
  const count = (accountId: string, table: string) =>
    withTenant(
      app.db.owner,
      accountId,
      async (runner) => (await runner.query(`SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1`, [accountId]))[0].n,
    );

  it('keeps a message that comes before its conversation waiting, then applies it when the conversation arrives', async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [inbox('in-1'), contact('ct-1'), inboundMessage('m-1', 'c-1')]);
    expect(await apply(account.id)).toMatchObject({ applied: 2, waiting: 1, rejected: 0 });
    expect(await states(account.id)).toEqual([
      { type: 'inbox.upserted', state: 'applied', waiting_for: null },
      { type: 'contact.upserted', state: 'applied', waiting_for: null },
      { type: 'message.created', state: 'waiting', waiting_for: 'conversation c-1' },
    ]);
    expect(await count(account.id, 'messages')).toBe(0);
    await storeEvents(app.db, account.id, [created('c-1')]);
    expect(await apply(account.id)).toMatchObject({ applied: 2, waiting: 0 });
    expect(await count(account.id, 'messages')).toBe(1);
  });

  it('reports the lag from receipt to application over the rounds of the last hour, and the age of the oldest unapplied event', async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [inbox('in-1'), contact('ct-1')]);
    await storeEvents(app.db, account.id, [inboundMessage('m-1', 'c-later')]);
    // Received 100 s, 40 s and 30 s before the round that applies the first two; the message keeps waiting.
    await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(
        `WITH ages (type, age) AS (VALUES ('inbox.upserted', 100), ('contact.upserted', 40), ('message.created', 30)),
         log AS (UPDATE ingest_events l SET received_at = now() - make_interval(secs => a.age) FROM ages a WHERE l.account_id = $1 AND l.type = a.type)
         UPDATE ingest_event_states s SET received_at = now() - make_interval(secs => a.age)
           FROM ingest_events l JOIN ages a ON a.type = l.type WHERE l.account_id = $1 AND s.account_id = $1 AND l.seq = s.seq`,
        [account.id],
      ),
    );
    await apply(account.id);
    const status = await app.graphql<{ ingestionStatus: Record<string, number> }>(
      '{ ingestionStatus { applied waiting averageLagSeconds maxLagSeconds oldestUnappliedSeconds } }',
      { key: account.key },
    );
    const { applied, waiting, averageLagSeconds, maxLagSeconds, oldestUnappliedSeconds } = status.data!.ingestionStatus;
    expect([applied, waiting]).toEqual([2, 1]);
    // (100 + 40) / 2 = 70 s on average, 100 s at most, and 30 s for the waiting message (plus the moments the test takes).
    expect(averageLagSeconds).toBeGreaterThanOrEqual(70);
    expect(averageLagSeconds).toBeLessThan(75);
    expect(maxLagSeconds).toBeGreaterThanOrEqual(100);
    expect(maxLagSeconds).toBeLessThan(105);
    expect(oldestUnappliedSeconds).toBeGreaterThanOrEqual(30);
    expect(oldestUnappliedSeconds).toBeLessThan(35);
  });

  it('rejects an event still waiting after the timeout with UNRESOLVED_REFERENCE, and lists it', async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [inbox('in-1'), contact('ct-1'), inboundMessage('m-1', 'never')]);
    await apply(account.id);
    await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(
        `WITH log AS (UPDATE ingest_events SET received_at = received_at - interval '2 hours' WHERE account_id = $1)
         UPDATE ingest_event_states SET received_at = received_at - interval '2 hours' WHERE account_id = $1`,
        [account.id],
      ),
    );
    expect(await apply(account.id, { waitTimeoutSeconds: 3600 })).toMatchObject({ rejected: 1, waiting: 0 });
    expect((await states(account.id))[2]).toEqual({ type: 'message.created', state: 'rejected', waiting_for: 'conversation never' });
    const status = await app.graphql(
      '{ ingestionStatus { received pending waiting applied rejected latestRejections { code path message eventId batchIndex } } }',
      {
        key: account.key,
      },
    );
    expect(status.data).toEqual({
      ingestionStatus: {
        received: 3,
        pending: 0,
        waiting: 0,
        applied: 2,
        rejected: 1,
        latestRejections: [
          {
            code: 'UNRESOLVED_REFERENCE',
            path: '$.data',
            message: 'Still unknown after 3600 s: conversation never.',
            eventId: expect.any(String),
            batchIndex: null,
          },
        ],
      },
    });
  });

  it('counts received events from the batches, duplicates left out, folded by the applier into one row', async () => {
    const account = await createAccount(app.db);
    const first = [inbox('in-1'), contact('ct-1'), created('c-1')];
    await storeEvents(app.db, account.id, first);
    // The contact again (a duplicate id) and one new message: 1 stored of 2.
    await storeEvents(app.db, account.id, [first[1], inboundMessage('m-1', 'c-1')]);
    const received = async () => {
      const status = await app.graphql<{ ingestionStatus: Record<string, number> }>('{ ingestionStatus { received pending applied } }', {
        key: account.key,
      });
      return { ...status.data!.ingestionStatus, rows: await count(account.id, 'ingest_received_counts') };
    };
    // 3 + 1 = 4 received, one row per batch.
    expect(await received()).toEqual({ received: 4, pending: 4, applied: 0, rows: 2 });
    await apply(account.id);
    await storeEvents(app.db, account.id, [inboundMessage('m-2', 'c-1')]);
    // The applier folded the two rows into one (4); the new batch adds a row of 1.
    expect(await received()).toEqual({ received: 5, pending: 1, applied: 4, rows: 2 });
  });

  it('never resolves a reference into another account: the event waits there and the other account is untouched', async () => {
    const owner = await createAccount(app.db);
    await storeEvents(app.db, owner.id, [inbox('in-1'), contact('ct-1'), created('shared')]);
    await apply(owner.id);
    const intruder = await createAccount(app.db);
    await storeEvents(app.db, intruder.id, [contact('ct-1'), inboundMessage('m-x', 'shared')]);
    expect(await apply(intruder.id)).toMatchObject({ applied: 1, waiting: 1 });
    expect((await states(intruder.id))[1]).toMatchObject({ state: 'waiting', waiting_for: 'conversation shared' });
    expect(await count(owner.id, 'messages')).toBe(0);
    expect(await count(intruder.id, 'messages')).toBe(0);
  });

  it('refuses a conversation whose display id another conversation holds (DISPLAY_ID_TAKEN) and numbers the others', async () => {
    const account = await createAccount(app.db);
    await storeEvents(app.db, account.id, [
      inbox('in-1'),
      contact('ct-1'),
      created('c-1', { displayId: 7 }),
      created('c-2', { displayId: 7 }),
      created('c-3'),
    ]);
    expect(await apply(account.id)).toMatchObject({ applied: 4, rejected: 1 });
    const rows = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT external_id, display_id FROM conversations WHERE account_id = $1 ORDER BY display_id`, [account.id]),
    );
    // c-3 gives none: the next after the highest held (7) is 8.
    expect(rows).toEqual([
      { external_id: 'c-1', display_id: 7 },
      { external_id: 'c-3', display_id: 8 },
    ]);
    const [rejection] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT code, message FROM ingest_rejections WHERE account_id = $1`, [account.id]),
    );
    expect(rejection).toEqual({ code: 'DISPLAY_ID_TAKEN', message: 'Display id 7 belongs to another conversation.' });
  });

  it('rejects alone an event the database refuses (APPLY_FAILED) and applies its batch and the batches after it', async () => {
    const account = await createAccount(app.db);
    const team = (id: string, name: string) => event('team.upserted', '09:00', { team: id, name });
    // A rule of the database the validator does not know: a team named "poison" breaks the round's statement.
    await app.db.owner.query(`ALTER TABLE teams ADD CONSTRAINT test_no_poison CHECK (name <> 'poison') NOT VALID`);
    try {
      await storeEvents(app.db, account.id, [team('t-1', 'Suporte'), team('t-2', 'poison'), team('t-3', 'Vendas'), inbox('in-1')]);
      expect(await apply(account.id)).toMatchObject({ applied: 3, rejected: 1, waiting: 0 });
      await storeEvents(app.db, account.id, [team('t-4', 'Financeiro')]);
      expect(await apply(account.id)).toMatchObject({ applied: 1, rejected: 0 });
    } finally {
      await app.db.owner.query(`ALTER TABLE teams DROP CONSTRAINT test_no_poison`);
    }
    expect((await states(account.id)).map((row: { state: string }) => row.state)).toEqual([
      'applied',
      'rejected',
      'applied',
      'applied',
      'applied',
    ]);
    const names = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT name FROM teams WHERE account_id = $1 ORDER BY name`, [account.id]),
    );
    expect(names).toEqual([{ name: 'Financeiro' }, { name: 'Suporte' }, { name: 'Vendas' }]);
    const [rejection] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT event_id, code, path, message FROM ingest_rejections WHERE account_id = $1`, [account.id]),
    );
    expect(rejection).toEqual({
      event_id: expect.any(String),
      code: 'APPLY_FAILED',
      path: '$.data',
      message: expect.stringContaining('test_no_poison'),
    });
  });

  it('rebuilds a message created again under its id from all its creations, in one batch or across rounds', async () => {
    const created2 = (message: string, time: string, content: string) => ({
      ...inboundMessage(message, 'c-1', time),
      data: { ...inboundMessage(message, 'c-1', time).data, content },
    });
    const account = await createAccount(app.db);
    // m-1: 10:05 "late" arrives first, 10:01 "early" in a later round. m-2: both creations in one batch, latest first.
    await storeEvents(app.db, account.id, [inbox('in-1'), contact('ct-1'), created('c-1'), created2('m-1', '10:05', 'late')]);
    await apply(account.id);
    await storeEvents(app.db, account.id, [
      created2('m-1', '10:01', 'early'),
      created2('m-2', '10:09', 'b'),
      created2('m-2', '10:02', 'a'),
    ]);
    await apply(account.id);
    const rows = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT external_id, content, created_at, updated_at FROM messages WHERE account_id = $1 ORDER BY external_id`, [
        account.id,
      ]),
    );
    // The latest creation gives the content, the earliest dates the message, the latest its last update.
    expect(rows).toEqual([
      { external_id: 'm-1', content: 'late', created_at: new Date(T('10:01')), updated_at: new Date(T('10:05')) },
      { external_id: 'm-2', content: 'b', created_at: new Date(T('10:02')), updated_at: new Date(T('10:09')) },
    ]);
  });

  it('grows its rounds while a backlog lasts and the rounds stay under budget, up to the largest size', async () => {
    const account = await createAccount(app.db);
    const messages = Array.from({ length: 14 }, (_, index) => inboundMessage(`m-${index}`, 'c-1'));
    await storeEvents(app.db, account.id, [inbox('in-1'), contact('ct-1'), created('c-1'), ...messages]);
    // 17 events in rounds of 2, 4, 8 and then 3 (the largest size is 8): four rounds instead of nine at a fixed 2.
    const grown = await apply(account.id, { applyBatchSize: 2, applyMaxBatchSize: 8, applyRoundBudgetMs: 600_000 });
    expect(grown).toMatchObject({ rounds: 4, applied: 17, waiting: 0 });
    expect(await count(account.id, 'messages')).toBe(14);
  });

  it('recomputes a conversation from all its events: a late earlier resolution becomes the first one', async () => {
    const account = await createAccount(app.db);
    const resolve = (time: string, agent?: string) =>
      event('conversation.status_changed', time, { conversation: 'c-1', status: 'resolved', ...(agent ? { agent } : {}) });
    await storeEvents(app.db, account.id, [
      inbox('in-1'),
      contact('ct-1'),
      created('c-1'),
      event('conversation.status_changed', '11:30', { conversation: 'c-1', status: 'open' }),
      resolve('12:00'),
    ]);
    await apply(account.id);
    await storeEvents(app.db, account.id, [resolve('11:00')]);
    await apply(account.id);
    const [row] = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT status, first_resolved_at, resolved_at, updated_at FROM conversations WHERE account_id = $1`, [account.id]),
    );
    // Timeline: created 10:00 (new) → resolved 11:00 → open 11:30 (a reopening) → resolved 12:00.
    expect(row).toEqual({
      status: 'resolved',
      first_resolved_at: new Date(T('11:00')),
      resolved_at: new Date(T('12:00')),
      updated_at: new Date(T('12:00')),
    });
    const events = await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`SELECT kind, from_status, to_status FROM conversation_events WHERE account_id = $1 ORDER BY occurred_at`, [account.id]),
    );
    expect(events).toEqual([
      { kind: 'status_changed', from_status: 'new', to_status: 'resolved' },
      { kind: 'reopened', from_status: 'resolved', to_status: 'open' },
      { kind: 'status_changed', from_status: 'open', to_status: 'resolved' },
    ]);
  });
});

describe('contact.erased', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('removes personal data and message content from the tables and the log, keeps counts and times, and scrubs late events too', async () => {
    const account = await createAccount(app.db);
    const apply = () => applyAccount(app.db.owner, account.id, loadConfig().ingest);
    await storeEvents(app.db, account.id, [
      inbox('in-1'),
      event('agent.upserted', '09:00', { agent: 'ana', kind: 'human', name: 'Ana' }),
      event('contact.upserted', '09:00', {
        contact: 'ct-1',
        medium: 'WhatsApp',
        name: 'Carla Secreta',
        email: 'carla@secret.test',
        phoneNumber: '+5511911112222',
        primaryIdentifier: '+5511911112222',
      }),
      event('contact.attribute_set', '09:00', { contact: 'ct-1', name: 'cpf', value: '123.456.789-00' }),
      created('c-1'),
      inboundMessage('m-1', 'c-1', '10:00'),
      event('message.updated', '10:01', { message: 'm-1', content: 'Meu CPF é 123.456.789-00' }),
      event('message.created', '10:05', {
        message: 'm-2',
        conversation: 'c-1',
        direction: 'outgoing',
        origin: 'agent',
        senderAgent: 'ana',
        content: 'Olá Carla Secreta',
      }),
      event('conversation.csat_answered', '11:00', { conversation: 'c-1', score: 4, followUpAnswer: 'Carla Secreta agradece' }),
      event('dispatch.requested', '09:30', {
        dispatch: 'd-1',
        inbox: 'in-1',
        contact: 'ct-1',
        templateName: 'oi',
        content: 'Oi Carla Secreta',
        recipientNumber: '+5511911112222',
      }),
      event('contact.erased', '12:00', { contact: 'ct-1' }),
    ]);
    await apply();
    // A webhook that arrives late, after the erasure.
    await storeEvents(app.db, account.id, [inboundMessage('m-3', 'c-1', '10:30')]);
    await storeEvents(app.db, account.id, [event('message.updated', '10:31', { message: 'm-3', content: 'Carla Secreta de novo' })]);
    await apply();

    const tables = await withTenant(app.db.owner, account.id, async (runner) => ({
      contact: (
        await runner.query(`SELECT name, email, phone_number, primary_identifier, created_at FROM contacts WHERE account_id = $1`, [
          account.id,
        ])
      )[0],
      attributes: await runner.query(`SELECT name, value FROM contact_attributes WHERE account_id = $1`, [account.id]),
      messages: await runner.query(`SELECT external_id, content, created_at FROM messages WHERE account_id = $1 ORDER BY created_at`, [
        account.id,
      ]),
      conversation: (
        await runner.query(`SELECT csat_score, csat_follow_up_answer FROM conversations WHERE account_id = $1`, [account.id])
      )[0],
      dispatch: (
        await runner.query(`SELECT content, recipient_number, requested_at FROM dispatches WHERE account_id = $1`, [account.id])
      )[0],
      log: (await runner.query(`SELECT data::text AS data FROM ingest_events WHERE account_id = $1`, [account.id]))
        .map((row: { data: string }) => row.data)
        .join('\n'),
    }));
    expect(tables.contact).toEqual({
      name: null,
      email: null,
      phone_number: null,
      primary_identifier: 'erased',
      created_at: new Date(T('09:00')),
    });
    expect(tables.attributes).toEqual([{ name: 'cpf', value: null }]);
    expect(tables.messages).toEqual([
      { external_id: 'm-1', content: null, created_at: new Date(T('10:00')) },
      { external_id: 'm-2', content: null, created_at: new Date(T('10:05')) },
      { external_id: 'm-3', content: null, created_at: new Date(T('10:30')) },
    ]);
    expect(tables.conversation).toEqual({ csat_score: 4, csat_follow_up_answer: null });
    expect(tables.dispatch).toEqual({ content: '', recipient_number: '', requested_at: new Date(T('09:30')) });
    for (const secret of ['Carla', 'secret.test', '1111', '123.456', 'Oi'])
      expect({ secret, inLog: tables.log.includes(secret) }).toEqual({ secret, inLog: false });
  });
});

describe('the events API end to end, with the applier worker', () => {
  let app: TestApp;
  let worker: IngestWorker;
  let account: TestAccount;
  let ingestKey: string;

  beforeAll(async () => {
    app = await startTestApp();
    worker = await startIngestWorker({
      owner: app.db.owner,
      config: { ...loadConfig().ingest, pollIntervalMs: 500 },
      logger: createLogger('silent'),
    });
    account = await createAccount(app.db, { timeZone: 'America/Sao_Paulo' });
    ingestKey = (
      await withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role: 'ingest', name: 'platform' }),
      )
    ).key;
  });

  afterAll(async () => {
    await worker.stop();
    await app.close();
  });

  it("makes the README's example conversation appear in conversationsResolvedReport", async () => {
    // Exactly the batch of the README's curl example (its `-d '…'` body) and the answer it shows.
    const section = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8').split('\n## Ingestion\n')[1];
    const example = /-d '(\[[\s\S]*?\])'\n# (\{.*\})\n/.exec(section);
    if (!example) throw new Error('the README has no ingestion example');
    const batch: unknown = JSON.parse(example[1]);
    const shownAnswer: unknown = JSON.parse(example[2]);
    const response = await fetch(`${app.url}/ingest/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(batch),
    });
    expect(shownAnswer).toEqual({ accepted: 7, duplicates: 0, rejected: [] });
    expect([response.status, await response.json()]).toEqual([202, shownAnswer]);
    const query = `{ conversationsResolvedReport(filter: { from: "2026-03-10", to: "2026-03-11" }) { nodes { resolvedAt currentStatus firstResponseTimeSeconds } } }`;
    let nodes: unknown[] = [];
    for (let attempt = 0; attempt < 120 && nodes.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const result = await app.graphql<{ conversationsResolvedReport: { nodes: unknown[] } }>(query, { key: account.key });
      nodes = result.data?.conversationsResolvedReport.nodes ?? [];
    }
    // First response: inbound 14:00, Ana's reply 14:05 → 300 s.
    expect(nodes).toEqual([{ resolvedAt: '2026-03-10T14:10:00.000Z', currentStatus: 'RESOLVED', firstResponseTimeSeconds: 300 }]);
    const status = await app.graphql('{ ingestionStatus { received applied pending waiting rejected maxLagSeconds } }', {
      key: account.key,
    });
    expect(status.data).toMatchObject({ ingestionStatus: { received: 7, applied: 7, pending: 0, waiting: 0, rejected: 0 } });
  });

  it('refuses ingestionStatus to keys that are not admin', async () => {
    const analyst = await withTenant(app.db.owner, account.id, (runner) =>
      createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'bi' }),
    );
    const response = await app.graphql('{ ingestionStatus { received } }', { key: analyst.key });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
