import { ReportParams } from '../types';
import { bucketBounds, bucketOf, edgeRanges } from './message-buckets';

/**
 * The `messages` and `chat_conversations` counts read `message_counts` (migration 1770310000000)
 * instead of every message of their range: per 15-minute UTC bucket, inbox, sending agent and team,
 * how many messages other than activity it holds (`messages`, deleted ones included: the `messages`
 * report's rows) and how many of them are not deleted (`undeleted`: `chat_conversations`' rows;
 * private notes are rows of both). Its rows grow with the buckets and the agents active in them, not
 * with the messages: a count reads a few rows per bucket where it read every message.
 *
 * A count does not group by the zone's hours or days, so only the partial buckets at the range's
 * two edges (asOf inside a bucket included) are read from the messages themselves; the zone's cut
 * buckets that the grouped reports read from the tables are whole in a total.
 */

export type MessageCountMeasure = 'messages' | 'undeleted';

/**
 * The rollup rows of the messages `m` (other than activity) that the condition keeps, as the table
 * stores them. With `within`, only those whose creation falls in one of that relation's ranges
 * [lo, hi), each read through the time index, and each message's conversation looked up by key: a
 * parameterized range is priced at thousands of rows, so joined, every conversation of the account
 * was hashed for a round's few buckets (20,000 for 40 buckets' 1,843 messages).
 */
export function messageCountRows(condition: string, within?: string): string {
  const bucket = bucketOf('m.created_at');
  const from = within
    ? `${within} r JOIN messages m ON m.created_at >= r.lo AND m.created_at < r.hi
    CROSS JOIN LATERAL (SELECT c.inbox_id FROM conversations c WHERE c.account_id = m.account_id AND c.id = m.conversation_id OFFSET 0) c`
    : `messages m
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id`;
  return `SELECT m.account_id, ${bucket} AS bucket, c.inbox_id, m.sender_agent_id, m.team_id,
         count(*)::int AS messages, count(*) FILTER (WHERE m.deleted_at IS NULL)::int AS undeleted
    FROM ${from}
   WHERE m.message_type <> 'activity' AND ${condition}
   GROUP BY m.account_id, ${bucket}, c.inbox_id, m.sender_agent_id, m.team_id`;
}

/**
 * A count of messages from the rollup: CTEs (without the leading WITH) and the total. `kept` are the
 * report's conditions on its messages `m` but their time, for the edges, which lie inside the range
 * (with the range's own bounds too, PostgreSQL read the whole range by them and filtered it by the
 * edges); the rollup's rows are kept by the same filter (inboxes and channel types, teams, agents),
 * applied to their key.
 */
export function rangeMessageCount(p: ReportParams, measure: MessageCountMeasure, kept: string[]): { with: string; total: string } {
  return {
    with: `${bucketBounds(p)},
  count_edges AS MATERIALIZED (
    ${edgeRanges(p)}
  )`,
    total: `(SELECT coalesce(sum(mc.${measure}), 0)
       FROM message_counts mc
      WHERE mc.bucket >= (SELECT lo FROM bucket_bounds) AND mc.bucket < (SELECT hi FROM bucket_bounds)
        AND (NOT ${p.inboxesFiltered} OR mc.inbox_id = ANY (ARRAY(SELECT i.id FROM inboxes i WHERE ${p.inboxMatches('i')})))
        AND ${p.teamMatches('mc.team_id')}
        AND ${p.agentMatches('mc.sender_agent_id')})
    + (SELECT count(*)
         FROM count_edges r JOIN messages m ON m.created_at >= r.lo AND m.created_at < r.hi
        WHERE ${kept.join('\n          AND ')})`,
  };
}
