import { ReportParams } from '../types';
import { FIRSTS_COLUMNS, firstResponseSeconds } from './conversation-firsts';
import { lockOutcome, lockTaken } from './lock-sessions';

/**
 * Range activity grouped by who it is credited to, shared by the teams and agent-metrics reports.
 * Each builder returns a CTE body with an `owner_id` column. An attribution says how each kind
 * of activity finds its owner:
 * - agents: the replying agent, the agent who resolved, the agent holding the lock, the agent who
 *   applied the tag or topic, and the agent who made the most recent resolution for CSAT;
 * - teams: the team the reply or resolution was made for, every team the locking or labelling
 *   agent is a member of, and the conversation's team for CSAT.
 */
export interface Attribution {
  reply: string;
  resolution: string;
  /** Turns an agent-id expression of a row of `account` into the owner, with any join it needs (`owner` alias). */
  agentOwner(agentId: string, account: string): { join: string; owner: string };
  csat: string;
}

export const BY_AGENT: Attribution = {
  reply: 'm.sender_agent_id',
  resolution: 'e.agent_id',
  agentOwner: (agentId) => ({ join: '', owner: agentId }),
  csat: 'c.resolved_by_agent_id',
};

export const BY_TEAM: Attribution = {
  reply: 'm.team_id',
  resolution: 'e.team_id',
  agentOwner: (agentId, account) => ({
    join: `JOIN team_members owner ON owner.account_id = ${account} AND owner.agent_id = ${agentId}`,
    owner: 'owner.team_id',
  }),
  csat: 'c.team_id',
};

function inRange(p: ReportParams, column: string): string {
  return `${column} >= ${p.from} AND ${column} < ${p.to} AND ${column} <= ${p.asOf}`;
}

/**
 * The inbox expression is one of the filter's inboxes. The inboxes are read once, as a list,
 * instead of joined: under Row Level Security PostgreSQL estimates an account's inboxes at one
 * row, and a joined inboxes scan became the outer side of a nested loop that ran the whole
 * activity join once per inbox.
 */
function inFilteredInboxes(p: ReportParams, inbox = 'c.inbox_id'): string {
  return `(NOT ${p.inboxesFiltered} OR ${inbox} = ANY (ARRAY(SELECT i.id FROM inboxes i WHERE ${p.inboxMatches('i')})))`;
}

/**
 * The conversation of `row` (its `account_id`, `conversation_id`) is in one of the filter's inboxes.
 * Behind the OR the lookup runs only when the filter names inboxes: joined, every resolution, lock
 * and topic of the range looked its conversation up (77,230 lookups for the locks of 30 days at
 * 100,000 conversations) to no effect without a filter.
 */
function conversationInFilteredInboxes(p: ReportParams, row: string): string {
  return `(NOT ${p.inboxesFiltered} OR EXISTS (
      SELECT 1 FROM conversations fc
       WHERE fc.account_id = ${row}.account_id AND fc.id = ${row}.conversation_id AND ${inFilteredInboxes(p, 'fc.inbox_id')}))`;
}

/** The range's human replies `m` (see ../sql/human-replies.ts) of the filter's inboxes that have an owner. */
function rangeReplies(p: ReportParams, a: Attribution): string {
  return `human_replies m
     WHERE ${inRange(p, 'm.created_at')} AND ${a.reply} IS NOT NULL AND ${inFilteredInboxes(p, 'm.inbox_id')}`;
}

/** Human replies in the range: `replies`, `contacts_helped` (distinct contacts replied to). */
export function replies(p: ReportParams, a: Attribution): string {
  return `SELECT ${a.reply} AS owner_id, count(*) AS replies, count(DISTINCT m.contact_id) AS contacts_helped
      FROM ${rangeReplies(p, a)}
     GROUP BY 1`;
}

/** The owners with a human reply in the range (`owner_id`): the rows of a report whose rows are its replying owners. */
export function replyingOwners(p: ReportParams, a: Attribution): string {
  return `SELECT DISTINCT ${a.reply} AS owner_id FROM ${rangeReplies(p, a)}`;
}

/**
 * `replies` with `first_response_seconds`, the average first response time of the conversations the
 * owner replied to, from the conversation's `conversation_firsts` times each reply row carries. One
 * pass: the replies reduced to one row per owner and conversation (a conversation has one contact and
 * one set of first times), then per owner.
 */
export function repliesAndFirstResponse(p: ReportParams, a: Attribution): string {
  return `SELECT r.owner_id, sum(r.replies)::bigint AS replies, count(DISTINCT r.contact_id) AS contacts_helped,
           avg(${firstResponseSeconds(p, 'r')}) AS first_response_seconds
      FROM (SELECT ${a.reply} AS owner_id, m.conversation_id, m.contact_id, ${FIRSTS_COLUMNS.map((c) => `m.${c}`).join(', ')},
                   count(*) AS replies
              FROM ${rangeReplies(p, a)}
             GROUP BY 1, 2, 3, ${FIRSTS_COLUMNS.map((_, i) => i + 4).join(', ')}) r
     GROUP BY r.owner_id`;
}

