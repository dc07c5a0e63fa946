import type { DataSource } from 'typeorm';
import { withTenant } from '../db/tenant-transaction';
import { applyAccount } from '../ingest/applier/apply-account';
import { STATES_TABLE } from '../ingest/applier/batch';
import { ACCOUNT_PROFILES, type AccountProfile, type Locale } from './accounts';
import { insertContacts } from './contacts';
import type { SeedContext } from './context';
import { insertConversations } from './conversations';
import { loadLookups } from './lookups';
import { insertPresences } from './presences';
import { sqlRandom } from './random';
import { insertReferenceData } from './reference-data';
import { compileScenarios, type CompiledScenarios } from './scenarios';
import { stageEvents } from './events';
import { createStagingTables } from './staging';

export interface SeedOptions {
  /** The end of the 60 days of activity; nothing is dated after it. */
  now: Date;
  conversationsPerAccount: number;
  /** How many of the demo accounts to add, in their order (default: all). The largest benchmark set seeds only the first. */
  accounts?: number;
}

export interface SeededAccount {
  id: string;
  name: string;
  locale: Locale;
  timeZone: string;
}

/**
 * Adds the two demo accounts (Brazilian Portuguese in São Paulo, English in New York), or the first
 * `options.accounts` of them, with 60 days of
 * chat activity before `options.now`. The same options give the same rows: every draw is keyed
 * by the account's seed and the row's position, never by ids or the clock. Each account is
 * written in one transaction bound to it, so the seed also works for an owner that Row Level
 * Security binds.
 *
 * Conversation display ids 1, 2, … (one per script of `scenarios.ts`, as far as
 * `conversationsPerAccount` reaches) replay those scripts in order, unstretched, on the local day
 * 59 days before `now`: tests can rely on them (display id 2 is the documented first-response
 * example). The other conversations draw a script by weight and spread over the 57 days after.
 */
export async function seedDemoData(db: DataSource, options: SeedOptions): Promise<SeededAccount[]> {
  if (!Number.isInteger(options.conversationsPerAccount) || options.conversationsPerAccount < 1) {
    throw new RangeError(`conversationsPerAccount must be a positive integer, got ${options.conversationsPerAccount}`);
  }
  if (Number.isNaN(options.now.getTime())) throw new RangeError('now must be a valid date');
  const accounts = options.accounts ?? ACCOUNT_PROFILES.length;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > ACCOUNT_PROFILES.length) {
    throw new RangeError(`accounts must be an integer from 1 to ${ACCOUNT_PROFILES.length}, got ${accounts}`);
  }
  const compiled = compileScenarios();
  const seeded: SeededAccount[] = [];
  // One account after the other: identity values are then drawn in the same order on every run.
  for (const profile of ACCOUNT_PROFILES.slice(0, accounts)) seeded.push(await seedAccount(db, profile, compiled, options));
  return seeded;
}

/**
 * Applies the events a seed stored but did not apply: the log is committed before the one round
 * that applies it, so a seed stopped during that round (hours for the largest benchmark set) is
 * finished from its log instead of being generated again. Returns how many events it applied.
 */
export async function finishDemoSeed(db: DataSource, accountId: string): Promise<number> {
  const [{ pending }] = await withTenant(db, accountId, (runner) =>
    runner.query(`SELECT count(*)::int AS pending FROM ${STATES_TABLE} WHERE account_id = $1 AND state = 'pending'`, [accountId]),
  );
  if (pending === 0) return 0;
  const applied = await applySeed(db, accountId, pending);
  if (applied.applied !== pending) throw new Error(`the demo's events did not all apply: ${pending} pending, ${JSON.stringify(applied)}`);
  return applied.applied;
}

/** One round over the whole log: each table is then filled by one statement, in log order. */
function applySeed(db: DataSource, accountId: string, events: number) {
  return applyAccount(db, accountId, {
    waitTimeoutSeconds: 86_400,
    applyBatchSize: events,
    applyMaxBatchSize: events,
    applyRoundBudgetMs: Number.MAX_SAFE_INTEGER,
    applyRoundsPerJob: 1,
  });
}

async function seedAccount(
  db: DataSource,
  profile: AccountProfile,
  compiled: CompiledScenarios,
  options: SeedOptions,
): Promise<SeededAccount> {
  const [{ id }] = await db.query(`SELECT nextval(pg_get_serial_sequence('accounts', 'id'))::text AS id`);
  const stored = await withTenant(db, id, async (runner) => {
    // Day arithmetic on timestamptz follows the session time zone; UTC keeps it 24 hours long.
    await runner.query(`SET LOCAL TimeZone = 'UTC'`);
    // The bulk INSERTs sort their rows so that ids follow time; in memory that takes seconds, not minutes.
    await runner.query(`SET LOCAL work_mem = '256MB'`);
    const accountCreated = new Date(options.now.getTime() - 3 * 365 * 86_400_000);
    await runner.query('INSERT INTO accounts (id, name, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, $5)', [
      id,
      profile.name,
      profile.locale,
      profile.timeZone,
      accountCreated.toISOString(),
    ]);
    await createStagingTables(runner);
    const reference = await insertReferenceData(runner, id, profile, options.now);
    await loadLookups(runner, profile, reference, compiled, options.conversationsPerAccount);
    const context: SeedContext = { runner, accountId: id, profile, now: options.now, random: sqlRandom(profile.seed) };
    await insertContacts(context);
    const supervisorId = reference.agentIds[profile.agents.findIndex((agent) => agent.supervisor)];
    await insertConversations(context, compiled, options.conversationsPerAccount, supervisorId);
    await insertPresences(context, reference);
    return stageEvents(runner);
  });
  const applied = await applySeed(db, id, stored);
  if (applied.applied !== stored) {
    throw new Error(`the demo's events did not all apply: ${stored} stored, ${JSON.stringify(applied)}`);
  }
  return { id, name: profile.name, locale: profile.locale, timeZone: profile.timeZone };
}
