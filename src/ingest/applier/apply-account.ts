import { DataSource } from 'typeorm';
import { IngestConfig } from '../../config';
import { withTenant } from '../../db/tenant-transaction';
import { Sql } from '../../db/sql';
import {
  BatchSize,
  loadBatch,
  markApplied,
  resolveStage,
  settleBatch,
  expireStaleWaiting,
  definitionsOfStage,
  RoundOutcome,
  STAGES,
  STATES_TABLE,
} from './batch';
import {
  applyConversationEvents,
  applyConversationTopics,
  applyCreatedConversations,
  recomputeConversations,
  refuseTakenDisplayIds,
} from './conversations';
import { applyDependents, applyEntities } from './entities';
import { applyErasures } from './erasure';
import { refreshConversationFirsts } from '../derived/conversation-firsts';
import { refreshLockSessions } from '../derived/lock-sessions';
import { refreshMessageBuckets } from '../derived/message-buckets';
import { refreshHumanReplies } from '../derived/human-replies';
import { refreshMessageCounts } from '../derived/message-counts';
import { refreshAfterStage, refreshStatistics, rowsWritten } from './statistics';
import { applyCreatedMessages, applyMessageTags, applyRequestedDispatches, recomputeDispatches, recomputeMessages } from './messages';

/**
 * The applier: turns an account's unapplied events into the rows the reports read.
 *
 * A round is one transaction bound to the account: it takes a bounded batch of pending (and
 * waiting) events in log order, and stage by stage resolves their references, marks the resolved
 * ones applied and recomputes from the log every row they touch. Because a row is always rebuilt
 * from the whole set of its applied events, the result does not depend on the order, repetition
 * or batching of their arrival. Because the events' state changes commit with the rows, a crash
 * anywhere leaves the round undone as a whole: nothing is lost, nothing applied twice.
 */

export class AccountBusyError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} is being applied by another worker`);
  }
}

/** What a run of the applier needs of the ingestion settings. */
export type ApplyConfig = Pick<
  IngestConfig,
  'waitTimeoutSeconds' | 'applyBatchSize' | 'applyMaxBatchSize' | 'applyRoundBudgetMs' | 'applyRoundsPerJob'
>;

/** What each stage recomputes once its events are marked applied. */
const STAGE_WORK: Record<number, Array<(sql: Sql, accountId: string) => Promise<void>>> = {
  1: [applyEntities],
  2: [applyDependents],
  3: [applyCreatedConversations],
  4: [applyConversationEvents, applyConversationTopics, applyCreatedMessages],
  5: [recomputeMessages, applyMessageTags, applyRequestedDispatches],
  6: [recomputeDispatches],
};

/**
 * The work a round derives from its batch once every stage's rows are written, in the round's
 * transaction (so it commits or rolls back with them): the touched conversations' derived
 * columns, then erasures, which must see the final rows. Per-batch maintenance (rollups) is added
 * here and nowhere else.
 */
async function deriveFromBatch(sql: Sql, accountId: string): Promise<void> {
  await recomputeConversations(sql, accountId);
  await applyErasures(sql, accountId);
  await refreshMessageBuckets(sql, accountId);
  await refreshMessageCounts(sql, accountId);
  await refreshConversationFirsts(sql, accountId);
  await refreshLockSessions(sql, accountId);
  await refreshHumanReplies(sql, accountId);
}

async function lockAccount(sql: Sql, accountId: string): Promise<void> {
  const [{ locked }] = await sql.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('ingest-apply:' || $1::text, 0)) AS locked`, [
    accountId,
  ]);
  if (!locked) throw new AccountBusyError(accountId);
}

/** One round in the caller's transaction, which is bound to the account. */
export async function applyRound(sql: Sql, accountId: string, config: ApplyConfig, size: BatchSize): Promise<RoundOutcome> {
  await lockAccount(sql, accountId);
  // Day and interval arithmetic stays independent of the connection's zone.
  await sql.query(`SET LOCAL TimeZone = 'UTC'`);
  // A round touches a batch's worth of rows, by key, in pages the log's writes just cached: priced as random disk reads,
  // probing the state table per event lost to hashing all of it (a backlog's worth), 0.2 s instead of 0.02 s a statement.
  await sql.query(`SET LOCAL random_page_cost = 1.1`);
  // A grown round sorts its messages' creations by subject for the ranking window: at the default 4 MB, 20,000 went to disk.
  await sql.query(`SET LOCAL work_mem = '32MB'`);
  await refreshStatistics(sql);
  const expired = await expireStaleWaiting(sql, accountId, config.waitTimeoutSeconds);
  const taken = await loadBatch(sql, accountId, size);
  if (taken === 0) return { taken: 0, applied: 0, waiting: 0, rejected: expired };
  const written = await rowsWritten(sql);
  for (const stage of STAGES) {
    await resolveStage(sql, accountId, stage);
    if (stage === 3) await refuseTakenDisplayIds(sql, accountId);
    await markApplied(
      sql,
      accountId,
      definitionsOfStage(stage).map((definition) => definition.type),
    );
    for (const work of STAGE_WORK[stage]) await work(sql, accountId);
    // A large batch fills tables the next stage joins against; plans made on the old statistics would scan them per row.
    await refreshAfterStage(sql, taken, written);
  }
  await deriveFromBatch(sql, accountId);
  const outcome = await settleBatch(sql, accountId, config.waitTimeoutSeconds);
  return { ...outcome, rejected: outcome.rejected + expired };
}

