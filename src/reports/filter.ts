import { EntityManager } from 'typeorm';
import { ReportDefinition } from '../catalog/types';
import { ChannelType } from '../entities/enums/inbox.enums';
import { badUserInput } from '../errors';
import { isBigintId } from '../ids';
import { ResolvedFilter } from './compiler';
import { isKnownTimeZone } from './time-zones';
import { ZonedRange, cachedRange, rememberRange } from './zone-ranges';

/** A range end as the client wrote it; the filter's time zone gives the wall-clock form its instant. */
export interface RangeEnd {
  text: string;
  /** True when the text carries its own offset (`Z` or `±hh:mm`) and so names one instant by itself. */
  hasOffset: boolean;
}

/** What a report covers, as the report fields and exports take it (see the ReportFilter input for each field's meaning). */
export interface ReportFilter {
  from: RangeEnd;
  to: RangeEnd;
  timeZone?: string | null;
  inboxIds?: string[] | null;
  channelTypes?: ChannelType[] | null;
  teamIds?: string[] | null;
  agentIds?: string[] | null;
}

/**
 * The instants PostgreSQL and JavaScript both write as a four-digit year: an export stores its
 * range as ISO text and reads it back, and "0000-12-31T10:00Z" (1 BC) is one PostgreSQL refuses.
 */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

const DIGITS = /^[1-9][0-9]{0,18}$/;

async function checkIds(
  manager: EntityManager,
  table: 'inboxes' | 'teams' | 'agents',
  ids: string[] | null | undefined,
  field: string,
): Promise<string[] | null> {
  if (ids === null || ids === undefined) return null;
  if (ids.length === 0) throw badUserInput(`${field} must not be empty; leave it out to include all.`, field);
  const malformed = ids.filter((id) => !DIGITS.test(id) || !isBigintId(id));
  if (malformed.length > 0) throw badUserInput(`${field} has ids that are not ids: ${malformed.join(', ')}.`, field);
  // Row Level Security makes another account's id as absent as one that never existed.
  const rows: Array<{ id: string }> = await manager.query(`SELECT id::text AS id FROM ${table} WHERE id = ANY($1::bigint[])`, [ids]);
  const known = new Set(rows.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw badUserInput(`${field} has unknown ids: ${unknown.join(', ')}.`, field);
  return [...new Set(ids)];
}

/** The account's own zone, read only when the filter names none (a statement fewer per report page). */
async function accountTimeZone(manager: EntityManager): Promise<string> {
  const [account] = await manager.query('SELECT time_zone FROM accounts');
  return (account?.time_zone as string | undefined) ?? 'UTC';
}

/**
 * The range's instants in the zone and the transaction's `now()`. A caller that already read
 * `now()` in this transaction (the request's authentication does) passes it, and then a range
 * PostgreSQL has computed before costs no statement.
 */
async function rangeOf(
  manager: EntityManager,
  input: ReportFilter,
  timeZone: string,
  now: Date | undefined,
): Promise<ZonedRange & { asOf: Date }> {
  const known = now ? cachedRange(manager, input.from, input.to, timeZone) : null;
  if (known && now) return { ...known, asOf: now };
  const [range] = await manager.query(
    `SELECT CASE WHEN $2 THEN $1::timestamptz ELSE $1::timestamp AT TIME ZONE $5 END AS "from",
            CASE WHEN $4 THEN $3::timestamptz ELSE $3::timestamp AT TIME ZONE $5 END AS "to",
            now() AS "asOf"`,
    [input.from.text, input.from.hasOffset, input.to.text, input.to.hasOffset, timeZone],
  );
  rememberRange(manager, input.from, input.to, timeZone, range);
  return { from: range.from, to: range.to, asOf: range.asOf };
}

/**
 * Validates a report filter and turns it into the values the compiled SQL takes. Every rejection
 * is a BAD_USER_INPUT error naming the offending field under `fieldPrefix` (e.g. `filter.to`).
 */
export async function resolveReportFilter(
  manager: EntityManager,
  report: ReportDefinition,
  input: ReportFilter,
  options: { maxRangeDays: number; fieldPrefix: string; now?: Date },
): Promise<ResolvedFilter> {
  const at = (name: string) => `${options.fieldPrefix}.${name}`;
  const timeZone = input.timeZone ?? (await accountTimeZone(manager));
  if (!(await isKnownTimeZone(manager, timeZone)))
    throw badUserInput(`"${timeZone}" is not a known IANA time zone (e.g. America/Sao_Paulo).`, at('timeZone'));

  const { from, to, asOf } = await rangeOf(manager, input, timeZone, options.now);
  for (const [name, instant] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!(instant.getTime() >= FIRST_INSTANT && instant.getTime() <= LAST_INSTANT)) {
      throw badUserInput(`${name} falls outside the years 0001 to 9999 (UTC).`, at(name));
    }
  }
  if (from.getTime() >= to.getTime()) throw badUserInput('from must be before to.', at('from'));
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > options.maxRangeDays) {
    throw badUserInput(`The range spans ${Math.ceil(days)} days; at most ${options.maxRangeDays} are allowed.`, at('to'));
  }
  if (!report.filters.teams && input.teamIds) throw badUserInput(`The ${report.key} report does not filter by team.`, at('teamIds'));
  if (!report.filters.agents && input.agentIds) throw badUserInput(`The ${report.key} report does not filter by agent.`, at('agentIds'));
  if (input.channelTypes && input.channelTypes.length === 0) {
    throw badUserInput('channelTypes must not be empty; leave it out to include all.', at('channelTypes'));
  }

  return {
    from,
    to,
    timeZone,
    asOf,
    inboxIds: await checkIds(manager, 'inboxes', input.inboxIds, at('inboxIds')),
    channelTypes: input.channelTypes ? [...new Set(input.channelTypes)] : null,
    teamIds: await checkIds(manager, 'teams', input.teamIds, at('teamIds')),
    agentIds: await checkIds(manager, 'agents', input.agentIds, at('agentIds')),
  };
}
