import fs from 'node:fs';
import path from 'node:path';
import { withTenant } from '../../src/db/tenant-transaction';
import { ChildWorker, startChildWorker, stopChildWorker } from '../exports/child-worker';
import { ExportTestApp, startExportTestApp } from '../exports/support';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';
import { waitFor } from '../support/wait';

/** Workers that look for due slots, poll schedule queues and learn of new schedules every second. */
const WORKER_ENV = { SCHEDULE_CRON_MONITOR_SECONDS: '1', SCHEDULE_POLL_SECONDS: '1', SCHEDULE_REFRESH_SECONDS: '1' };

interface Run {
  id: string;
  status: string;
  scheduledFor: string | null;
  filter: { from: string; to: string; timeZone: string };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Issue 13: runs come from pg-boss's own cron, once per slot across processes, and a missed slot runs once. */
describe('scheduled runs on pg-boss cron, with worker processes', () => {
  let app: ExportTestApp;
  let account: TestAccount;
  let dataDir: string;
  const workers: ChildWorker[] = [];

  beforeAll(async () => {
    app = await startExportTestApp({ worker: false });
    dataDir = fs.mkdtempSync(path.join(app.exportDir, '..', 'schedules-data-'));
    account = await createAccount(app.db, { name: 'Cron Co', timeZone: 'America/New_York' });
    await insertRows(app.db, account.id, 'inboxes', [
      { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
    ]);
  });

  afterAll(async () => {
    for (const worker of workers) await stopChildWorker(worker);
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Each worker is kept for afterAll as soon as it runs, so one that fails to start leaves no other running.
  const start = async () => {
    const launch = () =>
      startChildWorker(app.exportDir, dataDir, WORKER_ENV).then((worker) => {
        workers.push(worker);
        return worker;
      });
    return Promise.all([launch(), launch()]);
  };

  async function createSchedule(cron: string): Promise<string> {
    const response = await app.graphql<{ createExportSchedule: { id: string } }>(
      `mutation($input: ExportScheduleInput!) { createExportSchedule(input: $input) { id } }`,
      { key: account.key, variables: { input: { name: cron, report: 'MESSAGES', window: 'PREVIOUS_HOUR', cron, columns: ['messageId'] } } },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.createExportSchedule.id as string;
  }

  async function runs(scheduleId: string): Promise<Run[]> {
    const response = await app.graphql<{ exportJobs: { nodes: Run[] } }>(
      `query($s: ID!) { exportJobs(first: 50, scheduleId: $s) { nodes { id status scheduledFor filter { from to timeZone } } } }`,
      { key: account.key, variables: { s: scheduleId } },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.exportJobs.nodes as Run[];
  }

  /** The pg-boss cron of a schedule exists once a worker has synced it. */
  const synced = (scheduleId: string) =>
    waitFor('the schedule in pg-boss', async () => {
      const [row] = await app.db.owner.query(`SELECT 1 FROM pgboss.schedule WHERE name = $1`, [`export-schedule-run-${scheduleId}`]);
      return row ? true : undefined;
    });

  it('runs each minute slot once with two worker processes, for the window before the slot', async () => {
    const pair = await start();
    const scheduleId = await createSchedule('* * * * *');
    await synced(scheduleId);
    const [first] = await waitFor(
      'the first slot run',
      async () => {
        const found = await runs(scheduleId);
        return found.some((r) => r.status === 'SUCCEEDED') ? found : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const slot = Date.parse(first.scheduledFor as string);
    expect(slot % MINUTE).toBe(0);
    // PREVIOUS_HOUR in New York: its offsets are whole hours, so the hour before the slot's local hour starts at the UTC hour before.
    const hourStart = slot - (slot % HOUR);
    expect(first.filter).toEqual({
      from: new Date(hourStart - HOUR).toISOString(),
      to: new Date(hourStart).toISOString(),
      timeZone: 'America/New_York',
    });
    // pg-boss would fire the slot again for up to 60 s after it, from either process; wait out most of that minute.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot + 50_000 - Date.now())));
    const all = await runs(scheduleId);
    const ofSlot = all.filter((r) => r.scheduledFor === first.scheduledFor);
    expect(ofSlot).toHaveLength(1);
    // Every run is of a distinct whole minute: none twice.
    const slots = all.map((r) => r.scheduledFor);
    expect(new Set(slots).size).toBe(slots.length);
    for (const worker of pair) await stopChildWorker(worker);
    const pause = await app.graphql(`mutation($id: ID!) { pauseExportSchedule(id: $id) { paused } }`, {
      key: account.key,
      variables: { id: scheduleId },
    });
    expect(pause.errors).toBeUndefined();
  }, 180_000);

  it('runs a slot missed while every worker was down once when workers return, not once per missed slot', async () => {
    // The test takes up to about two minutes of real time; a whole hour passing within it would make the next slot due
    // too, rightly run. Started that close to one, it waits until the hour has begun.
    const untilNextHour = HOUR - (Date.now() % HOUR);
    if (untilNextHour < 3 * MINUTE) await new Promise((resolve) => setTimeout(resolve, untilNextHour + 5000));
    const pair = await start();
    const scheduleId = await createSchedule('0 * * * *');
    await synced(scheduleId);
    for (const worker of pair) await stopChildWorker(worker);
    // As if the schedule had existed for the last three hourly slots while no worker ran.
    await withTenant(app.db.owner, account.id, (runner) =>
      runner.query(`UPDATE export_schedules SET active_since = now() - interval '3 hours 5 minutes' WHERE id = $1`, [scheduleId]),
    );
    await start();
    const [run] = await waitFor(
      'the catch-up run',
      async () => {
        const found = await runs(scheduleId);
        return found.some((r) => r.status === 'SUCCEEDED') ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // Only the latest missed slot: the last whole hour.
    const latest = Date.now() - (Date.now() % HOUR);
    expect(run.scheduledFor).toBe(new Date(latest).toISOString());
    expect(run.filter.to).toBe(new Date(latest).toISOString());
    // Both returning workers caught the slot up; it still has one export, and a later return adds none.
    for (const worker of workers.splice(0)) await stopChildWorker(worker);
    await start();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await runs(scheduleId)).map((r) => r.scheduledFor)).toEqual([new Date(latest).toISOString()]);
  }, 360_000);
});
