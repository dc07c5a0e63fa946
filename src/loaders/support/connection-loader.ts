import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { ToOneJoin, attachJoined } from './joined';
import { SqlFragment, rawSql, sql } from './sql';
import { SqlRunner } from './sql-runner';

export type SortDirection = 'asc' | 'desc';

/** Where a row sits in a keyset order: its sort timestamp (UTC, to the microsecond) and its id. */
export interface KeysetPosition {
  time: string;
  id: string;
}

export interface PageRequest {
  parentId: string;
  first: number;
  after: KeysetPosition | null;
  direction: SortDirection;
  /** Extra conditions on the rows (alias `t`), e.g. a compiled filter. */
  where: SqlFragment;
  /** Identifies `where`: requests with equal keys and arguments share one statement. */
  whereKey: string;
  /** Entity properties the query reads on the nodes, sorted; the page reads their columns and every key. */
  fields: readonly string[];
  /** Node fields selected with a selection of their own, by field name, and the fields read there. */
  relations: readonly SelectedRelation[];
  /** Whether each row's keyset position is read: only cursors need it. */
  positions: boolean;
}

export interface SelectedRelation {
  field: string;
  fields: readonly string[];
}

export type CountRequest = Pick<PageRequest, 'parentId' | 'where' | 'whereKey'>;

export interface Page<T> {
  rows: Array<{ node: T; position: KeysetPosition | null }>;
  hasNextPage: boolean;
}

/** The parent row a page is read with (see ConnectionLoader.pageWithParent): its table and the properties the query reads on it. */
export interface ParentRow<P> {
  entity: EntityTarget<P>;
  fields: readonly string[];
}

export interface ConnectionLoader<T> {
  page: DataLoader<PageRequest, Page<T>, string>;
  count: DataLoader<CountRequest, number, string>;
  /**
   * The parent row and its page in one statement (the row LEFT JOINed to its page, so a parent
   * without rows still comes back, and an unknown one, or one Row Level Security hides, is null).
   * The page is left in `page`'s cache for the connection field that asks for it next.
   */
  pageWithParent<P extends ObjectLiteral>(request: PageRequest, parent: ParentRow<P>): Promise<P | null>;
}

/** What a paged relation reads: which table, in which order, and which rows belong to a parent. */
export interface ConnectionSource<T> {
  entity: EntityTarget<T>;
  table: string;
  /** The non-null timestamptz column of the order; ties are broken by `id`, so the order is total. */
  sortColumn: string;
  /** The condition that selects one parent's rows (alias `t`); `parent` is the parent id. */
  scope(parent: SqlFragment): SqlFragment;
  /** To-one relations the page joins when they are selected on its nodes. */
  joins?: readonly ToOneJoin[];
}

// Cursor times are formatted by PostgreSQL, in UTC and to the microsecond: a JS Date keeps only
// milliseconds, and rows that differ below that would be skipped or repeated between pages.
const CURSOR_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Pages of one relation for many parents at once. Each page is a LATERAL subquery per parent
 * with its own ORDER BY … LIMIT, so every parent costs one bounded index range scan instead of
 * numbering all of its rows as a window function would. Requests that differ only by parent go
 * into the same statement; the count loader does the same for `totalCount`.
 */
export function createConnectionLoader<T extends ObjectLiteral>(runner: SqlRunner, source: ConnectionSource<T>): ConnectionLoader<T> {
  const pageArguments = (r: PageRequest) => JSON.stringify([r.first, r.after, r.direction, r.whereKey, r.fields, r.relations, r.positions]);
  const page = new DataLoader<PageRequest, Page<T>, string>(
    (requests) =>
      inGroups(requests, pageArguments, async (group) => {
        const { pages } = await fetchPages(runner, source, group);
        return group.map((request) => pages.get(request.parentId) ?? { rows: [], hasNextPage: false });
      }),
    { cacheKeyFn: (r) => JSON.stringify([r.parentId, pageArguments(r)]) },
  );
  const count = new DataLoader<CountRequest, number, string>(
    (requests) =>
      inGroups(
        requests,
        (r) => r.whereKey,
        async (group) => {
          const counts = await fetchCounts(runner, source, group);
          return group.map((request) => counts.get(request.parentId) ?? 0);
        },
      ),
    { cacheKeyFn: (r) => JSON.stringify([r.parentId, r.whereKey]) },
  );
  const pageWithParent = async <P extends ObjectLiteral>(request: PageRequest, parent: ParentRow<P>): Promise<P | null> => {
    const { pages, parentRow } = await fetchPages(runner, source, [request], parent);
    // Under the id the list field will name: the row's own.
    if (parentRow) page.prime({ ...request, parentId: String(parentRow.id) }, pages.get(String(parentRow.id)) ?? EMPTY_PAGE);
    return parentRow;
  };
  return { page, count, pageWithParent };
}

const PARENT_PREFIX = '__p_';
const EMPTY_PAGE: Page<never> = { rows: [], hasNextPage: false };

