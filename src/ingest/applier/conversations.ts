import { Sql } from '../../db/sql';
import { BATCH_TABLE, isApplied, logOfTouched } from './batch';
import { idOf } from './entities';
import { analyzeTouched } from './statistics';

/**
 * Stages 3 and 4 for conversations: their rows, their event rows (status changes, assignments,
 * locks, handovers), their topic applications, and the derived columns the reports read, each
 * recomputed from every applied event of the touched conversations.
 */

const quoted = (types: string[]) => types.map((type) => `'${type}'`).join(', ');

/**
 * The conversations a round creates that had no row before it (until the round commits): `source`, `subject`. Every
 * applied event of one is in the batch, since an event naming a conversation that has no row waits; so their events are
 * read from the batch, not looked up in the log (a seed's 500,000 conversation events: one log lookup each).
 */
export const NEW_CONVERSATIONS = 'ingest_new_conversations';

/**
 * SQL, a FROM item `l`: the applied events of the given types of the conversations `touched` names (by source and subject),
 * from the batch for the round's new conversations and from the log for the others. The types are the conversation's own
 * events (their subject is the conversation), so the log is read by subject and type: by the conversation index, every
 * event of each touched conversation was read, its messages' too, to keep a few.
 */
function appliedConversationEvents(types: string[]): string {
  return `(SELECT l.seq, l.source, l.event_id, l.type, l.occurred_at, l.subject, l.conversation, l.data
             -- OFFSET 0 drops the new conversations before the log is read: planned after the lookups, their events were read there too.
             FROM (SELECT * FROM touched t
                    WHERE NOT EXISTS (SELECT 1 FROM ${NEW_CONVERSATIONS} n WHERE n.source = t.source AND n.subject = t.subject) OFFSET 0) t
                  ${logOfTouched('subject', `e.type IN (${quoted(types)})`)}
            WHERE ${isApplied()}
           UNION ALL
           SELECT b.seq, b.source, b.event_id, b.type, b.occurred_at, b.subject, b.conversation, b.data
             FROM ${BATCH_TABLE} b JOIN ${NEW_CONVERSATIONS} n ON n.source = b.source AND n.subject = b.subject
            WHERE b.ok AND b.type IN (${quoted(types)})) l`;
}

/** Applied events of the conversations touched by events of the given types, of those types, with the conversation's internal id. */
function conversationEvents(types: string[]): string {
  return `touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type IN (${quoted(types)})),
    events AS (
      SELECT l.seq, l.source, l.event_id, l.type, l.occurred_at, l.data, c.id AS conversation_id
        FROM ${appliedConversationEvents(types)}
        JOIN conversations c ON c.account_id = $1 AND c.source = l.source AND c.external_id = l.conversation)`;
}

/**
 * A display id already held by another conversation cannot be taken: that creation is refused
 * (DISPLAY_ID_TAKEN) rather than renumbering either conversation. Within the batch, a creation
 * clashes when an earlier one (by time, then event id) asks for the same number for another
 * conversation: one sorted pass finds them, where a self-join was planned as a loop over the batch
 * per creation (a seed's 20,000 creations: minutes). The batch's clashes are found first, so that
 * both tests see the batch as it was.
 */
export async function refuseTakenDisplayIds(sql: Sql, accountId: string): Promise<void> {
  const refuse = (clashing: string) =>
    sql.query(
      `UPDATE ${BATCH_TABLE} b SET ok = false, reject_code = 'DISPLAY_ID_TAKEN',
              reject_message = 'Display id ' || (b.data->>'displayId') || ' belongs to another conversation.'
        WHERE b.ok AND b.type = 'conversation.created' AND b.data ? 'displayId' AND ${clashing}`,
      [accountId],
    );
  await refuse(`$1::bigint IS NOT NULL AND b.seq = ANY (ARRAY(
      SELECT seq FROM (
        SELECT seq, k, min(k) OVER earlier AS low, max(k) OVER earlier AS high
          FROM (SELECT seq, occurred_at, event_id, data->>'displayId' AS display_id, jsonb_build_array(source, subject)::text AS k
                  FROM ${BATCH_TABLE} WHERE ok AND type = 'conversation.created' AND data ? 'displayId') creations
        WINDOW earlier AS (PARTITION BY display_id ORDER BY occurred_at, event_id GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) x
       WHERE x.low <> x.k OR x.high <> x.k))`);
  await refuse(`EXISTS (SELECT 1 FROM conversations c
                         WHERE c.account_id = $1 AND c.display_id = (b.data->>'displayId')::int
                           AND (c.source, c.external_id) IS DISTINCT FROM (b.source, b.subject))`);
}

