import fc from 'fast-check';
import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { loadConfig } from '../../src/config';
import { importChatwoot } from '../../src/connectors/chatwoot/import';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { createChatwootDatabase } from './chatwoot/account';
import { accountDeliveries } from './chatwoot/deliveries';
import { applyAll, createChatwootConnector, deliver, ownerQuery } from './chatwoot/support';

/** Which table an id column of a report row names, by its field name. */
const ID_TABLES: Array<[RegExp, string]> = [
  [/^accountId$/, ''],
  [/^conversationDisplayId$/, ''],
  [/message/i, 'messages'],
  [/conversation/i, 'conversations'],
  [/inbox/i, 'inboxes'],
  [/contact/i, 'contacts'],
  [/team/i, 'teams'],
  [/topic/i, 'topics'],
  [/tag/i, 'tags'],
  [/agent|user/i, 'agents'],
];

/** Reports whose rows hold what only one of the two paths knows, and why. */
const APART: Record<string, string> = {
  // Agents' creation dates: Chatwoot's users.created_at is in no payload.
  chat_users: 'agent creation dates',
  // Contacts' last update: webhooks date it by the last payload the contact was in, the import by contacts.updated_at.
  contacts: 'contact update times',
  // Team and inbox memberships are in no webhook.
  teams: 'team memberships',
  agent_metrics: 'inbox memberships',
};

/**
 * The account of ./chatwoot/account.ts reaches us twice: as its webhook deliveries (shuffled, some
 * sent twice) into one account, and by the import of its database into another; the report rows
 * agree. Then the import runs over the webhook account too, and its report rows do not move.
 */
describe('Chatwoot webhooks and import give the same reports', () => {
  let app: TestApp;
  let databaseUrl: string;
  let hooks: TestAccount;
  let hooksConnector: { id: string; webhookUrl: string };
  let imported: TestAccount;

  async function normalizedReports(account: TestAccount): Promise<Record<string, unknown[]>> {
    const external = new Map<string, string>();
    for (const table of ['messages', 'conversations', 'inboxes', 'contacts', 'teams', 'topics', 'tags', 'agents']) {
      const rows = await ownerQuery(app.db, account.id, `SELECT id::text AS id, external_id FROM ${table} WHERE account_id = $1`, [
        account.id,
      ]);
      for (const row of rows) external.set(`${table}:${row.id}`, row.external_id);
    }
    const normalize = (field: string, value: unknown): unknown => {
      if (!/Ids?$/.test(field) || value === null) return value;
      const table = ID_TABLES.find(([pattern]) => pattern.test(field))?.[1];
      // An attribute has no external id: the row's contact and attribute name are what identify it.
      if (!table) return field === 'accountId' ? 'account' : field === 'attributeId' ? 'attribute' : value;
      return Array.isArray(value) ? value.map((v) => external.get(`${table}:${v}`)) : external.get(`${table}:${value}`);
    };
    const reports: Record<string, unknown[]> = {};
    for (const definition of catalog) {
      if (APART[definition.key]) continue;
      const field = reportQueryField(definition.key);
      const response = await app.graphql<Record<string, { nodes: Array<Record<string, unknown>> }>>(
        `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1000) { nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
        { key: account.key, variables: { filter: { from: '2026-03-09', to: '2026-03-10', timeZone: 'UTC' } } },
      );
      expect(response.errors).toBeUndefined();
      reports[definition.key] = response
        .data![field].nodes.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalize(k, v)]))))
        .sort();
    }
    return reports;
  }

  beforeAll(async () => {
    app = await startTestApp();
    databaseUrl = await createChatwootDatabase('chatwoot_equivalence_test');
    imported = await createAccount(app.db, { name: 'Casa Verde' });
    const importedConnector = await createChatwootConnector(app, imported.key);
    await importChatwoot({
      owner: app.db.owner,
      accountId: imported.id,
      connectorId: importedConnector.id,
      databaseUrl,
      config: loadConfig().ingest,
    });
    await applyAll(app.db, imported.id);

    hooks = await createAccount(app.db, { name: 'Casa Verde' });
    hooksConnector = await createChatwootConnector(app, hooks.key);
    const deliveries = accountDeliveries().map((payload) => Buffer.from(JSON.stringify(payload)));
    // A seeded shuffle with every third delivery sent twice: Chatwoot neither orders nor dedupes (webhooks.md §6).
    const order = fc.sample(
      fc.shuffledSubarray(
        [...deliveries.keys(), ...deliveries.keys()].filter((i, n) => n < deliveries.length || i % 3 === 0),
        {
          minLength: deliveries.length + Math.ceil(deliveries.length / 3),
        },
      ),
      { numRuns: 1, seed: Number(process.env.FUZZ_SEED ?? 20261201) },
    )[0];
    expect(new Set(order).size).toBe(deliveries.length);
    for (const index of order) {
      const response = await deliver(app, hooksConnector.webhookUrl, deliveries[index]);
      expect(response.status).toBe(200);
    }
    await applyAll(app.db, hooks.id);
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives the same rows for every report both paths can know', async () => {
    const fromHooks = await normalizedReports(hooks);
    const fromImport = await normalizedReports(imported);
    // Both conversations are in the day's conversation reports, and the rows are not empty.
    expect(fromImport.conversations_resolved).toHaveLength(1);
    expect(fromImport.conversations_open).toHaveLength(1);
    expect(fromHooks).toEqual(fromImport);
  });

  it('changes no report row when the import runs after the webhooks', async () => {
    const before = await normalizedReports(hooks);
    const report = await importChatwoot({
      owner: app.db.owner,
      accountId: hooks.id,
      connectorId: hooksConnector.id,
      databaseUrl,
      config: loadConfig().ingest,
    });
    // What webhooks never carry is filled in: activity lines, memberships, the unused label, the agents' and inboxes' full records.
    expect(report.events.accepted).toBeGreaterThan(0);
    await applyAll(app.db, hooks.id);
    expect(await normalizedReports(hooks)).toEqual(before);
    const [{ activity }] = await ownerQuery(
      app.db,
      hooks.id,
      `SELECT count(*)::int AS activity FROM messages WHERE account_id = $1 AND message_type = 'activity'`,
      [hooks.id],
    );
    // 881216, 881217, 881218.
    expect(activity).toBe(3);
  });
});
