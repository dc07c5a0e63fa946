import { escapeLiteral } from 'pg';
import { ColumnDefinition, Localized, ReportDefinition, ReportParams } from '../catalog/types';

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

/** The eight filter values as typed SQL expressions: placeholders for queries, literals for COPY. */
type FilterSql = readonly [
  from: string,
  to: string,
  timeZone: string,
  asOf: string,
  inboxIds: string,
  channelTypes: string,
  teamIds: string,
  agentIds: string,
];

/** What a statement reads of the row set: one page, every row (export), or only how many there are. */
type Reading = 'page' | 'all' | 'count';

function paramsFrom([from, to, timeZone, asOf, inboxIds, channelTypes, teamIds, agentIds]: FilterSql, reading: Reading): ReportParams {
  return {
    readsAll: reading !== 'page',
    counting: reading === 'count',
    from,
    to,
    timeZone,
    asOf,
    inboxMatches: (alias) =>
      `((${inboxIds} IS NULL OR ${alias}.id = ANY(${inboxIds})) AND (${channelTypes} IS NULL OR ${alias}.channel_type = ANY(${channelTypes})))`,
    inboxesFiltered: `(${inboxIds} IS NOT NULL OR ${channelTypes} IS NOT NULL)`,
    teamsFiltered: `(${teamIds} IS NOT NULL)`,
    teamMatches: (expression) => `(${teamIds} IS NULL OR ${expression} = ANY(${teamIds}))`,
    agentMatches: (expression) => `(${agentIds} IS NULL OR ${expression} = ANY(${agentIds}))`,
  };
}

/** Fixed numbering: $1…$8 are the filter, later placeholders belong to the statement (cursor, limit). */
const PLACEHOLDERS: FilterSql = [
  '$1::timestamptz',
  '$2::timestamptz',
  '$3::text',
  '$4::timestamptz',
  '$5::bigint[]',
  '$6::text[]',
  '$7::bigint[]',
  '$8::bigint[]',
];

const DIGITS = /^[0-9]+$/;

function bigintArray(ids: string[] | null): string {
  if (ids === null) return 'NULL::bigint[]';
  // Validated upstream; checked again because these end up in SQL text.
  if (!ids.every((id) => DIGITS.test(id))) throw new Error('an id of the filter is not numeric');
  return `ARRAY[${ids.join(', ')}]::bigint[]`;
}

/** COPY takes no parameters, so its statement carries the filter as escaped literals instead. */
function literals(filter: ResolvedFilter): FilterSql {
  const instant = (date: Date) => `${escapeLiteral(date.toISOString())}::timestamptz`;
  return [
    instant(filter.from),
    instant(filter.to),
    `${escapeLiteral(filter.timeZone)}::text`,
    instant(filter.asOf),
    bigintArray(filter.inboxIds),
    filter.channelTypes === null ? 'NULL::text[]' : `ARRAY[${filter.channelTypes.map(escapeLiteral).join(', ')}]::text[]`,
    bigintArray(filter.teamIds),
    bigintArray(filter.agentIds),
  ];
}

/**
 * PostgreSQL must know the type of every numbered parameter, including the ones a report does not
 * use; naming them all once, in a CTE nothing reads, fixes their types at no cost.
 */
function filterTypes(sql: FilterSql): string {
  return `filter_types AS (\n  SELECT ${sql.join(', ')}\n)`;
}

function filterValues(filter: ResolvedFilter): unknown[] {
  return [filter.from, filter.to, filter.timeZone, filter.asOf, filter.inboxIds, filter.channelTypes, filter.teamIds, filter.agentIds];
}

export function quoteField(field: string): string {
  return `"${field}"`;
}

function columnSql(column: ColumnDefinition, params: ReportParams): string {
  return typeof column.sql === 'string' ? column.sql : column.sql(params);
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
function rowsCte(report: ReportDefinition, sql: FilterSql, reading: Reading): string {
  const params = paramsFrom(sql, reading);
  const keys = Object.entries(report.keys ?? {}).map(([name, expression]) => `${expression} AS ${quoteField(keyName(name))}`);
  // A count needs the rows (or groups) only, not one of their values.
  const columns =
    reading === 'count'
      ? '1 AS one'
      : [...report.columns.map((c) => `${columnSql(c, params)} AS ${quoteField(c.field)}`), ...keys].join(',\n    ');
  const where = report.where(params);
  const parts = [
    `SELECT\n    ${columns}`,
    `FROM ${report.from(params)}`,
    where.length > 0 ? `WHERE ${where.join('\n  AND ')}` : '',
    report.groupBy?.length ? `GROUP BY ${report.groupBy.join(', ')}` : '',
  ];
  const ctes = [filterTypes(sql), report.with?.(params), `${ROWS} AS (\n  ${parts.filter(Boolean).join('\n  ')}\n)`].filter(Boolean);
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
    text: `${rowsCte(report, PLACEHOLDERS, 'page')}
SELECT ${select.join(', ')}
FROM ${ROWS} r
${where}
ORDER BY ${key.join(', ')}
LIMIT $${values.length}`,
    values,
  };
}

export function compileCount(report: ReportDefinition, filter: ResolvedFilter): CompiledQuery {
  const values = filterValues(filter);
  if (report.count) {
    const { with: ctes, total } = report.count(paramsFrom(PLACEHOLDERS, 'count'));
    return { text: `WITH ${filterTypes(PLACEHOLDERS)},\n${ctes}\nSELECT (${total})::int AS "count"`, values };
  }
  return { text: `${rowsCte(report, PLACEHOLDERS, 'count')}\nSELECT count(*)::int AS "count" FROM ${ROWS}`, values };
}

