import { Sql } from '../../db/sql';
import { BATCH_TABLE, isApplied, logOfTouched } from './batch';

/**
 * Stages 1 and 2: the entities nothing else is needed for, then what hangs off them (attributes,
 * memberships, presence). Each statement rebuilds the rows of the subjects this batch touched
 * from all their applied events in the log, so the result does not depend on arrival order.
 */

/** SQL: the internal id of the `table` row the data field `field` of `v` names (same account and source). */
export const idOf = (table: string, field: string, v = 'v') =>
  `(SELECT t.id FROM ${table} t WHERE t.account_id = $1 AND t.source = ${v}.source AND t.external_id = ${v}.data->>'${field}')`;

const text = (field: string) => `v.data->>'${field}'`;

/**
 * The latest upsert of each touched subject (by occurredAt, then event id) as `v`, with the
 * earliest and latest occurredAt of its upserts as `v.first_at` / `v.last_at`.
 */
function latestUpserts(type: string): string {
  return `touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type = '${type}'),
    versions AS (
      SELECT l.source, l.subject, l.data, l.event_id,
             min(l.occurred_at) OVER w AS first_at, min(l.seq) OVER w AS first_seq, max(l.occurred_at) OVER w AS last_at,
             row_number() OVER (PARTITION BY l.source, l.subject ORDER BY l.occurred_at DESC, l.event_id DESC) AS rank
        FROM touched t ${logOfTouched('subject', `e.type = '${type}'`)}
       WHERE ${isApplied()}
      WINDOW w AS (PARTITION BY l.source, l.subject))`;
}

async function upsertLatest(sql: Sql, accountId: string, table: string, type: string, columns: Record<string, string>): Promise<void> {
  const names = Object.keys(columns);
  await sql.query(
    `WITH ${latestUpserts(type)}
     INSERT INTO ${table} (account_id, source, external_id, ${names.join(', ')})
     SELECT $1, v.source, v.subject, ${Object.values(columns).join(', ')}
       FROM versions v WHERE v.rank = 1 ORDER BY v.first_seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE SET ${names.map((name) => `${name} = excluded.${name}`).join(', ')}`,
    [accountId],
  );
}

export async function applyEntities(sql: Sql, accountId: string): Promise<void> {
  await upsertLatest(sql, accountId, 'inboxes', 'inbox.upserted', {
    name: text('name'),
    display_name: `coalesce(nullif(${text('displayName')}, ''), ${text('name')})`,
    channel_type: text('channelType'),
    medium: text('medium'),
    provider: text('provider'),
    official: `coalesce((${text('official')})::boolean, true)`,
    portfolio: text('portfolio'),
    sender_number: text('senderNumber'),
    server: text('server'),
    created_at: 'v.first_at',
  });
  await upsertLatest(sql, accountId, 'contacts', 'contact.upserted', {
    medium: text('medium'),
    name: text('name'),
    email: text('email'),
    phone_number: text('phoneNumber'),
    primary_identifier: text('primaryIdentifier'),
    secondary_identifier: text('secondaryIdentifier'),
    created_at: 'v.first_at',
    updated_at: 'v.last_at',
  });
  await upsertLatest(sql, accountId, 'agents', 'agent.upserted', {
    kind: text('kind'),
    name: text('name'),
    email: text('email'),
    reference: text('reference'),
    created_at: 'v.first_at',
    last_sign_in_at: `(${text('lastSignInAt')})::timestamptz`,
    last_sign_in_ip: `(${text('lastSignInIp')})::inet`,
  });
  await upsertLatest(sql, accountId, 'teams', 'team.upserted', { name: text('name'), created_at: 'v.first_at' });
  await upsertLatest(sql, accountId, 'topics', 'topic.upserted', {
    name: text('name'),
    active: `coalesce((${text('active')})::boolean, true)`,
    created_at: 'v.first_at',
  });
  await upsertLatest(sql, accountId, 'tags', 'tag.upserted', {
    name: text('name'),
    active: `coalesce((${text('active')})::boolean, true)`,
    created_at: 'v.first_at',
  });
}

/** One attribute per contact and name: the latest value, dated by its first and latest setting. */
async function applyAttributes(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject, data->>'name' AS name FROM ${BATCH_TABLE} WHERE ok AND type = 'contact.attribute_set'),
     versions AS (
       SELECT l.source, l.subject, l.data,
              min(l.occurred_at) OVER w AS first_at, min(l.seq) OVER w AS first_seq, max(l.occurred_at) OVER w AS last_at,
              row_number() OVER (PARTITION BY l.source, l.subject, l.data->>'name' ORDER BY l.occurred_at DESC, l.event_id DESC) AS rank
         FROM touched t ${logOfTouched('subject', `e.type = 'contact.attribute_set'`)}
        WHERE t.name = l.data->>'name' AND ${isApplied()}
       WINDOW w AS (PARTITION BY l.source, l.subject, l.data->>'name'))
     INSERT INTO contact_attributes (account_id, contact_id, name, value, type, created_at, updated_at)
     SELECT $1, ${idOf('contacts', 'contact')}, v.data->>'name', v.data->>'value', coalesce(v.data->>'attributeType', 'custom'), v.first_at, v.last_at
       FROM versions v WHERE v.rank = 1 ORDER BY v.first_seq
     ON CONFLICT (account_id, contact_id, name) DO UPDATE
        SET value = excluded.value, type = excluded.type, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [accountId],
  );
}

