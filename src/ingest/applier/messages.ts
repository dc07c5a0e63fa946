import { Sql } from '../../db/sql';
import { BATCH_TABLE, isApplied, logOfTouched } from './batch';
import { labelApplications } from './conversations';
import { idOf } from './entities';

/**
 * Stages 4 to 6 for messages and dispatches: the rows from their creation events, then their
 * edits, deletions, deliveries and tags, recomputed from every applied event of the touched ones.
 */

/** SQL: the latest event of a subject's events `l` matching `filter`, as jsonb data. */
const latest = (filter: string) => `(array_agg(l.data ORDER BY l.occurred_at DESC, l.event_id DESC) FILTER (WHERE ${filter}))[1]`;
/** SQL: the first time a status was reported among a subject's delivery events. */
const firstReport = (type: string, status: string) =>
  `min(l.occurred_at) FILTER (WHERE l.type = '${type}' AND l.data->>'status' = '${status}')`;
/** Later statuses win ties at the same instant: sent, then delivered, then read or failed. */
const DELIVERY_RANK = `CASE l.data->>'status' WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END`;

/** SQL list: the types of the events that make a message's row. */
const MESSAGE_EVENT_TYPES = `'message.created', 'message.updated', 'message.deleted', 'message.delivery_changed'`;

/**
 * SQL: per message, from its events `l` (`from` a FROM clause and its conditions): its content (the latest of creation and
 * edits), its last update (the latest of all, a delivery receipt included), deletion and delivery.
 */
function messageChanges(from: string): string {
  const delivery = (status: string) => firstReport('message.delivery_changed', status);
  return `SELECT l.source, l.subject,
              ${latest(`l.type IN ('message.created', 'message.updated')`)} AS edit,
              max(l.occurred_at) AS updated_at,
              min(l.occurred_at) FILTER (WHERE l.type = 'message.deleted') AS deleted_at,
              (array_agg(l.data->>'status' ORDER BY l.occurred_at DESC, ${DELIVERY_RANK} DESC, l.event_id DESC)
                 FILTER (WHERE l.type = 'message.delivery_changed'))[1] AS delivery_status,
              ${delivery('sent')} AS sent_at, ${delivery('delivered')} AS delivered_at, ${delivery('read')} AS read_at, ${delivery('failed')} AS failed_at
         FROM ${from}
        GROUP BY l.source, l.subject`;
}

/**
 * Messages of the batch that already have a row, i.e. an applied creation from an earlier round. Only these need
 * their creations read back from the log; the others' creations are all in the batch.
 */
export const KNOWN_MESSAGES = 'ingest_known_messages';

/** A message's references to other rows: the field of its creation's data and the table it names a row of. */
const MESSAGE_REFERENCES = [
  { field: 'conversation', table: 'conversations' },
  { field: 'senderAgent', table: 'agents' },
  { field: 'senderContact', table: 'contacts' },
  { field: 'team', table: 'teams' },
] as const;

/**
 * The internal id of every distinct row that a round's message creations name, one row per reference field, source and
 * external id, each looked up by key once: a round's new messages name a few hundred conversations and a handful of agents
 * and teams, a seed's all of them. Each message then reads its ids from here by key. One jsonb object per reference held
 * these before, but reading a key copied the object, so the insert grew with the round's messages times its conversations:
 * 30 µs a message at 20,000 conversations, hours for a seed of a million.
 */
const REFERENCES_TABLE = 'ingest_message_references';
/** The creations whose messages are written, latest of each message only, as the insert reads them. */
const NEW_VERSIONS = 'ingest_new_message_versions';
const KNOWN_VERSIONS = 'ingest_known_message_versions';

/** SQL: the internal id that the creation `v` names in `field`, from the references table. */
const referenced = (field: string) =>
  `(SELECT r.id FROM ${REFERENCES_TABLE} r WHERE r.field = '${field}' AND r.source = v.source AND r.external_id = v.data->>'${field}')`;