/** The conversation rows: the latest creation event wins, the earliest dates it; new ones without a display id get the next free numbers. */
export async function applyCreatedConversations(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${NEW_CONVERSATIONS} ON COMMIT DROP AS
     SELECT DISTINCT b.source, b.subject FROM ${BATCH_TABLE} b
      WHERE b.ok AND b.type = 'conversation.created'
        AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.account_id = $1 AND c.source = b.source AND c.external_id = b.subject)`,
    [accountId],
  );
  // Probed once per touched conversation: without a key, a plan that expects one touched conversation scans all per probe.
  await sql.query(`CREATE UNIQUE INDEX ON ${NEW_CONVERSATIONS} (source, subject)`);
  await analyzeTouched(sql, NEW_CONVERSATIONS);
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type = 'conversation.created'),
     versions AS (
       SELECT l.source, l.subject, l.data, l.event_id,
              min(l.occurred_at) OVER w AS first_at, min(l.seq) OVER w AS first_seq,
              row_number() OVER (PARTITION BY l.source, l.subject ORDER BY l.occurred_at DESC, l.event_id DESC) AS rank
         FROM touched t ${logOfTouched('subject', `e.type = 'conversation.created'`)}
        WHERE ${isApplied()}
       WINDOW w AS (PARTITION BY l.source, l.subject)),
     latest AS (
       SELECT v.*, c.display_id AS current_display_id, (v.data->>'displayId')::int AS given_display_id
         FROM versions v
         LEFT JOIN conversations c ON c.account_id = $1 AND c.source = v.source AND c.external_id = v.subject
        WHERE v.rank = 1),
     base AS (SELECT greatest((SELECT coalesce(max(display_id), 0) FROM conversations WHERE account_id = $1),
                              (SELECT coalesce(max(given_display_id), 0) FROM latest)) AS top),
     numbered AS (
       SELECT v.*, coalesce(v.given_display_id, v.current_display_id,
                            (SELECT top FROM base) + row_number() OVER (PARTITION BY v.given_display_id IS NULL AND v.current_display_id IS NULL
                                                                        ORDER BY v.first_at, v.subject)::int) AS display_id
         FROM latest v)
     INSERT INTO conversations (account_id, source, external_id, display_id, inbox_id, contact_id, status, created_at, updated_at, language, url)
     SELECT $1, v.source, v.subject, v.display_id, ${idOf('inboxes', 'inbox')}, ${idOf('contacts', 'contact')},
            coalesce(v.data->>'status', 'new'), v.first_at, v.first_at, v.data->>'language', v.data->>'url'
       FROM numbered v ORDER BY v.first_seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE
        SET display_id = excluded.display_id, inbox_id = excluded.inbox_id, contact_id = excluded.contact_id,
            created_at = excluded.created_at, language = excluded.language, url = excluded.url`,
    [accountId],
  );
}

/**
 * One conversation_events row per status change, assignment, lock, unlock and handover. A status
 * change's `from` is the status before it in the conversation's timeline (the creation status
 * first), so a late event renumbers nothing but corrects its neighbours' `from` and kind.
 */
export async function applyConversationEvents(sql: Sql, accountId: string): Promise<void> {
  const kinds = [
    'conversation.created',
    'conversation.status_changed',
    'conversation.assigned',
    'conversation.locked',
    'conversation.unlocked',
    'conversation.handed_over',
  ];
  await sql.query(
    `WITH ${conversationEvents(kinds)},
     timeline AS (
       SELECT e.*,
              CASE WHEN e.type IN ('conversation.created', 'conversation.status_changed')
                   THEN lag(coalesce(e.data->>'status', 'new')) OVER (
                          PARTITION BY e.conversation_id, e.type IN ('conversation.created', 'conversation.status_changed')
                          ORDER BY e.type = 'conversation.created' DESC, e.occurred_at, e.event_id) END AS from_status
         FROM events e)
     INSERT INTO conversation_events (account_id, source, external_id, conversation_id, kind, occurred_at, agent_id, team_id,
                                      from_status, to_status, assignee_id, handover_reason, handover_due_to_error)
     SELECT $1, v.source, v.event_id, v.conversation_id,
            CASE v.type
              WHEN 'conversation.status_changed' THEN CASE WHEN v.from_status = 'resolved' AND v.data->>'status' <> 'resolved' THEN 'reopened' ELSE 'status_changed' END
              WHEN 'conversation.assigned' THEN 'assigned'
              WHEN 'conversation.locked' THEN 'locked'
              WHEN 'conversation.unlocked' THEN 'unlocked'
              ELSE 'handed_over' END,
            v.occurred_at, ${idOf('agents', 'agent')}, ${idOf('teams', 'team')},
            v.from_status, CASE WHEN v.type = 'conversation.status_changed' THEN v.data->>'status' END,
            ${idOf('agents', 'assignee')}, CASE WHEN v.type = 'conversation.handed_over' THEN v.data->>'reason' END, coalesce((v.data->>'dueToError')::boolean, false)
       FROM timeline v WHERE v.type <> 'conversation.created' ORDER BY v.seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE SET kind = excluded.kind, from_status = excluded.from_status
      WHERE (conversation_events.kind, conversation_events.from_status) IS DISTINCT FROM (excluded.kind, excluded.from_status)`,
    [accountId],
  );
}

