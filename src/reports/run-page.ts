import { EntityManager } from 'typeorm';
import { ReportDefinition } from '../catalog/types';
import { CursorValue, Page, assertPageSize, cursorValues, decodeCursor, encodeCursor, pageOf } from '../pagination';
import { compileCount, compilePage } from './compiler';
import { ReportFilter, resolveReportFilter } from './filter';

export const DEFAULT_REPORT_PAGE = 100;
export const MAX_REPORT_PAGE = 1000;

export type ReportRow = Record<string, unknown>;

/** What each row-key value must look like, from its column type (extra keys are row ids). */
function keyChecks(report: ReportDefinition): CursorValue[] {
  return report.rowKey.map((name) => {
    const column = report.columns.find((c) => c.field === name);
    if (!column || column.type === 'ID') return cursorValues.id;
    if (column.type === 'Date') return cursorValues.date;
    if (column.type === 'Int') return cursorValues.int;
    return cursorValues.text;
  });
}

export interface ReportPageArgs {
  filter: ReportFilter;
  first: number;
  after?: string | null;
}

/**
 * One page of a report for a query field: validates the arguments, runs the compiled statement
 * in the request's transaction and leaves the count to run only if `totalCount` is selected.
 * With `rows: false` (a query that reads only `totalCount`) the page statement is not run: an
 * aggregated report computes its whole range for one row as for a hundred.
 */
export async function runReportPage(
  manager: EntityManager,
  report: ReportDefinition,
  args: ReportPageArgs,
  options: { maxRangeDays: number; accountId: string; now?: Date; rows?: boolean },
): Promise<Page<ReportRow>> {
  assertPageSize(args.first, MAX_REPORT_PAGE);
  // The report key is the list: a cursor of one report is refused by another instead of silently skipping rows.
  const scope = { list: `report:${report.key}`, accountId: options.accountId };
  const after = args.after ? decodeCursor(args.after, scope, keyChecks(report)) : null;
  const filter = await resolveReportFilter(manager, report, args.filter, {
    maxRangeDays: options.maxRangeDays,
    fieldPrefix: 'filter',
    now: options.now,
  });
  const rows: Array<ReportRow & { __cursor: string }> = [];
  if (options.rows !== false) {
    const page = compilePage(report, filter, { fields: report.columns.map((c) => c.field), after, limit: args.first + 1 });
    rows.push(...(await manager.query(page.text, page.values)));
  }
  // The row is the node (GraphQL reads only the row type's fields, so `__cursor` stays unseen), and
  // its cursor is encoded only when selected: BI clients page by `pageInfo.endCursor`.
  const edgeOf = (row: ReportRow & { __cursor: string }) => ({
    get cursor() {
      return encodeCursor(scope, JSON.parse(row.__cursor) as unknown[]);
    },
    node: row,
  });
  return pageOf(rows, args.first, after !== null, edgeOf, async () => {
    const count = compileCount(report, filter);
    const [row] = await manager.query(count.text, count.values);
    return row.count as number;
  });
}