/**
 * The latest channel record of each inbox a batch touched, by either event: an inbox upsert
 * rewrites provider and sender number from its own fields, so the record is laid over it again.
 */
async function applyChannels(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type IN ('inbox.upserted', 'inbox.channel_set')),
     latest AS (
       SELECT DISTINCT ON (l.source, l.subject) l.source, l.subject, l.data
         FROM touched t ${logOfTouched('subject', `e.type = 'inbox.channel_set'`)}
        WHERE ${isApplied()}
        ORDER BY l.source, l.subject, l.occurred_at DESC, l.event_id DESC)
     UPDATE inboxes i SET address = v.data->>'address', provider = coalesce(v.data->>'provider', i.provider),
            sender_number = coalesce(v.data->>'senderNumber', i.sender_number)
       FROM latest v WHERE i.account_id = $1 AND i.source = v.source AND i.external_id = v.subject`,
    [accountId],
  );
}

/** A membership exists when the latest added/removed event of its pair is an addition, dated by it. */
async function applyMemberships(sql: Sql, accountId: string, group: 'team' | 'inbox'): Promise<void> {
  const table = group === 'team' ? 'team_members' : 'inbox_members';
  const parent = group === 'team' ? 'teams' : 'inboxes';
  const types = [`${group}.member_added`, `${group}.member_removed`];
  const latest = `WITH touched AS (SELECT DISTINCT source, subject, data->>'agent' AS agent FROM ${BATCH_TABLE} WHERE ok AND type = ANY($2)),
     latest AS (
       SELECT DISTINCT ON (l.source, l.subject, l.data->>'agent') l.source, l.data, l.type, l.occurred_at
         FROM touched t ${logOfTouched('subject', 'e.type = ANY($2)')}
        WHERE t.agent = l.data->>'agent' AND ${isApplied()}
        ORDER BY l.source, l.subject, l.data->>'agent', l.occurred_at DESC, l.event_id DESC),
     pairs AS (SELECT ${idOf(parent, group)} AS group_id, ${idOf('agents', 'agent')} AS agent_id, v.type, v.occurred_at FROM latest v)`;
  await sql.query(
    `${latest}
     DELETE FROM ${table} m USING pairs p
      WHERE p.type = '${group}.member_removed' AND m.account_id = $1 AND m.${group}_id = p.group_id AND m.agent_id = p.agent_id`,
    [accountId, types],
  );
  const joined = group === 'team' ? ', joined_at' : '';
  await sql.query(
    `${latest}
     INSERT INTO ${table} (account_id, ${group}_id, agent_id${joined})
     SELECT $1, p.group_id, p.agent_id${group === 'team' ? ', p.occurred_at' : ''} FROM pairs p WHERE p.type = '${group}.member_added'
     ON CONFLICT (account_id, ${group}_id, agent_id) DO ${group === 'team' ? 'UPDATE SET joined_at = excluded.joined_at' : 'NOTHING'}`,
    [accountId, types],
  );
}

/**
 * An agent's presence intervals: each available/away event opens one (identified by the event)
 * that lasts until the agent's next presence event of any status; `offline` only closes.
 */
async function applyPresence(sql: Sql, accountId: string): Promise<void> {
  await sql.query(
    `WITH touched AS (SELECT DISTINCT source, subject FROM ${BATCH_TABLE} WHERE ok AND type = 'agent.presence_changed'),
     timeline AS (
       SELECT l.seq, l.source, l.subject, l.event_id, l.data, l.occurred_at AS started_at,
              lead(l.occurred_at) OVER (PARTITION BY l.source, l.subject ORDER BY l.occurred_at, l.event_id) AS ended_at
         FROM touched t ${logOfTouched('subject', `e.type = 'agent.presence_changed'`)}
        WHERE ${isApplied()})
     INSERT INTO agent_presences (account_id, source, external_id, agent_id, status, away_state, started_at, ended_at)
     SELECT $1, v.source, v.event_id, ${idOf('agents', 'agent')}, v.data->>'status', v.data->>'awayState', v.started_at, v.ended_at
       FROM timeline v WHERE v.data->>'status' <> 'offline' ORDER BY v.seq
     ON CONFLICT (account_id, source, external_id) DO UPDATE SET ended_at = excluded.ended_at
      WHERE agent_presences.ended_at IS DISTINCT FROM excluded.ended_at`,
    [accountId],
  );
}

export async function applyDependents(sql: Sql, accountId: string): Promise<void> {
  await applyChannels(sql, accountId);
  await applyAttributes(sql, accountId);
  await applyMemberships(sql, accountId, 'team');
  await applyMemberships(sql, accountId, 'inbox');
  await applyPresence(sql, accountId);
}