/** Looks up, once each, the rows that the creations of `versions` name and no earlier lookup of the round found. */
async function lookUpReferences(sql: Sql, accountId: string, versions: string): Promise<void> {
  const lookups = MESSAGE_REFERENCES.map(
    ({ field, table }) =>
      `WHEN '${field}' THEN (SELECT t.id FROM ${table} t WHERE t.account_id = $1 AND t.source = k.source AND t.external_id = k.external_id)`,
  ).join('\n              ');
  await sql.query(
    `INSERT INTO ${REFERENCES_TABLE} (field, source, external_id, id)
     SELECT k.field, k.source, k.external_id,
            CASE k.field
              ${lookups}
            END
       FROM (SELECT DISTINCT f.field, v.source, v.data->>f.field AS external_id
               FROM ${versions} v CROSS JOIN (VALUES ${MESSAGE_REFERENCES.map(({ field }) => `('${field}')`).join(', ')}) f(field)
              WHERE v.data->>f.field IS NOT NULL) k
      WHERE NOT EXISTS (SELECT 1 FROM ${REFERENCES_TABLE} r WHERE r.field = k.field AND r.source = k.source AND r.external_id = k.external_id)`,
    [accountId],
  );
}

/**
 * SQL: the values of MESSAGE_COLUMNS for a message from the latest of its creation events `v`, dated by the earliest, with
 * the ids it names, its content and its last update.
 */
const messageValues = (content: string, updatedAt: string) => `$1, v.source, v.subject, ${referenced('conversation')},
            v.data->>'direction', coalesce(v.data->>'messageType', 'text'), v.data->>'origin', v.data->>'outboundType',
            v.data->>'systemUserType', coalesce((v.data->>'private')::boolean, false), ${content}, ${referenced('senderAgent')},
            ${referenced('senderContact')}, ${referenced('team')}, v.data->>'postUrl', v.data->>'templateName', v.first_at, ${updatedAt}`;
const MESSAGE_COLUMNS = `account_id, source, external_id, conversation_id, direction, message_type, origin, outbound_type, system_user_type,
                           private, content, sender_agent_id, sender_contact_id, team_id, post_url, template_name, created_at, updated_at`;
/**
 * The columns a creation sets on a message that already has a row. A history re-sent brings the same creations again: a row
 * rewritten with the values it holds cost a new row version in all six indexes of `messages` and a check of its
 * conversation's foreign key, two fifths of a re-sent round, so a row whose values stay is left as it is.
 */
