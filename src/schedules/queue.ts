import { Sql } from '../db/sql';
import { SCHEDULE_SYNC_QUEUE, sendInTransaction } from '../exports/queue';

const SCHEDULE_QUEUE_PREFIX = 'export-schedule-run-';

/** What every schedule job carries: enough to bind a transaction to the account. */
export interface ScheduleJobData {
  accountId: string;
  scheduleId: string;
}

/** pg-boss 10 keeps one cron per queue, so each export schedule has a queue of its own, named after it. */
export function scheduleQueue(scheduleId: string): string {
  return `${SCHEDULE_QUEUE_PREFIX}${scheduleId}`;
}

export function scheduleIdOfQueue(queue: string): string | null {
  return queue.startsWith(SCHEDULE_QUEUE_PREFIX) ? queue.slice(SCHEDULE_QUEUE_PREFIX.length) : null;
}

/** In the transaction that changes the schedule, so the cron changes exactly when the row does. */
export async function enqueueScheduleSync(sql: Sql, data: ScheduleJobData): Promise<void> {
  await sendInTransaction(sql, SCHEDULE_SYNC_QUEUE, data, { retryLimit: 10, retryDelay: 2, retryBackoff: true });
}
