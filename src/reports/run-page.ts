import { EntityManager } from 'typeorm';
import { ReportDefinition } from '../catalog/types';
import { badUserInput } from '../graphql/errors';
import { ReportFilterInput } from '../graphql/reports/report-filter.input';
import { ConnectionInit } from '../graphql/types/connection.type';
import { compileCount, compilePage } from './compiler';
import { decodeReportCursor, encodeReportCursor } from './cursor';
import { resolveReportFilter } from './filter';

export const DEFAULT_REPORT_PAGE = 100;
export const MAX_REPORT_PAGE = 1000;

export type ReportRow = Record<string, unknown>;

const KEY_PATTERNS = {
  id: /^[0-9]{1,19}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  int: /^-?[0-9]{1,9}$/,
  text: /^[\s\S]{0,512}$/,
};

/** What each row-key value must look like, from its column type (extra keys are row ids). */
function keyPatterns(report: ReportDefinition): RegExp[] {
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
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_REPORT_PAGE) {
    throw badUserInput(`first must be between 1 and ${MAX_REPORT_PAGE}.`, 'first');
  }
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
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: async () => {
      const count = compileCount(report, filter);
      const [row] = await manager.query(count.text, count.values);
      return row.count as number;
    },
  };
}
