import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { DatabaseOutage } from '../db/outage';
import { withTenant } from '../db/tenant-transaction';
import { DELIVERY_QUEUE, QUEUE_SCHEMA, SCHEDULE_SYNC_QUEUE } from '../exports/queue';
import { createExportServices } from '../exports/services';
import { Logger } from '../logger';
import { latestSlot } from './cron';
import { ScheduleJobData, scheduleIdOfQueue, scheduleQueue } from './queue';
import { makeScheduleRun, scheduleOwnerKey } from './schedule-runs';
import { findSchedule, findScheduleEvenDeleted } from './schedule.store';
import { deliverBySftp } from './sftp-delivery';

export interface ScheduleWorkerDeps {
  /** pg-boss runs as the owner: it keeps the crons and makes each schedule's queue. */
  owner: DataSource;
  runtime: DataSource;
  config: Config;
  logger: Logger;
  outage: DatabaseOutage;
}

export interface ScheduleWorker {
  stop(): Promise<void>;
}

function urlOf(source: DataSource): string {
  return (source.options as { url: string }).url;
}

/**
 * Runs scheduled exports on pg-boss's own cron. Each export schedule is a pg-boss schedule on a
 * queue of its own: one process at a time looks for due slots and pg-boss sends one job per slot
 * (its 60-second debounce), which any worker takes. The run is an export whose idempotency key is
 * the slot, so however many jobs a slot gets, it has one export. pg-boss only fires a slot within a
 * minute of it; so that a slot missed while every worker was down still runs, each worker, when it
 * starts, sends every schedule one job, which runs the latest slot if it has not run yet: once,
 * however many slots were missed.
 */
export async function startScheduleWorker(deps: ScheduleWorkerDeps): Promise<ScheduleWorker> {
  const { config, logger, outage } = deps;
  const settings = config.schedules;
  const services = createExportServices(config);
  const boss = new PgBoss({
    connectionString: urlOf(deps.owner),
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: 'chat-reporting-schedules',
    supervise: false,
    schedule: true,
    migrate: false,
    cronMonitorIntervalSeconds: settings.cronMonitorIntervalSeconds,
    cronWorkerIntervalSeconds: Math.min(5, settings.cronMonitorIntervalSeconds),
  });
  boss.on('error', (error) => {
    if (!outage.fault(error)) logger.error({ err: error }, 'schedule queue error');
  });
  await boss.start();
  await boss.updateQueue(DELIVERY_QUEUE, {
    name: DELIVERY_QUEUE,
    policy: 'standard',
    retryLimit: settings.sftpAttempts - 1,
    retryDelay: settings.sftpRetryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: settings.sftpTimeoutSeconds * 4 + 30,
  });

  const working = new Set<string>();
  const polling = { pollingIntervalSeconds: settings.pollIntervalSeconds, batchSize: 1, includeMetadata: true } as const;

  const runSlot = async (job: PgBoss.JobWithMetadata<ScheduleJobData>): Promise<void> => {
    const { accountId, scheduleId } = job.data;
    await withTenant(deps.runtime, accountId, async (runner) => {
      // The row lock makes concurrent jobs of one slot take turns; the second finds the slot's export.
      const schedule = await findSchedule(runner.manager, scheduleId, true);
      if (!schedule || schedule.paused) return;
      const slot = latestSlot(schedule.cron, schedule.timeZone, job.createdOn);
      if (slot.getTime() < schedule.activeSince.getTime()) return;
      const key = await scheduleOwnerKey(runner.manager, schedule);
      if (!key) {
        logger.warn({ scheduleId }, 'scheduled export not run: the key that created it is revoked');
        return;
      }
      const run = await makeScheduleRun({ key, manager: runner.manager, clientIp: null }, services, schedule, slot, slot);
      logger.info({ scheduleId, slot, exportId: run.id }, 'scheduled export run');
    });
  };

  const startWorking = async (queue: string): Promise<void> => {
    if (working.has(queue)) return;
    working.add(queue);
    await boss.work<ScheduleJobData>(queue, polling, async ([job]) => {
      try {
        await runSlot(job);
      } catch (error) {
        // pg-boss retries the job; a refusal such as EXPORT_QUEUE_FULL or an inbox deleted since is worth a line.
        if (!outage.fault(error)) logger.warn({ err: error, scheduleId: job.data.scheduleId }, 'scheduled export run failed');
        throw error;
      }
    });
  };
  const stopWorking = async (queue: string): Promise<void> => {
    if (!working.delete(queue)) return;
    await boss.offWork(queue);
  };

  /** Brings pg-boss's cron of one schedule in line with its row; the queue is serial, so the last change wins. */
  const sync = async (data: ScheduleJobData): Promise<void> => {
    const schedule = await withTenant(deps.runtime, data.accountId, (runner) => findScheduleEvenDeleted(runner.manager, data.scheduleId));
    const queue = scheduleQueue(data.scheduleId);
    if (schedule && !schedule.paused && !schedule.deletedAt) {
      await boss.createQueue(queue, { name: queue, policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true });
      await boss.schedule(queue, schedule.cron, data, { tz: schedule.timeZone });
      await startWorking(queue);
    } else {
      await boss.unschedule(queue);
      if (!schedule || schedule.deletedAt) {
        await stopWorking(queue);
        await boss.deleteQueue(queue);
      }
    }
  };

  const scheduled = async (): Promise<Array<{ name: string; data: ScheduleJobData }>> =>
    (await boss.getSchedules()).filter((s) => scheduleIdOfQueue(s.name) !== null) as Array<{ name: string; data: ScheduleJobData }>;

  const refresh = async (): Promise<void> => {
    try {
      const current = await scheduled();
      const names = new Set(current.map((s) => s.name));
      for (const { name } of current) await startWorking(name);
      for (const name of [...working]) if (!names.has(name)) await stopWorking(name);
    } catch (error) {
      if (!outage.fault(error)) logger.error({ err: error }, 'could not refresh the scheduled exports');
    }
  };

  await boss.work<ScheduleJobData>(SCHEDULE_SYNC_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => sync(job.data));
  await boss.work<{ accountId: string; exportId: string; kind: string }>(
    DELIVERY_QUEUE,
    { pollingIntervalSeconds: settings.pollIntervalSeconds, batchSize: 1 },
    async ([job]) => deliverBySftp({ runtime: deps.runtime, services, logger }, job.data),
  );
  for (const { name, data } of await scheduled()) {
    await startWorking(name);
    await boss.send(name, data);
  }
  const refresher = setInterval(() => void refresh(), settings.refreshIntervalSeconds * 1000);
  logger.info({ schedules: working.size }, 'schedule worker started');

  return {
    async stop() {
      clearInterval(refresher);
      await boss.stop({ graceful: true, timeout: 5000 }).catch((error: unknown) => {
        if (!outage.fault(error)) throw error;
      });
    },
  };
}