const CREATION_COLUMNS = [
  'conversation_id',
  'direction',
  'message_type',
  'origin',
  'outbound_type',
  'system_user_type',
  'private',
  'sender_agent_id',
  'sender_contact_id',
  'team_id',
  'post_url',
  'template_name',
  'created_at',
];
/** Keeps, as table `name`, the latest of each message's creation events `l`, with the first and last creation times. */
async function latestCreations(sql: Sql, name: string, events: string, parameters: unknown[]): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${name} ON COMMIT DROP AS
     SELECT source, subject, data, first_at, last_at, first_seq
       FROM (SELECT l.source, l.subject, l.data, min(l.occurred_at) OVER w AS first_at, max(l.occurred_at) OVER w AS last_at,
                    min(l.seq) OVER w AS first_seq,
                    row_number() OVER (PARTITION BY l.source, l.subject ORDER BY l.occurred_at DESC, l.event_id DESC) AS rank
               FROM ${events}
             WINDOW w AS (PARTITION BY l.source, l.subject)) ranked
      WHERE rank = 1`,
    parameters,
  );
}

/**
 * A message new to the tables is written whole from the batch's creation events, with a plain INSERT: nothing in the
 * log is older, and no later edit or delivery can be applied before the message exists. A message created again (a
 * platform's correction under the same id) is rebuilt from all of its applied creations in the log.
 */
export async function applyCreatedMessages(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE ${KNOWN_MESSAGES} ON COMMIT DROP AS
     SELECT DISTINCT b.source, b.subject FROM ${BATCH_TABLE} b
      WHERE b.ok AND b.type = 'message.created'
        AND EXISTS (SELECT 1 FROM messages m WHERE m.account_id = $1 AND m.source = b.source AND m.external_id = b.subject)`,
    [accountId],
  );
  await sql.query(
    `CREATE TEMP TABLE ${REFERENCES_TABLE} (field text, source text, external_id text, id bigint, PRIMARY KEY (field, source, external_id))
     ON COMMIT DROP`,
  );
  await latestCreations(
    sql,
    NEW_VERSIONS,
    `${BATCH_TABLE} l
        WHERE l.ok AND l.type = 'message.created'
          AND NOT EXISTS (SELECT 1 FROM ${KNOWN_MESSAGES} k WHERE k.source = l.source AND k.subject = l.subject)`,
    [],
  );
  // Probed per touched message by the recomputation of the next stage, which must pass over these.
  await sql.query(`CREATE UNIQUE INDEX ON ${NEW_VERSIONS} (source, subject)`);
  await lookUpReferences(sql, accountId, NEW_VERSIONS);
  // All that a new message's row says comes from this batch, its edits, deletion and deliveries included (they name only the
  // message, so the next stage applies them): written whole here, it is not written a second time by the recomputation.
  await sql.query(
    `WITH changes AS (${messageChanges(`${NEW_VERSIONS} n JOIN ${BATCH_TABLE} l ON l.source = n.source AND l.subject = n.subject
              WHERE l.type IN (${MESSAGE_EVENT_TYPES}) AND l.reject_code IS NULL AND (l.ok OR l.type <> 'message.created')`)})
     INSERT INTO messages (${MESSAGE_COLUMNS}, deleted_at, delivery_status, sent_at, delivered_at, read_at, failed_at)
     SELECT ${messageValues(`c.edit->>'content'`, 'greatest(v.first_at, c.updated_at)')},
            c.deleted_at, c.delivery_status, c.sent_at, c.delivered_at, c.read_at, c.failed_at
       FROM ${NEW_VERSIONS} v JOIN changes c ON c.source = v.source AND c.subject = v.subject
      ORDER BY v.first_seq`,
    [accountId],
  );
  const [{ known }] = await sql.query(`SELECT EXISTS (SELECT 1 FROM ${KNOWN_MESSAGES}) AS known`);
  if (!known) return;
  await latestCreations(
    sql,
    KNOWN_VERSIONS,
    `${KNOWN_MESSAGES} t ${logOfTouched('subject', `e.type = 'message.created'`)} WHERE ${isApplied()}`,
    [accountId],
  );
  await lookUpReferences(sql, accountId, KNOWN_VERSIONS);
  await sql.query(
    `INSERT INTO messages (${MESSAGE_COLUMNS})
     SELECT ${messageValues(`v.data->>'content'`, 'v.last_at')} FROM ${KNOWN_VERSIONS} v ORDER BY v.first_seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE
        SET conversation_id = excluded.conversation_id, direction = excluded.direction, message_type = excluded.message_type,
            origin = excluded.origin, outbound_type = excluded.outbound_type, system_user_type = excluded.system_user_type,
            private = excluded.private, sender_agent_id = excluded.sender_agent_id, sender_contact_id = excluded.sender_contact_id,
            team_id = excluded.team_id, post_url = excluded.post_url, template_name = excluded.template_name, created_at = excluded.created_at
      WHERE (${CREATION_COLUMNS.map((c) => `messages.${c}`).join(', ')}) IS DISTINCT FROM (${CREATION_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`,
    [accountId],
  );
}

/**
 * Content (the latest of creation and edits), deletion and delivery times of every touched
 * message; its last update is the latest of all of them, a delivery receipt included. A message
 * new to the tables is left as the insert wrote it from the batch, which holds every event of it
 * that is applied: an event naming a message that has no row waits.
 */
