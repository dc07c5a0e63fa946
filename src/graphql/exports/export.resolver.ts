import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../context';
import { ExportJobRecord } from '../../exports/export-job';
import { countExportJobs, listExportJobs } from '../../exports/export-job.store';
import { ExportCaller, cancelExport, findVisibleExport, requestExport } from '../../exports/export-requests';
import { downloadLinkFor } from '../../exports/services';
import { ensureWebhookSecret } from '../../exports/webhook-secret';
import { assertPageSize, cursorValues, decodeCursor, encodeCursor, pageOf } from '../../pagination';
import { forbidden } from '../../errors';
import { MAX_PAGE_SIZE } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ExportJobConnection } from './export-job.connection';
import { ExportJobObject } from './export-job.type';
import { ExportJobsArgs } from './export-jobs.args';
import { ExportReportInput } from './export-report.input';
import { parseScheduleId } from '../../schedules/schedule-input';

function caller(ctx: RequestContext): ExportCaller {
  return { key: ctx.key, manager: ctx.manager, clientIp: ctx.clientIp };
}

function view(ctx: RequestContext, job: ExportJobRecord): ExportJobObject {
  return new ExportJobObject(job, downloadLinkFor(ctx.exports, ctx.key, job));
}

@Resolver(() => ExportJobObject)
export class ExportResolver {
  @Mutation(() => ExportJobObject, {
    description:
      'Starts a CSV export of a report in the background and returns its job at once (QUEUED). Poll `exportJob` or pass ' +
      '`notifyUrl` to learn when it is done, then download it from `downloadUrl`. Not allowed to read-only keys.',
  })
  async exportReport(
    @Arg('input', () => ExportReportInput, { description: 'The report, its filter and the CSV options.' }) input: ExportReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobObject> {
    return view(ctx, await requestExport(caller(ctx), ctx.exports, input));
  }

  @Mutation(() => ExportJobObject, {
    description:
      'Cancels an export that is QUEUED or RUNNING (no file is kept); a finished export is returned unchanged. Not allowed to read-only keys.',
  })
  async cancelExport(
    @Arg('id', () => ID, { description: 'The export id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobObject> {
    return view(ctx, await cancelExport(caller(ctx), ctx.exports, id));
  }

  @Query(() => ExportJobObject, { description: 'One export: admins see every export of the account, analysts their own.' })
  async exportJob(
    @Arg('id', () => ID, { description: 'The export id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobObject> {
    return view(ctx, await findVisibleExport(ctx, id));
  }

  @Query(() => ExportJobConnection, {
    description: 'Exports, newest first: every export of the account for admins, the key own exports for analysts.',
  })
  async exportJobs(@Args(() => ExportJobsArgs) args: ExportJobsArgs, @Ctx() ctx: RequestContext): Promise<Connection<ExportJobObject>> {
    assertPageSize(args.first, MAX_PAGE_SIZE);
    const filter = {
      requestedBy: ctx.key.role === 'admin' ? null : ctx.key.id,
      status: args.status ?? null,
      scheduleId: args.scheduleId ? parseScheduleId(args.scheduleId, 'scheduleId') : null,
    };
    const scope = { list: 'exports', accountId: ctx.accountId };
    const position = args.after ? decodeCursor(args.after, scope, [cursorValues.micros, cursorValues.uuid]) : null;
    const after = position && { time: position[0], id: position[1] };
    const rows = await listExportJobs(ctx.manager, { ...filter, after, limit: args.first + 1 });
    const edgeOf = (job: ExportJobRecord) => ({ cursor: encodeCursor(scope, [job.cursorTime, job.id]), node: view(ctx, job) });
    return new ExportJobConnection(pageOf(rows, args.first, after !== null, edgeOf, () => countExportJobs(ctx.manager, filter)));
  }

  @Query(() => String, {
    description:
      'The secret that signs export notifications: check `X-Signature` by computing `sha256=` + hex HMAC-SHA256 of the raw body with it. ' +
      'Admin keys only, and not read-only ones.',
  })
  async exportWebhookSecret(@Ctx() ctx: RequestContext): Promise<string> {
    if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can read the webhook secret.');
    // Whoever holds the secret can sign notifications in the account's name; a read-only key must not gain that.
    if (ctx.key.readOnly) throw forbidden('This API key is read-only: it cannot read or create the webhook secret.');
    return ensureWebhookSecret(ctx.manager);
  }
}