/**
 * Resolutions (status changes to Resolved) made in the range: `with_reply` / `without_reply`
 * count distinct conversations by whether a human agent had replied in them before that
 * resolution; `resolution_seconds` averages first inbound message → that resolution. The first
 * reply and first inbound message are the conversation's `conversation_firsts` row, by key.
 */
export function resolutions(p: ReportParams, a: Attribution): string {
  return `SELECT ${a.resolution} AS owner_id,
           count(DISTINCT e.conversation_id) FILTER (WHERE f.first_reply_at <= e.occurred_at) AS with_reply,
           count(DISTINCT e.conversation_id) FILTER (WHERE f.first_reply_at IS NULL OR f.first_reply_at > e.occurred_at) AS without_reply,
           avg(extract(epoch FROM e.occurred_at - f.first_inbound_at)) AS resolution_seconds
      FROM conversation_events e
      LEFT JOIN conversation_firsts f ON f.account_id = e.account_id AND f.conversation_id = e.conversation_id
     WHERE e.kind = 'status_changed' AND e.to_status = 'resolved' AND ${inRange(p, 'e.occurred_at')}
       AND ${a.resolution} IS NOT NULL AND ${conversationInFilteredInboxes(p, 'e')}
     GROUP BY 1`;
}

/**
 * Lock time of locks taken in the range, by outcome (see lockOutcome): `handle_seconds`,
 * `no_reply_seconds`, `cherry_picking_seconds`, and `handled_conversations` (distinct
 * conversations with handle time) for the average. Each lock is its `lock_sessions` row, read by
 * the time it was taken: a lock taken in the range may be released after it.
 */
export function locks(p: ReportParams, a: Attribution): string {
  const owner = a.agentOwner('s.agent_id', 's.account_id');
  const { seconds, outcome } = lockOutcome(p, 'ls');
  return `SELECT ${owner.owner} AS owner_id,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'handle'), 0) AS handle_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'no_reply'), 0) AS no_reply_seconds,
           coalesce(sum(s.seconds) FILTER (WHERE s.outcome = 'cherry_picking'), 0) AS cherry_picking_seconds,
           count(DISTINCT s.conversation_id) FILTER (WHERE s.outcome = 'handle') AS handled_conversations
      FROM (SELECT ls.account_id, ls.conversation_id, ls.agent_id, ${seconds} AS seconds, ${outcome} AS outcome
              FROM lock_sessions ls
             WHERE ls.locked_at >= ${p.from} AND ls.locked_at < ${p.to} AND ${lockTaken(p, 'ls')}
               AND ${conversationInFilteredInboxes(p, 'ls')}) s
      ${owner.join}
     GROUP BY 1`;
}

/** Tags (on messages) and topics (on conversations) applied in the range: `tags_added`, `topics_added`. */
export function labelsAdded(p: ReportParams, a: Attribution): string {
  const tagOwner = a.agentOwner('mt.applied_by_agent_id', 'mt.account_id');
  const topicOwner = a.agentOwner('ct.applied_by_agent_id', 'ct.account_id');
  return `SELECT owner_id, sum(tags) AS tags_added, sum(topics) AS topics_added
      FROM (SELECT ${tagOwner.owner} AS owner_id, count(*) AS tags, 0 AS topics
              FROM message_tags mt
              ${tagOwner.join}
             WHERE ${inRange(p, 'mt.applied_at')} AND mt.applied_by_agent_id IS NOT NULL
               AND (NOT ${p.inboxesFiltered} OR EXISTS (
                     SELECT 1 FROM messages tm
                       JOIN conversations fc ON fc.account_id = tm.account_id AND fc.id = tm.conversation_id
                      WHERE tm.account_id = mt.account_id AND tm.id = mt.message_id AND ${inFilteredInboxes(p, 'fc.inbox_id')}))
             GROUP BY 1
            UNION ALL
            SELECT ${topicOwner.owner}, 0, count(*)
              FROM conversation_topics ct
              ${topicOwner.join}
             WHERE ${inRange(p, 'ct.applied_at')} AND ct.applied_by_agent_id IS NOT NULL AND ${conversationInFilteredInboxes(p, 'ct')}
             GROUP BY 1) labels
     GROUP BY owner_id`;
}

/** CSAT surveys answered in the range, by score: `score_1` … `score_5`. */
export function csatScores(p: ReportParams, a: Attribution): string {
  const scores = [1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE c.csat_score = ${s}) AS score_${s}`).join(', ');
  return `SELECT ${a.csat} AS owner_id, ${scores}
      FROM conversations c
     WHERE c.csat_score IS NOT NULL AND ${inRange(p, 'c.csat_responded_at')} AND ${a.csat} IS NOT NULL AND ${inFilteredInboxes(p)}
     GROUP BY 1`;
}
