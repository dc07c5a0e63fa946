/** A text in the two languages the reports are published in. */
export interface Localized {
  en: string;
  ptBR: string;
}

/**
 * The value kinds a report column can have. Each maps to one GraphQL type and one CSV rendering:
 * `Seconds` is a whole-second duration (Int), `Percent` a 0–100 Float, `StringList` an ordered list
 * joined by ", " into one CSV cell, `Date` a calendar day in the filter's time zone, `DateTime` an
 * instant written in the filter's zone with its offset, and `Boolean` 1 or 0 in every CSV file
 * (the chat-module source states 0/1; one rendering serves all reports).
 */
export type ColumnType = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'Date' | 'Seconds' | 'Percent' | 'StringList';

export interface ColumnDefinition {
  /** GraphQL field name (lowerCamelCase), unique within the report. */
  field: string;
  /** CSV headers; the Portuguese one exactly as the source article writes it. */
  header: Localized;
  type: ColumnType;
  /** The column's definition: for a metric, numerator, denominator, clock start and stop, attribution. */
  description: string;
  /**
   * SQL expression over the report's FROM clause (and GROUP BY, when the report aggregates); a
   * function when it needs the filter's values.
   */
  sql: string | ((params: ReportParams) => string);
  /** For `Date` columns whose source prescribes a CSV layout, as a PostgreSQL to_char pattern (default YYYY-MM-DD). */
  csvDatePattern?: string;
  /**
   * For enumerated text: the GraphQL enum the query rows carry (its stable values), and the label
   * each CSV locale shows for every stored value.
   */
  enum?: ColumnEnum;
}

export interface ColumnEnum {
  /** A TypeScript enum registered with type-graphql, whose values are the stored codes. */
  type: Record<string, string>;
  labels: Record<string, Localized>;
}

/** Placeholders for the filter's values, with their SQL types, as the compiler numbers them. */
export interface ReportParams {
  /** Start of the range (inclusive), a timestamptz. */
  from: string;
  /** End of the range (exclusive), a timestamptz. */
  to: string;
  /** IANA zone that dates and hours are bucketed in, a text. */
  timeZone: string;
  /** The moment the data is read as of ("available at the time of the export"), a timestamptz. */
  asOf: string;
  /** A condition restricting an inbox alias to the filter's inboxes and channel types (true when unfiltered). */
  inboxMatches(alias: string): string;
  /** True when the filter names inboxes or channel types. */
  inboxesFiltered: string;
  /** True when the filter names teams. */
  teamsFiltered: string;
  /** A condition restricting a team id expression to the filter's teams (true when unfiltered). */
  teamMatches(expression: string): string;
  /** A condition restricting an agent id expression to the filter's agents (true when unfiltered). */
  agentMatches(expression: string): string;
  /**
   * True when the statement reads every row of the range (a count, a CSV export), false when it
   * reads one page: a lookup per row is cheapest for a page, one grouped pass for everything.
   */
  readsAll: boolean;
  /**
   * True when the statement only counts the report's rows: no column is computed, so joins that
   * only feed columns (one row per row, e.g. a lateral aggregate) can be left out.
   */
  counting: boolean;
}

/** Which of the optional filters a report honours; the others are rejected when given. */
export interface ReportFilterSupport {
  teams: boolean;
  agents: boolean;
}

export interface ReportDefinition {
  /** Stable snake_case key; becomes the ReportKey enum value and the query field name. */
  key: string;
  title: Localized;
  description: string;
  /** What one row is. */
  grain: string;
  /** Which timestamp the date range applies to, in words, or why the range is not applied. */
  dateRange: string;
  /** The source article (and section) the report comes from. */
  source: string;
  filters: ReportFilterSupport;
  /**
   * Names whose values identify a row and give the stable order that pages and exports follow:
   * column fields, or entries of `keys` when the identity is not itself a column.
   */
  rowKey: string[];
  /** Row identities that are not columns (name → SQL expression), for use in `rowKey`. */
  keys?: Record<string, string>;
  /** Common table expressions the FROM clause uses, without the leading WITH. */
  with?(params: ReportParams): string;
  /** FROM clause body: tables, joins. */
  from(params: ReportParams): string;
  /** Conditions joined with AND. */
  where(params: ReportParams): string[];
  /** GROUP BY expressions, for reports that aggregate. */
  groupBy?: string[];
  /**
   * The count from a rollup of exactly the rows the row set holds, when one exists: CTEs (without the
   * leading WITH) and the total as a scalar expression. Without it a count counts the row set.
   */
  count?(params: ReportParams): { with: string; total: string };
  columns: ColumnDefinition[];
}