/** How a CSV file spells its cells: the header and label language, and the field separator. */
export interface CsvOptions {
  fields: string[];
  locale: keyof Localized;
  delimiter: ',' | ';' | '\t';
}

/** The OWASP formula triggers (= + - @ TAB CR LF) as the code points `ascii()` returns for a first character. */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'].map((c) => c.charCodeAt(0)).join(', ');

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
function neutralized(text: string): string {
  return `(CASE WHEN ascii(${text}) IN (${FORMULA_TRIGGERS}) THEN '''' || ${text} ELSE ${text} END)`;
}

/**
 * One CSV cell as text, formatted by PostgreSQL so the rows can leave through COPY untouched:
 * instants in the session time zone (the filter's) with their offset, days per the column's
 * pattern, enumerations as the locale's labels, lists joined by ", ", booleans as 0/1,
 * durations in whole seconds; numbers are never neutralised, so they stay numbers.
 */
function csvCell(column: ColumnDefinition, expression: string, locale: keyof Localized): string {
  const labels = column.enum?.labels;
  if (labels) {
    const cases = Object.entries(labels).map(([stored, label]) => `WHEN ${escapeLiteral(stored)} THEN ${escapeLiteral(label[locale])}`);
    return `(CASE (${expression})::text ${cases.join(' ')} ELSE ${neutralized(`(${expression})::text`)} END)`;
  }
  switch (column.type) {
    case 'ID':
    case 'String':
      return neutralized(`(${expression})::text`);
    case 'Int':
    case 'Seconds':
    case 'Float':
    case 'Percent':
      return typed(column, expression);
    case 'Boolean':
      return `(${expression})::boolean::int`;
    case 'DateTime':
      return `to_char((${expression})::timestamptz, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;
    case 'Date':
      return `to_char(${expression}, ${escapeLiteral(column.csvDatePattern ?? 'YYYY-MM-DD')})`;
    case 'StringList':
      return neutralized(`array_to_string((${expression})::text[], ', ')`);
  }
}

function csvSelect(report: ReportDefinition, options: CsvOptions, sql: FilterSql): string {
  const key = rowKeyColumns(report);
  const cells = columnsOf(report, options.fields).map(
    (c) => `${csvCell(c, `r.${quoteField(c.field)}`, options.locale)} AS ${quoteField(c.field)}`,
  );
  return `${rowsCte(report, sql, 'all')}
SELECT ${cells.join(', ')}
FROM ${ROWS} r
ORDER BY ${key.join(', ')}`;
}

/**
 * The export's rows as CSV-ready text cells in row-key order: the same rows, in the same order, as
 * the report's pages. DateTime cells follow the session time zone, so run it with TimeZone set to
 * the filter's zone.
 */
export function compileCsv(report: ReportDefinition, filter: ResolvedFilter, options: CsvOptions): CompiledQuery {
  return { text: csvSelect(report, options, PLACEHOLDERS), values: filterValues(filter) };
}

/** `compileCsv` as a COPY statement (RFC 4180 quoting, no header) with the filter inlined. */
export function compileCopy(report: ReportDefinition, filter: ResolvedFilter, options: CsvOptions): string {
  return `COPY (${csvSelect(report, options, literals(filter))}) TO STDOUT WITH (FORMAT csv, HEADER false, DELIMITER ${escapeLiteral(options.delimiter)})`;
}

/**
 * One NDJSON value, typed as the report's GraphQL rows type it: numbers and booleans as JSON
 * numbers and booleans, lists as arrays, enumerations as their GraphQL values; instants and days
 * are written as in CSV files (the filter's zone with its offset), which a BI tool parses as is.
 */
function jsonCell(column: ColumnDefinition, expression: string): string {
  if (column.enum) {
    const cases = Object.entries(column.enum.type).map(([name, stored]) => `WHEN ${escapeLiteral(stored)} THEN ${escapeLiteral(name)}`);
    return `(CASE (${expression})::text ${cases.join(' ')} ELSE (${expression})::text END)`;
  }
  switch (column.type) {
    case 'DateTime':
      return `to_char((${expression})::timestamptz, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;
    case 'Date':
      return `to_char(${expression}, 'YYYY-MM-DD')`;
    default:
      return typed(column, expression);
  }
}

/**
 * The report's rows as newline-delimited JSON through COPY, one object per row with the fields in
 * the requested order. COPY's CSV format with delimiter and quote set to control characters that
 * JSON text never holds raw (PostgreSQL escapes them as \u0001, \u0002) passes each line through
 * untouched; the text format would double every backslash.
 */
export function compileJsonCopy(report: ReportDefinition, filter: ResolvedFilter, fields: string[]): string {
  const key = rowKeyColumns(report);
  const cells = columnsOf(report, fields).map((c) => `${jsonCell(c, `r.${quoteField(c.field)}`)} AS ${quoteField(c.field)}`);
  const select = `${rowsCte(report, literals(filter), 'all')}
SELECT (SELECT row_to_json(cells) FROM (SELECT ${cells.join(', ')}) cells)::text
FROM ${ROWS} r
ORDER BY ${key.join(', ')}`;
  return `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER false, DELIMITER E'\\x01', QUOTE E'\\x02')`;
}