/**
 * Label applications, for topics on conversations and tags on messages alike: an application
 * starts at an `*_added` that does not follow another one of the same pair, and ends at the first
 * `*_removed` after it. Rows are identified by the event that started them; a late event that
 * makes a start redundant removes its row.
 */
export function labelApplications(options: {
  table: 'conversation_topics' | 'message_tags';
  owner: 'conversation' | 'message';
  ownerTable: 'conversations' | 'messages';
  label: 'topic' | 'tag';
  labelTable: 'topics' | 'tags';
}): string {
  const { table, owner, ownerTable, label, labelTable } = options;
  const added = `${owner}.${label}_added`;
  const removed = `${owner}.${label}_removed`;
  return `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type IN ('${added}', '${removed}')),
    events AS (
      SELECT l.seq, l.source, l.subject, l.event_id, l.type, l.occurred_at, l.data,
             lag(l.type) OVER pair AS previous,
             -- The first removal after the event; a window per pair, where a lookup per event scanned every pair's events.
             min(l.occurred_at) FILTER (WHERE l.type = '${removed}') OVER (pair ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_removed
        FROM touched t ${logOfTouched('subject', `e.type IN ('${added}', '${removed}')`)}
       WHERE ${isApplied()}
      WINDOW pair AS (PARTITION BY l.source, l.subject, l.data->>'${label}' ORDER BY l.occurred_at, l.event_id)),
    applications AS (
      SELECT s.seq, s.source, s.subject, s.event_id, s.data, s.occurred_at AS applied_at, s.next_removed AS removed_at
        FROM events s WHERE s.type = '${added}' AND s.previous IS DISTINCT FROM '${added}'),
    stale AS (
      DELETE FROM ${table} x USING ${ownerTable} o, touched t
       WHERE x.account_id = $1 AND o.account_id = $1 AND o.id = x.${owner}_id AND o.source = t.source AND o.external_id = t.subject
         AND x.source IS NOT NULL AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.source = x.source AND a.event_id = x.external_id))
    INSERT INTO ${table} (account_id, source, external_id, ${owner}_id, ${label}_id, applied_by_agent_id, applied_at, removed_at)
    SELECT $1, v.source, v.event_id, ${idOf(ownerTable, owner)}, ${idOf(labelTable, label)}, ${idOf('agents', 'agent')}, v.applied_at, v.removed_at
      FROM applications v ORDER BY v.seq
    ON CONFLICT (account_id, source, external_id) DO UPDATE SET removed_at = excluded.removed_at
     WHERE ${table}.removed_at IS DISTINCT FROM excluded.removed_at`;
}

export async function applyConversationTopics(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    labelApplications({
      table: 'conversation_topics',
      owner: 'conversation',
      ownerTable: 'conversations',
      label: 'topic',
      labelTable: 'topics',
    }),
    [accountId],
  );
}

/** SQL: the data of the latest event matching `filter` among a conversation's events `l`. */
const latest = (filter: string) => `(array_agg(l.data ORDER BY l.occurred_at DESC, l.event_id DESC) FILTER (WHERE ${filter}))[1]`;

const RESOLUTION = `l.type = 'conversation.status_changed' AND l.data->>'status' = 'resolved'`;

