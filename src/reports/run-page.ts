import { EntityManager } from 'typeorm';
import { ReportDefinition } from '../catalog/types';
import { ReportFilterInput } from '../graphql/reports/report-filter.input';
import { ConnectionInit } from '../graphql/types/connection.type';
import { assertPageSize, pageInfoOf } from '../graphql/types/page';
import { isBigintId } from '../graphql/types/ids';
import { compileCount, compilePage } from './compiler';
import { CursorValuePattern, decodeReportCursor, encodeReportCursor } from './cursor';
import { resolveReportFilter } from './filter';

export const DEFAULT_REPORT_PAGE = 100;
export const MAX_REPORT_PAGE = 1000;

export type ReportRow = Record<string, unknown>;

/** A calendar day PostgreSQL accepts: no 2026-02-30, no year 0. */
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '0001') return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

// Values PostgreSQL would refuse with an error (not a client error) are refused here instead.
const KEY_PATTERNS = {
  id: { test: isBigintId },
  date: { test: isRealDate },
  int: /^-?[0-9]{1,9}$/,
  text: /^[^\u0000]{0,512}$/,
};

/** What each row-key value must look like, from its column type (extra keys are row ids). */
function keyPatterns(report: ReportDefinition): CursorValuePattern[] {
  return report.rowKey.map((name) => {
    const column = report.columns.find((c) => c.field === name);
    if (!column || column.type === 'ID') return KEY_PATTERNS.id;
    if (column.type === 'Date') return KEY_PATTERNS.date;
    if (column.type === 'Int') return KEY_PATTERNS.int;
    return KEY_PATTERNS.text;
  });
}

export interface ReportPageArgs {
  filter: ReportFilterInput;
  first: number;
  after?: string | null;
}

/**
 * One page of a report for a query field: validates the arguments, runs the compiled statement
 * in the request's transaction and leaves the count to run only if `totalCount` is selected.
 */
export async function runReportPage(
  manager: EntityManager,
  report: ReportDefinition,
  args: ReportPageArgs,
  options: { maxRangeDays: number },
): Promise<ConnectionInit<ReportRow>> {
  assertPageSize(args.first, MAX_REPORT_PAGE);
  const after = args.after ? decodeReportCursor(args.after, report.key, keyPatterns(report)) : null;
  const filter = await resolveReportFilter(manager, report, args.filter, { maxRangeDays: options.maxRangeDays, fieldPrefix: 'filter' });
  const page = compilePage(report, filter, { fields: report.columns.map((c) => c.field), after, limit: args.first + 1 });
  const rows: Array<ReportRow & { __cursor: string }> = await manager.query(page.text, page.values);
  const edges = rows.slice(0, args.first).map(({ __cursor, ...node }) => ({
    cursor: encodeReportCursor(report.key, JSON.parse(__cursor) as unknown[]),
    node,
  }));
  return {
    edges,
    pageInfo: pageInfoOf(edges, rows.length > args.first, after !== null),
    count: async () => {
      const count = compileCount(report, filter);
      const [row] = await manager.query(count.text, count.values);
      return row.count as number;
    },
  };
}
