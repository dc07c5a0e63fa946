import { ColumnDefinition, ReportDefinition, ReportParams } from '../catalog/types';

/** A report filter after validation: every value SQL needs, nothing left to default. */
export interface ResolvedFilter {
  from: Date;
  to: Date;
  timeZone: string;
  asOf: Date;
  inboxIds: string[] | null;
  channelTypes: string[] | null;
  teamIds: string[] | null;
  agentIds: string[] | null;
}

export interface CompiledQuery {
  text: string;
  values: unknown[];
}

/** The alias of the report's row set inside every compiled statement. */
const ROWS = 'report_rows';

/** Fixed numbering: $1…$8 are the filter, later placeholders belong to the statement (cursor, limit). */
export const reportParams: ReportParams = {
  from: '$1::timestamptz',
  to: '$2::timestamptz',
  timeZone: '$3::text',
  asOf: '$4::timestamptz',
  inboxMatches: (alias) =>
    `(($5::bigint[] IS NULL OR ${alias}.id = ANY($5::bigint[])) AND ($6::text[] IS NULL OR ${alias}.channel_type = ANY($6::text[])))`,
  inboxesFiltered: '($5::bigint[] IS NOT NULL OR $6::text[] IS NOT NULL)',
  teamsFiltered: '($7::bigint[] IS NOT NULL)',
  teamMatches: (expression) => `($7::bigint[] IS NULL OR ${expression} = ANY($7::bigint[]))`,
  agentMatches: (expression) => `($8::bigint[] IS NULL OR ${expression} = ANY($8::bigint[]))`,
};

/**
 * PostgreSQL must know the type of every numbered parameter, including the ones a report does not
 * use; naming them all once, in a CTE nothing reads, fixes their types at no cost.
 */
const FILTER_TYPES = `filter_types AS (
  SELECT $1::timestamptz, $2::timestamptz, $3::text, $4::timestamptz, $5::bigint[], $6::text[], $7::bigint[], $8::bigint[]
)`;

function filterValues(filter: ResolvedFilter): unknown[] {
  return [
    filter.from,
    filter.to,
    filter.timeZone,
    filter.asOf,
    filter.inboxIds,
    filter.channelTypes,
    filter.teamIds,
    filter.agentIds,
  ];
}

export function quoteField(field: string): string {
  return `"${field}"`;
}

function columnSql(column: ColumnDefinition): string {
  return typeof column.sql === 'string' ? column.sql : column.sql(reportParams);
}

/** Row keys that are not columns live in the row set under a prefix no GraphQL field can have. */
function keyName(name: string): string {
  return `__key_${name}`;
}

function rowKeyColumns(report: ReportDefinition): string[] {
  return report.rowKey.map((name) => `r.${quoteField(report.keys?.[name] === undefined ? name : keyName(name))}`);
}

/** The SQL type each column kind is delivered as, so pg hands JavaScript the right primitive. */
function typed(column: ColumnDefinition, expression: string): string {
  switch (column.type) {
    case 'ID':
    case 'String':
      return `(${expression})::text`;
    case 'Int':
      return `(${expression})::int`;
    case 'Seconds':
      return `round(${expression})::int`;
    case 'Float':
    case 'Percent':
      return `(${expression})::float8`;
    case 'Boolean':
      return `(${expression})::boolean`;
    case 'DateTime':
      return `(${expression})::timestamptz`;
    case 'Date':
      return `to_char(${expression}, 'YYYY-MM-DD')`;
    case 'StringList':
      return `(${expression})::text[]`;
  }
}

/**
 * The report's rows as one CTE: the definition's expressions under their field names, in their
 * natural SQL types so that the row key orders numerically and by date.
 */
function rowsCte(report: ReportDefinition): string {
  const keys = Object.entries(report.keys ?? {}).map(([name, sql]) => `${sql} AS ${quoteField(keyName(name))}`);
  const columns = [...report.columns.map((c) => `${columnSql(c)} AS ${quoteField(c.field)}`), ...keys].join(',\n    ');
  const where = report.where(reportParams);
  const parts = [
    `SELECT\n    ${columns}`,
    `FROM ${report.from(reportParams)}`,
    where.length > 0 ? `WHERE ${where.join('\n  AND ')}` : '',
    report.groupBy?.length ? `GROUP BY ${report.groupBy.join(', ')}` : '',
  ];
  const ctes = [FILTER_TYPES, report.with?.(reportParams), `${ROWS} AS (\n  ${parts.filter(Boolean).join('\n  ')}\n)`].filter(Boolean);
  return `WITH ${ctes.join(',\n')}`;
}

function columnsOf(report: ReportDefinition, fields: string[]): ColumnDefinition[] {
  return fields.map((field) => {
    const column = report.columns.find((c) => c.field === field);
    if (!column) throw new Error(`report ${report.key} has no column ${field}`);
    return column;
  });
}

export interface PageRequest {
  fields: string[];
  /** Row key values of the last row already seen, from the cursor. */
  after: string[] | null;
  limit: number;
}

/**
 * One page of report rows in row-key order, plus each row's cursor: the row key as JSON, made by
 * SQL from the natural values so that it round-trips exactly.
 */
export function compilePage(report: ReportDefinition, filter: ResolvedFilter, page: PageRequest): CompiledQuery {
  const values = filterValues(filter);
  const key = rowKeyColumns(report);
  const select = columnsOf(report, page.fields).map((c) => `${typed(c, `r.${quoteField(c.field)}`)} AS ${quoteField(c.field)}`);
  select.push(`json_build_array(${key.join(', ')})::text AS "__cursor"`);
  let where = '';
  if (page.after) {
    const placeholders = page.after.map((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    where = `WHERE (${key.join(', ')}) > (${placeholders.join(', ')})`;
  }
  values.push(page.limit);
  return {
    text: `${rowsCte(report)}
SELECT ${select.join(', ')}
FROM ${ROWS} r
${where}
ORDER BY ${key.join(', ')}
LIMIT $${values.length}`,
    values,
  };
}

export function compileCount(report: ReportDefinition, filter: ResolvedFilter): CompiledQuery {
  return { text: `${rowsCte(report)}\nSELECT count(*)::int AS "count" FROM ${ROWS}`, values: filterValues(filter) };
}
