import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { loadConfig } from '../../src/config';
import { ImportInterrupted, ImportReport, TableProgress, importChatwoot } from '../../src/connectors/chatwoot/import';
import { domainSnapshot } from '../support/ingest';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { CHATWOOT_ACCOUNT_SQL, createChatwootDatabase } from './chatwoot/account';
import { applyAll, createChatwootConnector, deliver, ownerQuery, referencePayloads } from './chatwoot/support';

/** The import of the hand-written account of ./chatwoot/account.ts (its timeline is there). */
describe('npm run cli -- chatwoot import', () => {
  let app: TestApp;
  let databaseUrl: string;
  let account: TestAccount;
  let connectorId: string;
  let first: ImportReport;
  const progress: TableProgress[] = [];

  const run = (
    target: TestAccount,
    connector: string,
    options: { pageSize?: number; stopAfterPages?: number; onProgress?: (p: TableProgress) => void } = {},
  ) =>
    importChatwoot({
      owner: app.db.owner,
      accountId: target.id,
      connectorId: connector,
      databaseUrl,
      config: loadConfig().ingest,
      ...options,
    });

  /** Domain rows with the source (one per connector) taken out, so two connectors' imports compare. */
  const snapshot = async (target: TestAccount) =>
    Object.fromEntries(
      Object.entries(await domainSnapshot(app.db, target.id)).map(([table, rows]) => [
        table,
        rows.map((row) => row.replace(/"source":"chatwoot:\d+"/, '')),
      ]),
    );

  async function reportRows(key: string, report: string): Promise<Array<Record<string, unknown>>> {
    const definition = catalog.find((r) => r.key === report)!;
    const field = reportQueryField(report);
    const response = await app.graphql<Record<string, { nodes: Array<Record<string, unknown>> }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 100) { nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
      { key, variables: { filter: { from: '2026-03-09', to: '2026-03-10', timeZone: 'UTC' } } },
    );
    expect(response.errors).toBeUndefined();
    return response.data![field].nodes;
  }

  beforeAll(async () => {
    app = await startTestApp();
    databaseUrl = await createChatwootDatabase('chatwoot_import_test');
    account = await createAccount(app.db);
    connectorId = (await createChatwootConnector(app, account.key)).id;
    first = await run(account, connectorId, { pageSize: 5, onProgress: (p) => progress.push(p) });
    await applyAll(app.db, account.id);
  });

  afterAll(async () => {
    await app.close();
  });

  it('reads every table of the connector’s Chatwoot account only, page by page, with progress', () => {
    expect(first.resumed).toBe(false);
    // Account 4's inbox, user, contact, conversation, message and reporting event are not read.
    expect(Object.fromEntries(first.tables.map((t) => [t.table, t.rows]))).toEqual({
      inboxes: 2,
      users: 2,
      agent_bots: 1,
      teams: 1,
      team_members: 1,
      inbox_members: 2,
      labels: 3,
      contacts: 2,
      contact_inboxes: 2,
      conversations: 2,
      taggings: 1,
      reporting_events: 6,
      messages: 13,
      csat_survey_responses: 1,
      reconcile: 2,
    });
    expect(first.rows).toBe(41);
    expect(first.events.rejected).toBe(0);
    // 13 messages in pages of 5: 5, 10, 13 rows read, ETA down to 0.
    expect(progress.filter((p) => p.table === 'messages').map((p) => [p.rows, p.total])).toEqual([
      [5, 13],
      [10, 13],
      [13, 13],
    ]);
    expect(progress.find((p) => p.table === 'messages' && p.rows === 13)?.etaSeconds).toBe(0);
  });

  it('gives the resolved conversation the values worked out by hand', async () => {
    const rows = await reportRows(account.key, 'conversations_resolved');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'WhatsApp Atendimento',
      medium: 'WhatsApp',
      createdAt: '2026-03-09T12:14:03.000Z',
      currentStatus: 'RESOLVED',
      // The latest of the two conversation_resolved reporting events (12:40:00.512, 13:10:00.300), to the second.
      resolvedAt: '2026-03-09T13:10:00.000Z',
      resolvedBy: 'AGENT',
      resolvedAgentName: 'Rafael Souza',
      // 881204 and 881250 in; 881211, the survey 881240 and 881251 out; the private note and the three activity lines left out.
      inboundMessageCount: 2,
      outboundMessageCount: 3,
      // 12:14:03.236 → 12:18:05.771 = 242.535 s → 243 (Chatwoot's own first_response says 243 too).
      firstResponseTimeSeconds: 243,
      // 12:14:03.236 → 13:10:00 = 3356.764 s → 3357.
      resolutionTimeSeconds: 3357,
      // troca was removed at 12:30 (its activity line); only avaria is still applied.
      topicNames: ['avaria'],
      csatScore: 4,
      csatCompletedStatus: 'COMPLETED',
      csatFollowUpResponse: 'Bom',
    });
    const events = await ownerQuery(
      app.db,
      account.id,
      `SELECT e.kind, e.to_status, e.occurred_at FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
        WHERE e.account_id = $1 AND c.display_id = 482 AND e.kind <> 'assigned' ORDER BY e.occurred_at`,
      [account.id],
    );
    expect(events.map((e) => [e.kind, e.to_status, e.occurred_at.toISOString()])).toEqual([
      ['status_changed', 'open', '2026-03-09T12:14:03.000Z'],
      ['status_changed', 'resolved', '2026-03-09T12:40:00.000Z'],
      // conversation_opened at 13:05:00.2 after a resolution: a reopening.
      ['reopened', 'open', '2026-03-09T13:05:00.000Z'],
      ['status_changed', 'resolved', '2026-03-09T13:10:00.000Z'],
    ]);
    const [topics] = await ownerQuery(
      app.db,
      account.id,
      `SELECT array_agg(t.name || ' ' || to_char(x.applied_at, 'HH24:MI:SS') || ' ' || coalesce(to_char(x.removed_at, 'HH24:MI:SS'), '-') ORDER BY t.name) AS list
         FROM conversation_topics x JOIN topics t ON t.id = x.topic_id WHERE x.account_id = $1`,
      [account.id],
    );
    expect(topics.list).toEqual(['avaria 12:21:10 -', 'troca 12:21:10 12:30:00']);
  });

  it('starts the first-response clock of the bot conversation at its handoff', async () => {
    const [row] = await reportRows(account.key, 'conversations_open');
    expect(row).toMatchObject({
      channel: 'Site',
      medium: 'Website',
      currentStatus: 'OPEN',
      // Marcos (web widget) in twice; Bia and Ana out.
      inboundMessageCount: 2,
      outboundMessageCount: 2,
      // Handoff 14:01:30.4 → 14:01:30 (to the second) → Ana's reply 14:05:30.4 = 240.4 s → 240; Bia's reply does not count.
      firstResponseTimeSeconds: 240,
    });
    const [conversation] = await ownerQuery(
      app.db,
      account.id,
      `SELECT a.external_id AS assignee, t.name AS team FROM conversations c JOIN agents a ON a.id = c.assignee_id JOIN teams t ON t.id = c.team_id
        WHERE c.account_id = $1 AND c.display_id = 483`,
      [account.id],
    );
    expect(conversation).toEqual({ assignee: 'user:15', team: 'suporte' });
  });

  it('stores the contacts’ attributes, ids within their inboxes and browsers, which the contact_attributes report shows', async () => {
    const rows = await reportRows(account.key, 'contact_attributes');
    // Writers of 2026-03-09: Juliana (881204, 881250) and Marcos (881300, 881302). Juliana: 3 custom attributes, her city
    // (additional_attributes) and her WhatsApp id (contact_inboxes) = 5 rows. Marcos: 1 custom attribute (his newsletter key
    // holds no value), his company (his LinkedIn profile is not a field), his widget visitor id, and conversation 483's browser
    // (Chrome 131.0.6778.85 → major 131, on Android) and referer = 5 rows. Account 4's plano bronze and city Recife are not read.
    expect(rows.map((r) => [r.contactPrimaryIdentifier, r.attributeName, r.attributeValue, r.attributeType]).sort()).toEqual([
      ['+5511987654321', 'city', 'Campinas', 'DEFAULT'],
      ['+5511987654321', 'cliente_desde', '2019', 'CUSTOM'],
      ['+5511987654321', 'plano', 'ouro', 'CUSTOM'],
      ['+5511987654321', 'vip', 'true', 'CUSTOM'],
      ['+5511987654321', 'whatsapp_id', '5511987654321', 'MEDIUM'],
      ['marcos@example.com', 'browser', 'Chrome 131 / Android', 'MEDIUM'],
      ['marcos@example.com', 'company_name', 'Dias Arquitetura', 'DEFAULT'],
      ['marcos@example.com', 'origem', 'site', 'CUSTOM'],
      ['marcos@example.com', 'referer', 'https://casaverde.com.br/sofas', 'MEDIUM'],
      ['marcos@example.com', 'web_widget_id', 'b1f0c7e2', 'MEDIUM'],
    ]);
  });

  it('gives each inbox the address and provider its channel row holds', async () => {
    const inboxes = await ownerQuery(
      app.db,
      account.id,
      `SELECT external_id, channel_type, medium, address, sender_number, provider FROM inboxes WHERE account_id = $1 ORDER BY external_id`,
      [account.id],
    );
    expect(inboxes).toEqual([
      // channel_whatsapp 1: +551130000000, provider 'default', which is Chatwoot's 360dialog.
      {
        external_id: 'inbox:11',
        channel_type: 'whatsapp',
        medium: 'WhatsApp',
        address: '+551130000000',
        sender_number: '+551130000000',
        provider: '360dialog',
      },
      // channel_web_widgets 1: the website; a widget sends from no number and has no provider.
      {
        external_id: 'inbox:12',
        channel_type: 'web_widget',
        medium: 'Website',
        address: 'https://casaverde.com.br',
        sender_number: null,
        provider: null,
      },
    ]);
  });

  it('reads the channel tables of newer Chatwoot versions when they are there (Line, TikTok, Voice), which later webhooks keep', async () => {
    // The reference schema has no channel_line, channel_tiktok or channel_voice; Chatwoot's db/schema.rb (develop) has them.
    const newer = await createChatwootDatabase(
      'chatwoot_import_newer',
      `${CHATWOOT_ACCOUNT_SQL}
      CREATE TABLE channel_line (id bigserial PRIMARY KEY, account_id integer NOT NULL, line_channel_id varchar NOT NULL,
        line_channel_secret varchar NOT NULL, line_channel_token varchar NOT NULL, created_at timestamp NOT NULL, updated_at timestamp NOT NULL);
      CREATE TABLE channel_tiktok (id bigserial PRIMARY KEY, account_id integer NOT NULL, business_id varchar NOT NULL,
        access_token varchar NOT NULL, created_at timestamp NOT NULL, updated_at timestamp NOT NULL);
      CREATE TABLE channel_voice (id bigserial PRIMARY KEY, phone_number varchar NOT NULL, provider varchar DEFAULT 'twilio' NOT NULL,
        provider_config jsonb NOT NULL, account_id integer NOT NULL, created_at timestamp NOT NULL, updated_at timestamp NOT NULL);
      INSERT INTO channel_line VALUES (1, 3, '2007001234', 'secret', 'token', '2026-01-02', '2026-01-02');
      INSERT INTO channel_tiktok VALUES (1, 3, 'casaverde-tt', 'token', '2026-01-02', '2026-01-02');
      INSERT INTO channel_voice VALUES (1, '+551120000000', 'twilio', '{}', 3, '2026-01-02', '2026-01-02');
      INSERT INTO channel_twilio_sms (id, phone_number, auth_token, account_sid, account_id, medium, created_at, updated_at)
        VALUES (1, '+551140000000', 'token', 'AC1', 3, 1, '2026-01-02', '2026-01-02');
      INSERT INTO channel_email (id, account_id, email, forward_to_email, provider, created_at, updated_at)
        VALUES (1, 3, 'contato@casaverde.com.br', 'x@example.com', 'google', '2026-01-02', '2026-01-02');
      INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, created_at, updated_at) VALUES
        (14, 1, 3, 'LINE', 'Channel::Line', '2026-01-02', '2026-01-02'), (15, 1, 3, 'TikTok', 'Channel::Tiktok', '2026-01-02', '2026-01-02'),
        (16, 1, 3, 'Telefone', 'Channel::Voice', '2026-01-02', '2026-01-02'), (17, 1, 3, 'WhatsApp Twilio', 'Channel::TwilioSms', '2026-01-02', '2026-01-02'),
        (18, 1, 3, 'E-mail', 'Channel::Email', '2026-01-02', '2026-01-02');`,
    );
    const other = await createAccount(app.db);
    const { id: connector, webhookUrl } = await createChatwootConnector(app, other.key);
    const report = await importChatwoot({
      owner: app.db.owner,
      accountId: other.id,
      connectorId: connector,
      databaseUrl: newer,
      config: loadConfig().ingest,
    });
    expect(report.events.rejected).toBe(0);
    await applyAll(app.db, other.id);
    // A later webhook names inbox 11 (name and channel only) in an upsert dated by its message: the channel record stays.
    expect((await deliver(app, webhookUrl, referencePayloads()[1].body)).status).toBe(200);
    await applyAll(app.db, other.id);
    const [whatsapp] = await ownerQuery(
      app.db,
      other.id,
      `SELECT name, address, sender_number, provider FROM inboxes WHERE account_id = $1 AND external_id = 'inbox:11'`,
      [other.id],
    );
    expect(whatsapp).toEqual({
      name: 'WhatsApp Atendimento',
      address: '+551130000000',
      sender_number: '+551130000000',
      provider: '360dialog',
    });
    const inboxes = await ownerQuery(
      app.db,
      other.id,
      `SELECT external_id, channel_type, address, sender_number, provider FROM inboxes WHERE account_id = $1 AND external_id <> ALL ($2) ORDER BY external_id`,
      [other.id, ['inbox:11', 'inbox:12']],
    );
    expect(inboxes).toEqual([
      { external_id: 'inbox:14', channel_type: 'line', address: '2007001234', sender_number: null, provider: null },
      { external_id: 'inbox:15', channel_type: 'tiktok', address: 'casaverde-tt', sender_number: null, provider: null },
      { external_id: 'inbox:16', channel_type: 'voice', address: '+551120000000', sender_number: '+551120000000', provider: 'twilio' },
      // Twilio's medium 1 is WhatsApp.
      { external_id: 'inbox:17', channel_type: 'whatsapp', address: '+551140000000', sender_number: '+551140000000', provider: 'twilio' },
      { external_id: 'inbox:18', channel_type: 'email', address: 'contato@casaverde.com.br', sender_number: null, provider: 'google' },
    ]);
  });

  it('changes nothing when run again: every event is already in the log', async () => {
    const before = await snapshot(account);
    const again = await run(account, connectorId);
    // The first run's 76 events less its 3 corrections of current state (482's assignee, 483's assignee and team), which the
    // log now agrees with: the tables' 73 events again, every one a duplicate.
    expect(first.events.accepted + first.events.duplicates).toBe(76);
    expect(again.events).toEqual({ accepted: 0, duplicates: 73, rejected: 0 });
    await applyAll(app.db, account.id);
    expect(await snapshot(account)).toEqual(before);
  });

  it('resumes an interrupted run from its high-water marks and ends where an uninterrupted one does', async () => {
    const other = await createAccount(app.db);
    const connector = (await createChatwootConnector(app, other.key)).id;
    // Pages of 2: inboxes 1, users 1, agent_bots 1, teams 1, team_members 1, inbox_members 1, labels 2 → stops after the 8th page.
    await expect(run(other, connector, { pageSize: 2, stopAfterPages: 8 })).rejects.toThrow(ImportInterrupted);
    const [{ state }] = await ownerQuery(app.db, other.id, `SELECT import_state AS state FROM connectors WHERE id = $1`, [connector]);
    expect(state).toEqual({
      done: false,
      marks: { inboxes: 12, users: 2, agent_bots: 5, teams: 7, team_members: 1, inbox_members: 2, labels: 3 },
    });
    const resumed = await run(other, connector, { pageSize: 2 });
    expect(resumed.resumed).toBe(true);
    // Only what was left: the seven tables read before the stop give nothing more.
    expect(resumed.tables.find((t) => t.table === 'labels')?.rows).toBe(0);
    expect(resumed.tables.find((t) => t.table === 'messages')?.rows).toBe(13);
    await applyAll(app.db, other.id);
    expect(await snapshot(other)).toEqual(await snapshot(account));
  });

  it('refuses a connector of another account and an unreachable database with errors, storing nothing', async () => {
    const other = await createAccount(app.db);
    await expect(run(other, connectorId)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const url = new URL(databaseUrl);
    url.pathname = '/no_such_chatwoot';
    await expect(
      importChatwoot({ owner: app.db.owner, accountId: account.id, connectorId, databaseUrl: url.toString(), config: loadConfig().ingest }),
    ).rejects.toThrow(/no_such_chatwoot/);
  });

  it('refuses a connector whose Chatwoot account the database lacks, storing nothing', async () => {
    const other = await createAccount(app.db);
    const created = await app.graphql<{ createConnector: { connector: { id: string } } }>(
      `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }`,
      { key: other.key, variables: { input: { kind: 'CHATWOOT', name: 'Typo', chatwootAccountId: 99 } } },
    );
    await expect(run(other, created.data!.createConnector.connector.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no account 99'),
    });
    const [{ n }] = await ownerQuery(app.db, other.id, `SELECT count(*)::int AS n FROM ingest_events WHERE account_id = $1`, [other.id]);
    expect(n).toBe(0);
  });

  it('runs from the command line with a connector id only, printing progress, and refuses an unknown connector', async () => {
    const other = await createAccount(app.db);
    const connector = (await createChatwootConnector(app, other.key)).id;
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'chatwoot', 'import', ...args], {
        cwd: path.resolve(__dirname, '../..'),
        env: process.env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const result = cli(['--connector', connector, '--database-url', databaseUrl, '--page-size', '10']);
    expect(result.status).toBe(0);
    // 13 messages in pages of 10.
    expect(result.stderr).toContain('messages: 10/13 rows');
    expect(result.stderr).toContain('messages: 13/13 rows');
    expect(result.stdout).toContain('41 rows in');
    expect(result.stdout).toContain('0 rejected');
    const unknown = cli(['--connector', '999999', '--database-url', databaseUrl]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no connector 999999');
  });
});