async function fetchPages<T extends ObjectLiteral, P extends ObjectLiteral = ObjectLiteral>(
  runner: SqlRunner,
  source: ConnectionSource<T>,
  group: PageRequest[],
  parent?: ParentRow<P>,
): Promise<{ pages: Map<string, Page<T>>; parentRow: P | null }> {
  const { first, after, direction, where, fields, relations, positions } = group[0];
  const columns = rawSql(
    runner
      .columnsOf(source.entity, fields, [source.sortColumn])
      .map((name) => `t."${name}"`)
      .join(', '),
  );
  const joins = (source.joins ?? []).flatMap((join, index) => {
    const selected = relations.find((relation) => relation.field === join.field);
    return selected
      ? [{ join, prefix: `__j${index}_`, alias: `j${index}`, columns: runner.columnsOf(join.entity, selected.fields, []) }]
      : [];
  });
  const joinedColumns = rawSql(joins.flatMap((j) => j.columns.map((name) => `, ${j.alias}."${name}" AS "${j.prefix}${name}"`)).join(''));
  const joinClauses = rawSql(
    joins
      .map(
        (j) =>
          ` LEFT JOIN ${runner.tableOf(j.join.entity)} ${j.alias} ON ${j.alias}.account_id = page.account_id AND ${j.alias}.id = page."${j.join.column}"`,
      )
      .join(''),
  );
  const order = rawSql(direction === 'desc' ? 'DESC' : 'ASC');
  const column = rawSql(`t.${source.sortColumn}`);
  const keyset = after
    ? sql`(${column}, t.id) ${rawSql(direction === 'desc' ? '<' : '>')} (${after.time}::timestamptz, ${after.id}::bigint)`
    : rawSql('TRUE');
  // A string per row, formatted by PostgreSQL, that only a cursor reads.
  const cursorTime = positions ? sql`, to_char(${column} AT TIME ZONE 'UTC', ${rawSql(CURSOR_TIME)}) AS __cursor_time` : rawSql('');
  const lateral = sql`(
           SELECT ${columns}${cursorTime}
             FROM ${rawSql(source.table)} t
            WHERE ${source.scope(rawSql('p.parent_id'))} AND ${where} AND ${keyset}
            ORDER BY ${column} ${order}, t.id ${order}
            LIMIT ${first + 1}
         ) page`;
  const parentColumns = parent
    ? rawSql(
        runner
          .columnsOf(parent.entity, parent.fields, [])
          .map((name) => `, p."${name}" AS "${PARENT_PREFIX}${name}"`)
          .join(''),
      )
    : rawSql('');
  // A parent is read with its page: LEFT JOIN, so that it comes back without rows too.
  const parents = parent
    ? sql`(SELECT *, id AS parent_id FROM ${rawSql(runner.tableOf(parent.entity))} WHERE id = ${group[0].parentId}::bigint) AS p
         LEFT JOIN LATERAL ${lateral} ON TRUE`
    : sql`unnest(${group.map((r) => r.parentId)}::bigint[]) AS p(parent_id)
         CROSS JOIN LATERAL ${lateral}`;
  const rows = await runner.entities(
    source.entity,
    sql`SELECT p.parent_id::text AS __parent${parentColumns}, page.*${joinedColumns}
          FROM ${parents}${joinClauses}
         ORDER BY p.parent_id, page.${rawSql(source.sortColumn)} ${order}, page.id ${order}`,
  );
  const parentRow = parent && rows.length > 0 ? runner.entityFrom(parent.entity, rows[0].extras, PARENT_PREFIX) : null;
  const pages = new Map<string, Page<T>>();
  for (const { entity, extras } of rows) {
    // The parent's row alone: it has no rows in this page.
    if (entity.id == null) continue;
    const parentId = String(extras.__parent);
    const current = pages.get(parentId) ?? { rows: [], hasNextPage: false };
    pages.set(parentId, current);
    if (current.rows.length === first) {
      current.hasNextPage = true;
      continue;
    }
    for (const j of joins) attachJoined(entity, j.join.name, runner.entityFrom(j.join.entity, extras, j.prefix));
    current.rows.push({ node: entity, position: positions ? { time: String(extras.__cursor_time), id: String(entity.id) } : null });
  }
  return { pages, parentRow };
}

async function fetchCounts<T>(runner: SqlRunner, source: ConnectionSource<T>, group: CountRequest[]): Promise<Map<string, number>> {
  const rows = await runner.rows<{ parent: string; count: number }>(
    sql`SELECT p.parent_id::text AS parent,
               (SELECT count(*) FROM ${rawSql(source.table)} t
                 WHERE ${source.scope(rawSql('p.parent_id'))} AND ${group[0].where})::int AS count
          FROM unnest(${group.map((r) => r.parentId)}::bigint[]) AS p(parent_id)`,
  );
  return new Map(rows.map((row) => [row.parent, row.count]));
}

/** Splits a batch by the arguments its keys share and answers it group by group, in key order. */
async function inGroups<K, V>(keys: readonly K[], groupKey: (key: K) => string, answer: (group: K[]) => Promise<V[]>): Promise<V[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const name = groupKey(key);
    const indexes = groups.get(name) ?? [];
    indexes.push(index);
    groups.set(name, indexes);
  });
  const results = new Array<V>(keys.length);
  for (const indexes of groups.values()) {
    const answers = await answer(indexes.map((index) => keys[index]));
    indexes.forEach((index, position) => (results[index] = answers[position]));
  }
  return results;
}
