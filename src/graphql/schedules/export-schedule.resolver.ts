import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { listDeliveries } from '../../exports/deliveries';
import { ExportCaller } from '../../exports/export-requests';
import { downloadLinkFor } from '../../exports/services';
import { assertPageSize, cursorValues, decodeCursor, encodeCursor, pageOf } from '../../pagination';
import { ScheduleRecord } from '../../schedules/schedule';
import {
  assertMayManageSchedules,
  changeSchedule,
  createSchedule,
  deleteSchedule,
  findVisibleSchedule,
  pauseSchedule,
  runScheduleNow,
} from '../../schedules/schedule-requests';
import { countSchedules, findScheduleEvenDeleted, listSchedules } from '../../schedules/schedule.store';
import { ExportJobObject } from '../exports/export-job.type';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ExportScheduleConnection } from './export-schedule.connection';
import { ExportScheduleInput } from './export-schedule.input';
import { ExportDeliveryObject, ExportScheduleObject } from './export-schedule.type';

function caller(ctx: RequestContext): ExportCaller {
  return { key: ctx.key, manager: ctx.manager, clientIp: ctx.clientIp };
}

@ArgsType()
class ExportSchedulesArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size: 1 to ${MAX_PAGE_SIZE} schedules.` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Start after this cursor (an `endCursor` of an earlier page); omit for the first page.',
  })
  after?: string | null;
}

@Resolver(() => ExportScheduleObject)
export class ExportScheduleResolver {
  @Query(() => ExportScheduleConnection, {
    description: 'The account scheduled exports, oldest first (deleted ones left out). Admin keys only.',
  })
  async exportSchedules(
    @Args(() => ExportSchedulesArgs) args: ExportSchedulesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<ExportScheduleObject>> {
    assertMayManageSchedules(ctx.key);
    assertPageSize(args.first, MAX_PAGE_SIZE);
    const scope = { list: 'export-schedules', accountId: ctx.accountId };
    const position = args.after ? decodeCursor(args.after, scope, [cursorValues.micros, cursorValues.uuid]) : null;
    const after = position && { time: position[0], id: position[1] };
    const rows = await listSchedules(ctx.manager, { after, limit: args.first + 1 });
    const edgeOf = (schedule: ScheduleRecord) => ({
      cursor: encodeCursor(scope, [schedule.cursorTime, schedule.id]),
      node: new ExportScheduleObject(schedule),
    });
    return new ExportScheduleConnection(pageOf(rows, args.first, after !== null, edgeOf, () => countSchedules(ctx.manager)));
  }

  @Query(() => ExportScheduleObject, { description: 'One scheduled export. Admin keys only.' })
  async exportSchedule(
    @Arg('id', () => ID, { description: 'The schedule id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportScheduleObject> {
    return new ExportScheduleObject(await findVisibleSchedule(ctx, id));
  }

  @Mutation(() => ExportScheduleObject, {
    description: 'Creates a scheduled export; its first run is at the next cron slot. Admin keys that are not read-only; audited.',
  })
  async createExportSchedule(
    @Arg('input', () => ExportScheduleInput, { description: 'What, when and where.' }) input: ExportScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportScheduleObject> {
    return new ExportScheduleObject(await createSchedule(caller(ctx), ctx.exports, input));
  }

  @Mutation(() => ExportScheduleObject, {
    description:
      'Replaces a schedule settings (an SFTP delivery given without privateKey or password keeps the stored secret). A new cron or zone ' +
      'counts slots from now. Admin keys that are not read-only; audited.',
  })
  async updateExportSchedule(
    @Arg('id', () => ID, { description: 'The schedule id.' }) id: string,
    @Arg('input', () => ExportScheduleInput, { description: 'The new settings, whole.' }) input: ExportScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportScheduleObject> {
    return new ExportScheduleObject(await changeSchedule(caller(ctx), ctx.exports, id, input));
  }

  @Mutation(() => ExportScheduleObject, {
    description:
      'Pauses a schedule (`paused: true`) or resumes it (`paused: false`); slots missed while paused are not run. Admin keys that are not read-only; audited.',
  })
  async pauseExportSchedule(
    @Arg('id', () => ID, { description: 'The schedule id.' }) id: string,
    @Arg('paused', () => Boolean, { defaultValue: true, description: 'true pauses, false resumes.' }) paused: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportScheduleObject> {
    return new ExportScheduleObject(await pauseSchedule(caller(ctx), id, paused));
  }

  @Mutation(() => ExportScheduleObject, {
    description:
      'Deletes a schedule: no more runs, its SFTP secret is erased; the exports it made stay listed. Admin keys that are not read-only; audited.',
  })
  async deleteExportSchedule(
    @Arg('id', () => ID, { description: 'The schedule id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportScheduleObject> {
    return new ExportScheduleObject(await deleteSchedule(caller(ctx), id));
  }

  @Mutation(() => ExportJobObject, {
    description:
      'Runs a schedule at once, for the window the present instant falls in (paused schedules too), delivered like its other runs. ' +
      'Returns the export. Admin keys that are not read-only; audited.',
  })
  async runExportScheduleNow(
    @Arg('id', () => ID, { description: 'The schedule id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobObject> {
    const job = await runScheduleNow(caller(ctx), ctx.exports, id);
    return new ExportJobObject(job, downloadLinkFor(ctx.exports, ctx.key, job));
  }
}

/** What an export says about the schedule that made it. */
@Resolver(() => ExportJobObject)
export class ExportJobScheduleResolver {
  @FieldResolver(() => ExportScheduleObject, {
    nullable: true,
    description: 'The schedule that made this export (deleted ones included); null for exports asked for with `exportReport`.',
  })
  async schedule(@Root() job: ExportJobObject, @Ctx() ctx: RequestContext): Promise<ExportScheduleObject | null> {
    if (!job.job.scheduleId) return null;
    const schedule = await findScheduleEvenDeleted(ctx.manager, job.job.scheduleId);
    return schedule ? new ExportScheduleObject(schedule) : null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'The cron slot this run is for; null for runs asked for by hand (`runExportScheduleNow`) and ordinary exports.',
  })
  scheduledFor(@Root() job: ExportJobObject): Date | null {
    return job.job.scheduleSlot;
  }

  @FieldResolver(() => [ExportDeliveryObject], {
    description: 'The deliveries of a scheduled export (SFTP, webhook) and how each went; empty for ordinary exports.',
  })
  async deliveries(@Root() job: ExportJobObject, @Ctx() ctx: RequestContext): Promise<ExportDeliveryObject[]> {
    if (!job.job.scheduleId) return [];
    return (await listDeliveries(ctx.manager, job.job.id)).map((d) => new ExportDeliveryObject(d));
  }
}