export interface ApplyResult {
  rounds: number;
  applied: number;
  waiting: number;
  rejected: number;
  /** Whether pending events were left for a further job (the job's round budget ran out). */
  more: boolean;
}

/** SQLSTATE classes of a fault in what an event's data makes (22 data exception, 23 integrity violation): a retry cannot mend it. */
function isDataFault(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const state = driverError?.code ?? code;
  return typeof state === 'string' && (state.startsWith('22') || state.startsWith('23'));
}

/** Rejects the oldest event of the given state (the one a round of that single event failed on), with the database's reason. */
async function rejectUnappliable(owner: DataSource, accountId: string, state: 'pending' | 'waiting', error: unknown): Promise<number> {
  const reason = error instanceof Error ? error.message : String(error);
  return withTenant(owner, accountId, async (runner) => {
    await lockAccount(runner.manager, accountId);
    const rows: unknown[] = await runner.query(
      `WITH alone AS (
         UPDATE ${STATES_TABLE} s SET state = 'rejected', waiting_for = NULL
          WHERE s.account_id = $1 AND s.seq = (SELECT seq FROM ${STATES_TABLE} WHERE account_id = $1 AND state = $2 ORDER BY seq LIMIT 1)
          RETURNING s.seq)
       INSERT INTO ingest_rejections (account_id, source, event_id, log_seq, code, path, message)
       SELECT $1, l.source, l.event_id, l.seq, 'APPLY_FAILED', '$.data', 'The event could not be applied: ' || $3
         FROM alone a JOIN ingest_events l ON l.account_id = $1 AND l.seq = a.seq
       RETURNING 1`,
      [accountId, state, reason],
    );
    return rows.length;
  });
}

/**
 * The size of the next round. While a backlog lasts, a round that took under half the budget doubles the next one (up
 * to the largest size), so the fixed costs of a round (statistics, temporary tables, some 30 statements) are shared by
 * more events; one over the budget halves it (down to the configured size).
 */
function nextRoundSize(current: number, config: ApplyConfig, backlog: boolean, elapsedMs: number): number {
  const largest = Math.max(config.applyBatchSize, config.applyMaxBatchSize);
  if (backlog && elapsedMs < config.applyRoundBudgetMs / 2) return Math.min(largest, current * 2);
  if (elapsedMs > config.applyRoundBudgetMs) return Math.max(config.applyBatchSize, Math.floor(current / 2));
  return current;
}

/**
 * Runs rounds over the account's log until no pending event is left or the job's budget of
 * rounds is spent. Each round takes pending events, so the pending ones run out; waiting events
 * are looked at again by every round.
 *
 * A round that fails on a fault of some event's data rolls back whole; it is run again on half as
 * many events, down to the oldest pending event alone, then the oldest waiting one alone, and the
 * event that fails alone is rejected (APPLY_FAILED). One poisoned event so costs its account a
 * few short rounds, never its later batches.
 */
export async function applyAccount(owner: DataSource, accountId: string, config: ApplyConfig): Promise<ApplyResult> {
  const result: ApplyResult = { rounds: 0, applied: 0, waiting: 0, rejected: 0, more: false };
  const sized = (events: number): BatchSize => ({ pending: events, waiting: events });
  let full = sized(config.applyBatchSize);
  let size = full;
  for (;;) {
    let outcome: RoundOutcome;
    const started = performance.now();
    try {
      outcome = await withTenant(owner, accountId, (runner) => applyRound(runner.manager, accountId, config, size));
    } catch (error) {
      if (!isDataFault(error)) throw error;
      if (size.pending + size.waiting > 1) {
        size =
          size.pending + size.waiting === 2
            ? { pending: 1, waiting: 0 }
            : { pending: Math.ceil(size.pending / 2), waiting: Math.ceil(size.waiting / 2) };
        continue;
      }
      result.rejected += await rejectUnappliable(owner, accountId, size.pending === 1 ? 'pending' : 'waiting', error);
      size = full;
      continue;
    }
    const elapsedMs = performance.now() - started;
    result.rounds++;
    result.applied += outcome.applied;
    result.rejected += outcome.rejected;
    // Whether pending events are left is looked up by index, not counted: a backlog's count cost a round 30 ms.
    const [left] = await withTenant(owner, accountId, (runner) =>
      runner.query(
        `SELECT EXISTS (SELECT 1 FROM ${STATES_TABLE} WHERE account_id = $1 AND state = 'pending') AS pending,
                (SELECT count(*)::int FROM ${STATES_TABLE} WHERE account_id = $1 AND state = 'waiting') AS waiting`,
        [accountId],
      ),
    );
    result.waiting = left.waiting;
    // The oldest pending event applies alone: the fault is the oldest waiting event's.
    const isolating = size !== full;
    if (!isolating) full = sized(nextRoundSize(full.pending, config, left.pending, elapsedMs));
    size = isolating && size.pending === 1 && size.waiting === 0 ? { pending: 0, waiting: 1 } : full;
    if (!left.pending && size === full) return result;
    if (result.rounds >= config.applyRoundsPerJob) {
      result.more = true;
      return result;
    }
  }
}
