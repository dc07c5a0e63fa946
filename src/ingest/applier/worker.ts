import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { IngestConfig } from '../../config';
import { DatabaseOutage } from '../../db/outage';
import { withTenant } from '../../db/tenant-transaction';
import { Logger } from '../../logger';
import { APPLY_QUEUE, ApplyJobData, BATCH_RECHECK_SECONDS, RECHECK_QUEUE, enqueueApply, enqueueRecheck } from '../queue';
import { AccountBusyError, applyAccount } from './apply-account';

export interface IngestWorkerDeps {
  /** The applier writes the domain tables as their owner, in transactions bound to one account; pg-boss runs as the owner too. */
  owner: DataSource;
  config: IngestConfig;
  logger: Logger;
  /** The process's watch over lost connections: an outage, or the database stopping with the process, is logged once there. */
  outage?: DatabaseOutage;
}

export interface IngestWorker {
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 5000;
/** Jobs one poll takes: each worker loop pauses between polls, so one job per poll would cap a slot at two accounts a second. */
const JOBS_PER_FETCH = 10;

function urlOf(source: DataSource): string {
  const { url } = source.options as { url?: string };
  if (!url) throw new Error('the ingest worker needs a data source configured by URL');
  return url;
}

/**
 * Polls the applier's queues. A job applies its account's log; when the account is being applied
 * elsewhere, the account is looked at again shortly (the other run may have read the log before
 * this job's batch committed). A run that fails otherwise has rolled back; the account is looked
 * at again after INGEST_WAIT_RECHECK_SECONDS. A worker killed mid-run leaves its job active
 * until INGEST_JOB_EXPIRE_SECONDS, when pg-boss hands it out again.
 * A run that leaves events waiting asks for a delayed look, so their timeout fires even when no
 * new event arrives; one that runs out of rounds hands the rest to a fresh job.
 */
export async function startIngestWorker(deps: IngestWorkerDeps): Promise<IngestWorker> {
  const { config, logger } = deps;
  const boss = new PgBoss({
    connectionString: urlOf(deps.owner),
    schema: 'pgboss',
    max: config.applierConcurrency + 2,
    application_name: 'chat-reporting-ingest',
    supervise: true,
    schedule: false,
    migrate: false,
    maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
  });
  const outage = deps.outage ?? new DatabaseOutage(urlOf(deps.owner), logger);
  boss.on('error', (error) => {
    if (!outage.fault(error)) logger.error({ err: error }, 'ingest queue error');
  });
  await boss.start();
  const polling = { batchSize: JOBS_PER_FETCH, pollingIntervalSeconds: config.pollIntervalMs / 1000 };
  const run = async (accountId: string) => {
    try {
      const result = await applyAccount(deps.owner, accountId, config);
      if (result.more || result.waiting > 0) {
        await withTenant(deps.owner, accountId, async (runner) => {
          if (result.more) await enqueueApply(runner.manager, accountId, config);
          if (result.waiting > 0) await enqueueRecheck(runner.manager, accountId, config.waitRecheckSeconds);
        });
      }
      if (result.applied + result.rejected > 0) logger.debug({ accountId, ...result }, 'ingested events applied');
    } catch (error) {
      // The account is being applied elsewhere, or the round failed and rolled back as a whole: look again later, not in a tight loop.
      const busy = error instanceof AccountBusyError;
      // A round that lost its connection rolled back; the account is looked at again once the database answers.
      if (outage.fault(error)) await outage.reachable();
      else if (!busy) logger.error({ err: error, accountId }, 'ingest apply failed; the account is tried again later');
      await withTenant(deps.owner, accountId, (runner) =>
        enqueueRecheck(runner.manager, accountId, busy ? BATCH_RECHECK_SECONDS : config.waitRecheckSeconds),
      );
    }
  };
  for (let slot = 0; slot < config.applierConcurrency; slot++) {
    await boss.work<ApplyJobData>(APPLY_QUEUE, polling, async (jobs) => {
      for (const accountId of new Set(jobs.map((job) => job.data.accountId))) await run(accountId);
    });
  }
  await boss.work<ApplyJobData>(RECHECK_QUEUE, polling, async (jobs) => {
    for (const accountId of new Set(jobs.map((job) => job.data.accountId))) {
      await withTenant(deps.owner, accountId, (runner) => enqueueApply(runner.manager, accountId, config));
    }
  });
  logger.info({ concurrency: config.applierConcurrency }, 'ingest applier started');
  return {
    async stop() {
      if (!deps.outage) outage.stop();
      await boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS });
    },
  };
}
