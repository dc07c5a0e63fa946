import { GraphQLField, GraphQLObjectType, GraphQLSchema, getNamedType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { seedDemoData, SeededAccount } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';
import { codes } from './support';

const NOW = new Date('2026-10-15T12:00:00Z');
const FILTER = { from: '2026-08-01T00:00:00Z', to: '2026-10-16T00:00:00Z' };
/**
 * The foreign accounts are seeded after every identity sequence jumps to this floor, so each id
 * they own is at least this and each id the home accounts own is below it: any id field in a
 * response tells by itself which side it came from, whatever table it names.
 */
const FOREIGN_FLOOR = 10_000_000_000n;

const KNOWN_LISTS = [
  'inboxes',
  'conversations',
  'messages',
  'agents',
  'teams',
  'topics',
  'tags',
  'contacts',
  'dispatches',
  'agentPresences',
];
const KNOWN_LOOKUPS = ['inbox', 'conversation', 'message', 'agent', 'team', 'topic', 'tag', 'contact'];

type Side = 'home' | 'foreign';
type Json = unknown;

function isConnection(type: unknown): type is GraphQLObjectType {
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

function requiredArgs(field: GraphQLField<unknown, unknown>): string[] {
  return field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => arg.name);
}

/** Every value of a field named `id` or `…Id` (display ids excepted: they are per-account numbers). */
function idValues(value: Json, key = ''): bigint[] {
  if (Array.isArray(value)) return value.flatMap((item) => idValues(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => idValues(v, k));
  const isId = (key === 'id' || key.endsWith('Id')) && !key.endsWith('DisplayId');
  return isId && typeof value === 'string' && /^\d+$/.test(value) ? [BigInt(value)] : [];
}

function sideOf(id: bigint): Side {
  return id >= FOREIGN_FLOOR ? 'foreign' : 'home';
}

/**
 * The API half of tenant isolation, driven by the schema itself: every root list and every list
 * of `account`, every catalog report and every lookup by id, seen through two accounts' keys.
 */
describe('cross-tenant isolation of every query field', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  let home: SeededAccount;
  let foreign: SeededAccount;
  const keys: Record<Side, string> = { home: '', foreign: '' };
  const totalsBeforeForeignData = new Map<string, number>();

  const lists = () => {
    const query = schema.getQueryType()!.getFields();
    const account = (schema.getType('Account') as GraphQLObjectType).getFields();
    const nodeHasId = (connection: GraphQLObjectType) => {
      const node = getNamedType(connection.getFields().nodes.type);
      return isObjectType(node) && 'id' in node.getFields();
    };
    const pick = (fields: Record<string, GraphQLField<unknown, unknown>>) =>
      Object.values(fields).filter((f) => {
        const type = getNamedType(f.type);
        return isConnection(type) && nodeHasId(type) && requiredArgs(f).length === 0;
      });
    return { root: pick(query).map((f) => f.name), account: pick(account).map((f) => f.name) };
  };

  async function pageThrough(key: string, field: string, under: 'root' | 'account'): Promise<{ totalCount: number; ids: bigint[] }> {
    const selection = (after: string | null) =>
      `${field}(first: 100${after ? `, after: ${JSON.stringify(after)}` : ''}) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }`;
    const ids: bigint[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const query: string = under === 'root' ? `{ ${selection(after)} }` : `{ account { ${selection(after)} } }`;
      const response = await app.graphql<Record<string, any>>(query, { key });
      expect({ field, errors: response.errors }).toEqual({ field, errors: undefined });
      const page = under === 'root' ? response.data![field] : response.data!.account[field];
      totalCount = page.totalCount;
      ids.push(...idValues(page.nodes));
      if (!page.pageInfo.hasNextPage) return { totalCount, ids };
      after = page.pageInfo.endCursor;
    }
  }

  async function reportRows(key: string, reportKey: string): Promise<{ totalCount: number; rows: Array<Record<string, Json>> }> {
    const report = catalog.find((r) => r.key === reportKey)!;
    const field = reportQueryField(report.key);
    const rows: Array<Record<string, Json>> = [];
    let after: string | null = null;
    for (;;) {
      const response: { data?: Record<string, any> | null; errors?: unknown } = await app.graphql<Record<string, any>>(
        `query($filter: ReportFilter!, $after: String) {
          ${field}(filter: $filter, first: 1000, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${report.columns.map((c) => c.field).join(' ')} } }
        }`,
        { key, variables: { filter: FILTER, after } },
      );
      expect({ field, errors: response.errors }).toEqual({ field, errors: undefined });
      const page = response.data![field];
      rows.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { totalCount: page.totalCount, rows };
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ configure: (config) => ({ ...config, security: { ...config.security, rateLimitBurst: 10_000 } }) });
    schema = await buildGraphQLSchema();
    const adminKey = async (account: SeededAccount) =>
      (
        await withTenant(app.db.owner, account.id, (runner) =>
          createApiKey(runner, { accountId: account.id, role: 'admin', name: 'cross-tenant' }),
        )
      ).key;

    [home] = await seedDemoData(app.db.owner, { now: NOW, conversationsPerAccount: 12 });
    keys.home = await adminKey(home);
    for (const field of lists().root)
      totalsBeforeForeignData.set(`root.${field}`, (await pageThrough(keys.home, field, 'root')).totalCount);
    for (const report of catalog) totalsBeforeForeignData.set(`report.${report.key}`, (await reportRows(keys.home, report.key)).totalCount);

    const identities: Array<{ table_name: string; column_name: string }> = await app.db.owner.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
    );
    for (const { table_name, column_name } of identities) {
      await app.db.owner.query(`SELECT setval(pg_get_serial_sequence($1, $2), $3::bigint)`, [
        table_name,
        column_name,
        FOREIGN_FLOOR.toString(),
      ]);
    }
    // The same profiles again (a twin of `home` among them), so a leak would have rows to show.
    [foreign] = await seedDemoData(app.db.owner, { now: NOW, conversationsPerAccount: 12 });
    expect(sideOf(BigInt(foreign.id))).toBe('foreign');
    expect(sideOf(BigInt(home.id))).toBe('home');
    keys.foreign = await adminKey(foreign);
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('finds every entity list, lookup and report among the root fields it checks', () => {
    const { root } = lists();
    expect(root).toEqual(expect.arrayContaining(KNOWN_LISTS));
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).toEqual(expect.arrayContaining([...KNOWN_LOOKUPS, ...catalog.map((r) => reportQueryField(r.key))]));
  });

  it.each<Side>(['home', 'foreign'])('root and account lists show the %s key only its own rows', async (side) => {
    const { root, account } = lists();
    for (const [under, fields] of [
      ['root', root],
      ['account', account],
    ] as const) {
      for (const field of fields) {
        const { totalCount, ids } = await pageThrough(keys[side], field, under);
        expect({ field, under, sides: [...new Set(ids.map(sideOf))] }).toEqual({ field, under, sides: ids.length ? [side] : [] });
        expect({ field, under, counted: ids.length }).toEqual({ field, under, counted: totalCount });
        if (side === 'home' && under === 'root')
          expect({ field, totalCount }).toEqual({ field, totalCount: totalsBeforeForeignData.get(`root.${field}`) });
      }
    }
  });

  it.each<Side>(['home', 'foreign'])(
    'every report shows the %s key only its own rows, and no more of them than before the other account existed',
    async (side) => {
      const ownAccount = side === 'home' ? home.id : foreign.id;
      for (const report of catalog) {
        const { totalCount, rows } = await reportRows(keys[side], report.key);
        expect({ report: report.key, rows: rows.length }).toEqual({ report: report.key, rows: totalCount });
        const sides = new Set(idValues(rows).map(sideOf));
        expect({ report: report.key, sides: [...sides] }).toEqual({ report: report.key, sides: rows.length ? [side] : [] });
        const accountIds = new Set(rows.map((row) => row.accountId).filter((id) => id !== undefined));
        expect({ report: report.key, accountIds: [...accountIds] }).toEqual({
          report: report.key,
          accountIds: accountIds.size ? [ownAccount] : [],
        });
        if (side === 'home')
          expect({ report: report.key, totalCount }).toEqual({
            report: report.key,
            totalCount: totalsBeforeForeignData.get(`report.${report.key}`),
          });
      }
    },
  );

  it('the twin reports are not all empty (the checks above had rows to judge)', async () => {
    const nonEmpty = [];
    for (const report of catalog) if ((await reportRows(keys.home, report.key)).rows.length > 0) nonEmpty.push(report.key);
    expect(nonEmpty.length).toBeGreaterThanOrEqual(catalog.length - 2);
  });

  it('answers every lookup by a foreign id with NOT_FOUND and by an own id with the row', async () => {
    const query = schema.getQueryType()!.getFields();
    const lookups = Object.values(query).filter(
      (f) => requiredArgs(f).join() === 'id' && f.args.length === 1 && isObjectType(getNamedType(f.type)),
    );
    const checked: string[] = [];
    for (const field of lookups) {
      const metadata = app.db.owner.entityMetadatas.find((m) => m.name === getNamedType(field.type).name);
      if (!metadata) continue;
      const idOf = async (accountId: string): Promise<string | undefined> =>
        // Bound to the account: forced Row Level Security hides every row from an owner that is not a superuser.
        (
          await withTenant(app.db.owner, accountId, (runner) =>
            runner.query(`SELECT id::text AS id FROM ${metadata.tableName} WHERE account_id = $1 ORDER BY id LIMIT 1`, [accountId]),
          )
        )[0]?.id;
      const [homeId, foreignId] = [await idOf(home.id), await idOf(foreign.id)];
      if (!homeId || !foreignId) continue;
      const document = `query($id: ID!) { ${field.name}(id: $id) { id } }`;
      for (const [key, ownId, otherId] of [
        [keys.home, homeId, foreignId],
        [keys.foreign, foreignId, homeId],
      ]) {
        const own = await app.graphql<Record<string, { id: string }>>(document, { key, variables: { id: ownId } });
        expect({ field: field.name, data: own.data }).toEqual({ field: field.name, data: { [field.name]: { id: ownId } } });
        const other = await app.graphql(document, { key, variables: { id: otherId } });
        expect({ field: field.name, data: other.data ?? null, codes: codes(other) }).toEqual({
          field: field.name,
          data: null,
          codes: ['NOT_FOUND'],
        });
      }
      checked.push(field.name);
    }
    expect(checked).toEqual(expect.arrayContaining(KNOWN_LOOKUPS));
  });

  it('answers the argument-free fields (account, apiKeys, …) with the key’s own account only', async () => {
    const query = schema.getQueryType()!.getFields();
    const plain = Object.values(query).filter(
      (f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined) && !isConnection(getNamedType(f.type)),
    );
    expect(plain.map((f) => f.name)).toEqual(expect.arrayContaining(['account', 'apiKeys', 'reportCatalog']));
    for (const field of plain) {
      const type = getNamedType(field.type);
      const scalars = isObjectType(type)
        ? Object.values(type.getFields())
            .filter((f) => isLeafType(getNamedType(f.type)) && requiredArgs(f).length === 0)
            .map((f) => f.name)
        : [];
      const selection = isObjectType(type) ? `{ ${scalars.join(' ')} }` : '';
      for (const side of ['home', 'foreign'] as const) {
        const response = await app.graphql<Record<string, Json>>(`{ ${field.name} ${selection} }`, { key: keys[side] });
        expect({ field: field.name, errors: response.errors }).toEqual({ field: field.name, errors: undefined });
        const sides = new Set(idValues(response.data).map(sideOf));
        expect({ field: field.name, foreign: sides.has(side === 'home' ? 'foreign' : 'home') }).toEqual({
          field: field.name,
          foreign: false,
        });
      }
    }
    const account = await app.graphql<{ account: { id: string } }>('{ account { id } }', { key: keys.foreign });
    expect(account.data?.account.id).toBe(foreign.id);
  });
});