export async function recomputeMessages(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `WITH touched AS (
       SELECT DISTINCT b.source, b.subject FROM ${BATCH_TABLE} b
        WHERE b.ok AND (b.type IN ('message.updated', 'message.deleted', 'message.delivery_changed')
                        OR (b.type = 'message.created'
                            AND EXISTS (SELECT 1 FROM ${KNOWN_MESSAGES} k WHERE k.source = b.source AND k.subject = b.subject)))
          AND NOT EXISTS (SELECT 1 FROM ${NEW_VERSIONS} n WHERE n.source = b.source AND n.subject = b.subject)),
     derived AS (${messageChanges(`touched t ${logOfTouched('subject', `e.type IN (${MESSAGE_EVENT_TYPES})`)} WHERE ${isApplied()}`)})
     UPDATE messages m SET content = d.edit->>'content', updated_at = greatest(m.created_at, d.updated_at), deleted_at = d.deleted_at,
            delivery_status = d.delivery_status, sent_at = d.sent_at, delivered_at = d.delivered_at, read_at = d.read_at, failed_at = d.failed_at
       FROM derived d
      WHERE m.account_id = $1 AND m.source = d.source AND m.external_id = d.subject
        -- A re-sent history recomputes every message to the values it holds: such a row is not written again.
        AND (m.content, m.updated_at, m.deleted_at, m.delivery_status, m.sent_at, m.delivered_at, m.read_at, m.failed_at)
            IS DISTINCT FROM (d.edit->>'content', greatest(m.created_at, d.updated_at), d.deleted_at, d.delivery_status, d.sent_at,
                              d.delivered_at, d.read_at, d.failed_at)`,
    [accountId],
  );
}

export async function applyMessageTags(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    labelApplications({ table: 'message_tags', owner: 'message', ownerTable: 'messages', label: 'tag', labelTable: 'tags' }),
    [accountId],
  );
}

export async function applyRequestedDispatches(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type = 'dispatch.requested'),
     versions AS (
       SELECT l.source, l.subject, l.data, min(l.occurred_at) OVER w AS first_at, min(l.seq) OVER w AS first_seq,
              row_number() OVER (PARTITION BY l.source, l.subject ORDER BY l.occurred_at DESC, l.event_id DESC) AS rank
         FROM touched t ${logOfTouched('subject', `e.type = 'dispatch.requested'`)}
        WHERE ${isApplied()}
       WINDOW w AS (PARTITION BY l.source, l.subject))
     INSERT INTO dispatches (account_id, source, external_id, inbox_id, conversation_id, contact_id, requested_by_agent_id,
                             template_name, content, recipient_number, requested_at)
     SELECT $1, v.source, v.subject, ${idOf('inboxes', 'inbox')}, ${idOf('conversations', 'conversation')}, ${idOf('contacts', 'contact')},
            ${idOf('agents', 'agent')}, v.data->>'templateName', v.data->>'content', v.data->>'recipientNumber', v.first_at
       FROM versions v WHERE v.rank = 1 ORDER BY v.first_seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE
        SET inbox_id = excluded.inbox_id, conversation_id = excluded.conversation_id, contact_id = excluded.contact_id,
            requested_by_agent_id = excluded.requested_by_agent_id, template_name = excluded.template_name, content = excluded.content,
            recipient_number = excluded.recipient_number, requested_at = excluded.requested_at`,
    [accountId],
  );
}

export async function recomputeDispatches(sql: Sql, accountId: string): Promise<void> {
  const delivery = (status: string) => firstReport('dispatch.delivery_changed', status);
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type LIKE 'dispatch.%'),
     derived AS (
       SELECT l.source, l.subject, ${delivery('sent')} AS sent_at, ${delivery('delivered')} AS delivered_at,
              ${delivery('read')} AS read_at, ${delivery('failed')} AS failed_at,
              ${latest(`l.type = 'dispatch.delivery_changed' AND l.data->>'status' = 'failed'`)}->>'failureReason' AS failure_reason
         FROM touched t ${logOfTouched('subject', `e.type = 'dispatch.delivery_changed'`)}
        WHERE ${isApplied()}
        GROUP BY l.source, l.subject)
     UPDATE dispatches x SET sent_at = d.sent_at, delivered_at = d.delivered_at, read_at = d.read_at, failed_at = d.failed_at,
            failure_reason = d.failure_reason
       FROM derived d
      WHERE x.account_id = $1 AND x.source = d.source AND x.external_id = d.subject`,
    [accountId],
  );
}
