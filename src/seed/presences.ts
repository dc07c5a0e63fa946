import type { SeedContext } from './context';
import type { Reference } from './reference-data';
import { createTempTable } from './sql';
import { staged } from './staging';

/** Presence is generated for a little more than the reporting window, so intervals straddle its start. */
const PRESENCE_DAYS = 62;
/** Every shift boundary moves by up to this many minutes each day; boundaries are at least 20 minutes apart. */
const JITTER_MINUTES = 6;

type Away = 'lunch' | 'break' | 'night';
interface Interval {
  status: 'available' | 'away';
  away: Away | null;
}

/**
 * One working day as boundaries (local minutes from the day's midnight; past 1440 is the next
 * day) and the state between each pair. Consecutive intervals share a boundary, so a shift is
 * contiguous: Available, Away (lunch), Available, Away (a break), Available.
 */
function shiftOf(kind: 'day' | 'night', startHour: number): { boundaries: number[]; intervals: Interval[] } {
  const available: Interval = { status: 'available', away: null };
  if (kind === 'night') {
    return {
      boundaries: [startHour * 60, 26 * 60, 26 * 60 + 30, 30 * 60],
      intervals: [available, { status: 'away', away: 'night' }, available],
    };
  }
  return {
    boundaries: [startHour * 60, 12 * 60, 13 * 60, 15 * 60 + 30, 15 * 60 + 50, (startHour + 9) * 60],
    intervals: [available, { status: 'away', away: 'lunch' }, available, { status: 'away', away: 'break' }, available],
  };
}

/**
 * Available/Away intervals of every human agent who ever signed in, per working day in the
 * account's time zone (the night shift crosses midnight and, on DST days, is an hour longer or
 * shorter). The interval under way at `now` is open; agents marked `leavesPresenceOpen` never
 * closed their latest one. Sign-in times are then taken from the shift starts.
 */
export async function insertPresences({ runner, accountId, profile, now, random }: SeedContext, reference: Reference): Promise<void> {
  const { pick } = random;
  const rows = profile.agents.flatMap((agent, agentIdx) => {
    if (agent.neverSignedIn) return [];
    const { boundaries, intervals } = shiftOf(agent.shift.kind, agent.shift.startHour);
    return intervals.map((interval, ord) => ({
      agent_id: reference.agentIds[agentIdx],
      agent_idx: agentIdx,
      works_saturday: agent.shift.worksSaturday,
      leaves_open: agent.leavesPresenceOpen ?? false,
      ord,
      status: interval.status,
      away: interval.away,
      start_min: boundaries[ord],
      end_min: boundaries[ord + 1],
    }));
  });
  await createTempTable(
    runner,
    'seed_shift_intervals',
    'agent_id bigint, agent_idx int, works_saturday boolean, leaves_open boolean, ord int, status text, away text, start_min int, end_min int',
    rows,
  );
  const jitter = (boundary: string) =>
    `(${pick(`i.agent_idx * 1000000 + d * 100 + ${boundary}`, 80, 2 * JITTER_MINUTES + 1)} - ${JITTER_MINUTES})`;
  await runner.query(
    `INSERT INTO ${staged('agent_presences')} (account_id, agent_id, status, away_state, started_at, ended_at)
     SELECT $1, agent_id, status, away_state, started_at,
            CASE WHEN ended_at > $2::timestamptz OR (leaves_open AND latest = 1) THEN NULL ELSE ended_at END
       FROM (SELECT x.*, row_number() OVER (PARTITION BY x.agent_id ORDER BY x.started_at DESC) AS latest
               FROM (SELECT i.agent_id, i.leaves_open, i.status,
                            CASE i.away WHEN 'lunch' THEN $4 WHEN 'night' THEN $5
                                        WHEN 'break' THEN ($6::text[])[1 + ${pick('i.agent_idx * 1000000 + d * 100', 81, 'cardinality($6::text[])')}] END AS away_state,
                            (dd.day + make_interval(mins => i.start_min + ${jitter('i.ord')})) AT TIME ZONE $3 AS started_at,
                            (dd.day + make_interval(mins => i.end_min + ${jitter('i.ord + 1')})) AT TIME ZONE $3 AS ended_at
                       FROM seed_shift_intervals i
                      CROSS JOIN generate_series(0, ${PRESENCE_DAYS}) AS d
                      CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE $3)::date - d AS day) dd
                      WHERE extract(isodow FROM dd.day) <> 7 AND (i.works_saturday OR extract(isodow FROM dd.day) <> 6)) x
              WHERE x.started_at < $2::timestamptz) y
      ORDER BY started_at, agent_id`,
    [accountId, now.toISOString(), profile.timeZone, profile.awayStates.lunch, profile.awayStates.night, profile.awayStates.breaks],
  );
  // A shift starts with an interval that does not continue the agent's previous one.
  await runner.query(
    `UPDATE ${staged('agents')} a SET last_sign_in_at = s.signed_in
       FROM (SELECT agent_id, max(started_at) FILTER (WHERE previous_end IS DISTINCT FROM started_at) - interval '2 minutes' AS signed_in
               FROM (SELECT agent_id, started_at, lag(ended_at) OVER (PARTITION BY agent_id ORDER BY started_at) AS previous_end
                       FROM ${staged('agent_presences')} WHERE account_id = $1) p
              GROUP BY agent_id) s
      WHERE a.account_id = $1 AND a.id = s.agent_id`,
    [accountId],
  );
}