/** The event types a conversation's derived columns other than `updatedAt` come from. */
const COLUMN_TYPES = [
  'conversation.created',
  'conversation.status_changed',
  'conversation.assigned',
  'conversation.team_changed',
  'conversation.csat_sent',
  'conversation.csat_expired',
  'conversation.csat_answered',
];

/**
 * The derived columns of every touched conversation, from all of its applied events. `updatedAt` is the latest of
 * its events but topic applications (dated in their own rows): the latest of a growing set is the later of the latest
 * before and the new ones, so it is moved forward by the batch's events without reading the conversation's messages
 * again. The other columns come from the conversation's own events of the types that set them, recomputed only for
 * the conversations the batch brought such an event (a batch of messages, locks or topics leaves them as they are).
 * Those events are the conversation's own (their subject is the conversation), read by the log's subject and type
 * index, so the heap rows of its messages are not visited.
 */
export async function recomputeConversations(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `UPDATE conversations c SET updated_at = m.last_at
       FROM (SELECT source, conversation, max(occurred_at) AS last_at FROM ${BATCH_TABLE}
              WHERE ok AND conversation IS NOT NULL AND type NOT IN ('conversation.topic_added', 'conversation.topic_removed')
              GROUP BY source, conversation) m
      WHERE c.account_id = $1 AND c.source = m.source AND c.external_id = m.conversation AND c.updated_at < m.last_at`,
    [accountId],
  );
  const ref = (table: string, json: string, field: string) =>
    `(SELECT t.id FROM ${table} t WHERE t.account_id = $1 AND t.source = d.source AND t.external_id = d.${json}->>'${field}')`;
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type IN (${quoted(COLUMN_TYPES)})),
     derived AS (
       SELECT l.source, l.subject AS conversation,
              ${latest(`l.type = 'conversation.created'`)} AS created,
              ${latest(`l.type = 'conversation.status_changed'`)} AS last_change,
              ${latest(RESOLUTION)} AS resolution,
              min(l.occurred_at) FILTER (WHERE ${RESOLUTION}) AS first_resolved_at,
              max(l.occurred_at) FILTER (WHERE ${RESOLUTION}) AS resolved_at,
              ${latest(`l.type = 'conversation.assigned'`)} AS assignment,
              ${latest(`l.type = 'conversation.team_changed'`)} AS team_change,
              ${latest(`l.type = 'conversation.csat_sent'`)} AS csat_sent,
              (array_agg(l.type ORDER BY l.occurred_at DESC, l.event_id DESC)
                 FILTER (WHERE l.type IN ('conversation.csat_sent', 'conversation.csat_expired')))[1] AS csat_survey_state,
              ${latest(`l.type = 'conversation.csat_answered'`)} AS csat_answer,
              max(l.occurred_at) FILTER (WHERE l.type = 'conversation.csat_answered') AS csat_responded_at,
              max(l.occurred_at) AS updated_at
         FROM ${appliedConversationEvents(COLUMN_TYPES)}
        GROUP BY l.source, l.subject)
     UPDATE conversations c SET
            status = coalesce(d.last_change->>'status', d.created->>'status', 'new'),
            updated_at = greatest(c.updated_at, d.updated_at),
            first_resolved_at = d.first_resolved_at,
            resolved_at = d.resolved_at,
            resolved_by = d.resolution->>'resolvedBy',
            resolve_trigger = d.resolution->>'trigger',
            resolved_by_agent_id = ${ref('agents', 'resolution', 'agent')},
            resolve_reason = d.resolution->>'reason',
            resolve_comment = d.resolution->>'comment',
            last_status_change_agent_id = ${ref('agents', 'last_change', 'agent')},
            last_status_change_team_id = ${ref('teams', 'last_change', 'team')},
            assignee_id = ${ref('agents', 'assignment', 'assignee')},
            team_id = ${ref('teams', 'team_change', 'team')},
            csat_score = (d.csat_answer->>'score')::smallint,
            csat_status = CASE WHEN d.csat_answer IS NOT NULL THEN 'completed'
                               WHEN d.csat_survey_state = 'conversation.csat_expired' THEN 'expired'
                               WHEN d.csat_sent IS NOT NULL THEN 'sent' END,
            csat_follow_up_question = d.csat_sent->>'followUpQuestion',
            csat_follow_up_answer = d.csat_answer->>'followUpAnswer',
            csat_responded_at = d.csat_responded_at
       FROM derived d
      WHERE c.account_id = $1 AND c.source = d.source AND c.external_id = d.conversation`,
    [accountId],
  );
}
