import { ReportParams } from '../types';

/**
 * Seconds each agent spent Available and Away within the range: every presence interval that
 * overlaps the range, clipped to it; an interval still open ends at the as-of time.
 * Columns: `owner_id`, `available_seconds`, `away_seconds`.
 */
export function presenceTimes(p: ReportParams): string {
  const clipped = `extract(epoch FROM least(coalesce(ap.ended_at, ${p.asOf}), ${p.to}, ${p.asOf}) - greatest(ap.started_at, ${p.from}))`;
  return `SELECT ap.agent_id AS owner_id,
           coalesce(sum(${clipped}) FILTER (WHERE ap.status = 'available'), 0) AS available_seconds,
           coalesce(sum(${clipped}) FILTER (WHERE ap.status = 'away'), 0) AS away_seconds
      FROM agent_presences ap
     WHERE ap.started_at < ${p.to} AND coalesce(ap.ended_at, ${p.asOf}) > ${p.from} AND ap.started_at <= ${p.asOf}
     GROUP BY 1`;
}
