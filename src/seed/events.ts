import type { QueryRunner } from 'typeorm';
import { appendEvents } from '../ingest/event-log';
import { ValidEvent, validateEvent } from '../ingest/validate';
import { staged } from './staging';

/** The id space of the demo's rows, apart from what senders post as `api`. */
export const DEMO_SOURCE = 'demo';
/** Events validated and appended to the log per round trip. */
const CHUNK = 5000;

/** SQL: an instant as ISO 8601 in UTC, to the microsecond the generator drew. */
const iso = (value: string) => `to_char(${value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** SQL: the external id of a staged row. */
const ext = (entity: string, id: string) => `CASE WHEN ${id} IS NOT NULL THEN '${entity}-' || ${id} END`;

/**
 * One statement per kind of fact: `(type, occurred_at, data)` rows in the order the log gets them.
 * Within each table the rows' creating events come in the order of the generator's ids, so the
 * applier, which numbers new rows in log order, gives them the ids the generator's order implies.
 * Every entity comes before what refers to it, so no event waits.
 */
const FACTS: string[] = [
  `SELECT 'team.upserted', t.created_at, jsonb_build_object('team', ${ext('team', 't.id')}, 'name', t.name)
     FROM ${staged('teams')} t ORDER BY t.id`,
  `SELECT 'agent.upserted', a.created_at,
          jsonb_strip_nulls(jsonb_build_object('agent', ${ext('agent', 'a.id')}, 'kind', a.kind, 'name', a.name, 'email', a.email,
                                               'reference', a.reference, 'lastSignInAt', ${iso('a.last_sign_in_at')},
                                               'lastSignInIp', host(a.last_sign_in_ip)))
     FROM ${staged('agents')} a ORDER BY a.id`,
  `SELECT 'team.member_added', m.joined_at, jsonb_build_object('team', ${ext('team', 'm.team_id')}, 'agent', ${ext('agent', 'm.agent_id')})
     FROM ${staged('team_members')} m ORDER BY m.team_id, m.agent_id`,
  `SELECT 'inbox.upserted', i.created_at,
          jsonb_strip_nulls(jsonb_build_object('inbox', ${ext('inbox', 'i.id')}, 'name', i.name, 'displayName', i.display_name,
                                               'channelType', i.channel_type, 'medium', i.medium, 'provider', i.provider,
                                               'official', i.official, 'portfolio', i.portfolio, 'senderNumber', i.sender_number,
                                               'server', i.server))
     FROM ${staged('inboxes')} i ORDER BY i.id`,
  // A phone inbox's channel record: contacts reach it at its number.
  `SELECT 'inbox.channel_set', i.created_at, jsonb_build_object('inbox', ${ext('inbox', 'i.id')}, 'address', i.sender_number)
     FROM ${staged('inboxes')} i WHERE i.sender_number IS NOT NULL ORDER BY i.id`,
  `SELECT 'inbox.member_added', i.created_at, jsonb_build_object('inbox', ${ext('inbox', 'm.inbox_id')}, 'agent', ${ext('agent', 'm.agent_id')})
     FROM ${staged('inbox_members')} m JOIN ${staged('inboxes')} i ON i.id = m.inbox_id ORDER BY m.inbox_id, m.agent_id`,
  `SELECT 'topic.upserted', t.created_at, jsonb_build_object('topic', ${ext('topic', 't.id')}, 'name', t.name, 'active', t.active)
     FROM ${staged('topics')} t ORDER BY t.id`,
  `SELECT 'tag.upserted', t.created_at, jsonb_build_object('tag', ${ext('tag', 't.id')}, 'name', t.name, 'active', t.active)
     FROM ${staged('tags')} t ORDER BY t.id`,
  // The state at creation, and again at the last change when there was one.
  `SELECT 'contact.upserted', v.occurred,
          jsonb_strip_nulls(jsonb_build_object('contact', ${ext('contact', 'c.id')}, 'medium', c.medium, 'name', c.name, 'email', c.email,
                                               'phoneNumber', c.phone_number, 'primaryIdentifier', c.primary_identifier,
                                               'secondaryIdentifier', c.secondary_identifier))
     FROM ${staged('contacts')} c
    CROSS JOIN LATERAL (VALUES (1, c.created_at), (2, CASE WHEN c.updated_at > c.created_at THEN c.updated_at END)) v(n, occurred)
    WHERE v.occurred IS NOT NULL ORDER BY c.id, v.n`,
  `SELECT 'contact.attribute_set', v.occurred,
          jsonb_build_object('contact', ${ext('contact', 'a.contact_id')}, 'name', a.name, 'value', a.value, 'attributeType', a.type)
     FROM ${staged('contact_attributes')} a
    CROSS JOIN LATERAL (VALUES (1, a.created_at), (2, CASE WHEN a.updated_at > a.created_at THEN a.updated_at END)) v(n, occurred)
    WHERE v.occurred IS NOT NULL ORDER BY a.id, v.n`,
  // The creation status is the one the first status change left, or the final one when none did.
  `SELECT 'conversation.created', c.created_at,
          jsonb_strip_nulls(jsonb_build_object('conversation', ${ext('conversation', 'c.id')}, 'inbox', ${ext('inbox', 'c.inbox_id')},
                                               'contact', ${ext('contact', 'c.contact_id')}, 'displayId', c.display_id,
                                               'status', coalesce(f.from_status, c.status), 'language', c.language, 'url', c.url))
     FROM ${staged('conversations')} c
     LEFT JOIN (SELECT DISTINCT ON (e.conversation_id) e.conversation_id, e.from_status FROM ${staged('conversation_events')} e
                 WHERE e.kind IN ('status_changed', 'reopened') ORDER BY e.conversation_id, e.occurred_at, e.id) f ON f.conversation_id = c.id
    ORDER BY c.id`,
  `SELECT 'conversation.team_changed', c.created_at, jsonb_build_object('conversation', ${ext('conversation', 'c.id')}, 'team', ${ext('team', 'c.team_id')})
     FROM ${staged('conversations')} c WHERE c.team_id IS NOT NULL ORDER BY c.id`,
  // How a conversation was resolved goes with its latest resolution.
  `SELECT CASE e.kind WHEN 'reopened' THEN 'conversation.status_changed' ELSE 'conversation.' || e.kind END, e.occurred_at,
          jsonb_strip_nulls(jsonb_build_object('conversation', ${ext('conversation', 'e.conversation_id')}, 'agent', ${ext('agent', 'e.agent_id')},
                                               'team', ${ext('team', 'e.team_id')})) ||
            CASE e.kind
              WHEN 'assigned' THEN jsonb_build_object('assignee', ${ext('agent', 'e.assignee_id')})
              WHEN 'handed_over' THEN jsonb_strip_nulls(jsonb_build_object('reason', e.handover_reason, 'dueToError', e.handover_due_to_error))
              WHEN 'locked' THEN '{}'::jsonb
              WHEN 'unlocked' THEN '{}'::jsonb
              ELSE jsonb_build_object('status', e.to_status) ||
                   CASE WHEN e.to_status = 'resolved' AND e.id = latest_resolution.id
                        THEN jsonb_strip_nulls(jsonb_build_object('resolvedBy', c.resolved_by, 'trigger', c.resolve_trigger,
                                                                  'reason', c.resolve_reason, 'comment', c.resolve_comment))
                        ELSE '{}'::jsonb END
            END
     FROM ${staged('conversation_events')} e
     JOIN ${staged('conversations')} c ON c.id = e.conversation_id
     LEFT JOIN (SELECT DISTINCT ON (r.conversation_id) r.conversation_id, r.id FROM ${staged('conversation_events')} r
                 WHERE r.to_status = 'resolved' ORDER BY r.conversation_id, r.occurred_at DESC, r.id DESC) latest_resolution
            ON latest_resolution.conversation_id = e.conversation_id
    ORDER BY e.id`,
  `SELECT 'conversation.csat_sent', coalesce(c.resolved_at, c.created_at),
          jsonb_strip_nulls(jsonb_build_object('conversation', ${ext('conversation', 'c.id')}, 'followUpQuestion', c.csat_follow_up_question))
     FROM ${staged('conversations')} c WHERE c.csat_status IS NOT NULL ORDER BY c.id`,
  `SELECT 'conversation.csat_expired', c.updated_at, jsonb_build_object('conversation', ${ext('conversation', 'c.id')})
     FROM ${staged('conversations')} c WHERE c.csat_status = 'expired' ORDER BY c.id`,
  `SELECT 'conversation.csat_answered', c.csat_responded_at,
          jsonb_strip_nulls(jsonb_build_object('conversation', ${ext('conversation', 'c.id')}, 'score', c.csat_score, 'followUpAnswer', c.csat_follow_up_answer))
     FROM ${staged('conversations')} c WHERE c.csat_status = 'completed' ORDER BY c.id`,
  `SELECT 'conversation.topic_' || v.fact, v.occurred,
          jsonb_strip_nulls(jsonb_build_object('conversation', ${ext('conversation', 't.conversation_id')}, 'topic', ${ext('topic', 't.topic_id')},
                                               'agent', ${ext('agent', 't.applied_by_agent_id')}))
     FROM ${staged('conversation_topics')} t
    CROSS JOIN LATERAL (VALUES (1, 'added', t.applied_at), (2, 'removed', t.removed_at)) v(n, fact, occurred)
    WHERE v.occurred IS NOT NULL ORDER BY t.id, v.n`,
  `SELECT 'message.created', m.created_at,
          jsonb_strip_nulls(jsonb_build_object('message', ${ext('message', 'm.id')}, 'conversation', ${ext('conversation', 'm.conversation_id')},
                                               'direction', m.direction, 'messageType', m.message_type, 'origin', m.origin,
                                               'outboundType', m.outbound_type, 'systemUserType', m.system_user_type, 'private', m.private,
                                               'content', m.content, 'senderAgent', ${ext('agent', 'm.sender_agent_id')},
                                               'senderContact', ${ext('contact', 'm.sender_contact_id')}, 'team', ${ext('team', 'm.team_id')},
                                               'postUrl', m.post_url, 'templateName', m.template_name))
     FROM ${staged('messages')} m ORDER BY m.id`,
  `SELECT v.type, v.occurred, jsonb_build_object('message', ${ext('message', 'm.id')}) || v.data
     FROM ${staged('messages')} m
    CROSS JOIN LATERAL (VALUES (1, 'message.updated', m.edited_at, jsonb_build_object('content', m.content)),
                               (2, 'message.delivery_changed', m.sent_at, '{"status": "sent"}'::jsonb),
                               (3, 'message.delivery_changed', m.delivered_at, '{"status": "delivered"}'::jsonb),
                               (4, 'message.delivery_changed', m.read_at, '{"status": "read"}'::jsonb),
                               (5, 'message.delivery_changed', m.failed_at, '{"status": "failed"}'::jsonb),
                               (6, 'message.deleted', m.deleted_at, '{}'::jsonb)) v(n, type, occurred, data)
    WHERE v.occurred IS NOT NULL ORDER BY m.id, v.n`,
  `SELECT 'message.tag_' || v.fact, v.occurred,
          jsonb_strip_nulls(jsonb_build_object('message', ${ext('message', 't.message_id')}, 'tag', ${ext('tag', 't.tag_id')},
                                               'agent', ${ext('agent', 't.applied_by_agent_id')}))
     FROM ${staged('message_tags')} t
    CROSS JOIN LATERAL (VALUES (1, 'added', t.applied_at), (2, 'removed', t.removed_at)) v(n, fact, occurred)
    WHERE v.occurred IS NOT NULL ORDER BY t.id, v.n`,
  `SELECT 'dispatch.requested', d.requested_at,
          jsonb_strip_nulls(jsonb_build_object('dispatch', ${ext('dispatch', 'd.id')}, 'inbox', ${ext('inbox', 'd.inbox_id')},
                                               'contact', ${ext('contact', 'd.contact_id')}, 'conversation', ${ext('conversation', 'd.conversation_id')},
                                               'agent', ${ext('agent', 'd.requested_by_agent_id')}, 'templateName', d.template_name,
                                               'content', d.content, 'recipientNumber', d.recipient_number))
     FROM ${staged('dispatches')} d ORDER BY d.id`,
  `SELECT 'dispatch.delivery_changed', v.occurred, jsonb_build_object('dispatch', ${ext('dispatch', 'd.id')}) || v.data
     FROM ${staged('dispatches')} d
    CROSS JOIN LATERAL (VALUES (1, d.sent_at, '{"status": "sent"}'::jsonb),
                               (2, d.delivered_at, '{"status": "delivered"}'::jsonb),
                               (3, d.read_at, '{"status": "read"}'::jsonb),
                               (4, d.failed_at, jsonb_strip_nulls(jsonb_build_object('status', 'failed', 'failureReason', d.failure_reason)))) v(n, occurred, data)
    WHERE v.occurred IS NOT NULL ORDER BY d.id, v.n`,
  // Each interval opens with its status and lasts until the agent's next presence event; a gap before the next one is an offline.
  `SELECT 'agent.presence_changed', v.occurred, jsonb_build_object('agent', ${ext('agent', 'p.agent_id')}) || v.data
     FROM (SELECT *, lead(started_at) OVER (PARTITION BY agent_id ORDER BY started_at) AS next_start FROM ${staged('agent_presences')}) p
    CROSS JOIN LATERAL (VALUES (1, p.started_at, jsonb_strip_nulls(jsonb_build_object('status', p.status, 'awayState', p.away_state))),
                               (2, CASE WHEN p.ended_at IS DISTINCT FROM p.next_start THEN p.ended_at END, '{"status": "offline"}'::jsonb)) v(n, occurred, data)
    WHERE v.occurred IS NOT NULL ORDER BY p.id, v.n`,
];

/**
 * Turns the staged rows into events, checks each one with the validator the HTTP API uses and
 * appends them to the account's log, in the caller's transaction (bound to the account).
 * Returns how many were stored; a generated event the validator refuses is a bug of the generator.
 */
export async function stageEvents(runner: QueryRunner): Promise<number> {
  // Keyed by its order, so each chunk is an index range: unkeyed, every chunk sorted the whole table (3.3 s of a 2,000-conversation seed).
  await runner.query(
    `CREATE TEMP TABLE seed_events (ord bigserial PRIMARY KEY, type text, occurred_at timestamptz, data jsonb) ON COMMIT DROP`,
  );
  for (const fact of FACTS) await runner.query(`INSERT INTO seed_events (type, occurred_at, data) ${fact}`);
  let stored = 0;
  for (let after = 0; ; after += CHUNK) {
    const rows: Array<{ doc: unknown }> = await runner.query(
      `SELECT jsonb_build_object('id', 'demo-' || lpad(ord::text, 10, '0'), 'type', type, 'occurredAt', ${iso('occurred_at')}, 'data', data) AS doc
         FROM seed_events WHERE ord > $1 ORDER BY ord LIMIT $2`,
      [after, CHUNK],
    );
    if (rows.length === 0) return stored;
    const events: ValidEvent[] = rows.map(({ doc }, index) => {
      const result = validateEvent(doc, index);
      if (!result.ok)
        throw new Error(`the demo generator made an invalid event: ${JSON.stringify(result.rejection)} in ${JSON.stringify(doc)}`);
      return result.event;
    });
    stored += await appendEvents(runner.manager, DEMO_SOURCE, events);
  }
}
