import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { reportQueryField } from '../../catalog/naming';
import { ReportDefinition } from '../../catalog/types';
import { RequestContext } from '../../context';
import { DEFAULT_REPORT_PAGE, MAX_REPORT_PAGE, ReportRow, runReportPage } from '../../reports/run-page';
import { selectedFields } from '../support/selected-fields';
import { Connection } from '../types/connection.type';
import { ReportFilterInput } from './report-filter.input';
import { reportTypes } from './report-row.type';

/** The `<camelCase key>Report` query field of one catalog report. */
export function reportQueryResolver(report: ReportDefinition): Function {
  const { Connection: ReportConnection } = reportTypes(report);

  @Resolver()
  class ReportQueryResolver {
    @Query(() => ReportConnection, {
      name: reportQueryField(report.key),
      description: `${report.title.en} (${report.title.ptBR}). ${report.description} One row: ${report.grain} Date range: ${report.dateRange} Rows come in a stable order; page with \`after\`.`,
    })
    async rows(
      @Arg('filter', () => ReportFilterInput, {
        description: 'The range, time zone, channels and, where the report has them, teams and agents.',
      })
      filter: ReportFilterInput,
      @Arg('first', () => Int, { defaultValue: DEFAULT_REPORT_PAGE, description: `Page size: 1 to ${MAX_REPORT_PAGE} rows.` })
      first: number,
      @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (the `endCursor` of the previous page).' })
      after: string | null,
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<Connection<ReportRow>> {
      return new ReportConnection(
        await runReportPage(
          ctx.manager,
          report,
          { filter, first, after },
          {
            maxRangeDays: ctx.settings.maxReportRangeDays,
            accountId: ctx.accountId,
            now: ctx.transactionStart,
            // BI tools ask for `totalCount` alone to size their pulls.
            rows: selectedFields(info).some((field) => field !== 'totalCount' && field !== '__typename'),
          },
        ),
      );
    }
  }
  Object.defineProperty(ReportQueryResolver, 'name', { value: `${reportQueryField(report.key)}Resolver` });
  return ReportQueryResolver;
}
