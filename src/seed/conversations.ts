import type { SeedContext } from './context';
import { MEDIA_POOLS, type CompiledScenarios } from './scenarios';
import { analyzeAfterBulkInsert } from './sql';
import { staged } from './staging';

/**
 * Local hour of day at which conversations start, as relative weights: busy office hours,
 * quiet nights, but never empty around midnight, so day buckets in the account's time zone
 * differ from UTC ones.
 */
const HOUR_WEIGHTS = [3, 2, 1, 1, 1, 1, 2, 6, 12, 16, 18, 18, 14, 14, 16, 16, 16, 14, 12, 10, 8, 6, 4, 3];

/** Canonical conversations sit on one local day this long before `now`, before all others. */
const CANONICAL_DAYS_AGO = 59;
/** Other conversations start within this many days before today (still-open ones: RECENT_DAYS). */
const SPREAD_DAYS = 57;
const RECENT_DAYS = 14;
/**
 * A conversation whose script would run past `now` (plus this margin, which covers CSAT
 * answers, read receipts and edits after the last step) is moved back by whole days.
 */
const FUTURE_MARGIN_SECONDS = 3 * 3600;
/** A few conversations are in a language other than the account's, so the Language column varies. */
const OTHER_LANGUAGE = 'es';
const OTHER_LANGUAGE_SHARE = 0.07;

/** SQL: the instant of a script offset (seconds) in conversation `c`; every table uses this one formula. */
const at = (seconds: string) => `(c.created_at + make_interval(secs => (${seconds}) * c.scale))`;
/** SQL: the row an actor role is bound to in conversation `c`. */
const actorId = (actor: string) =>
  `(CASE ${actor} WHEN 'agent' THEN c.agent_id WHEN 'agent2' THEN c.agent2_id WHEN 'supervisor' THEN c.supervisor_id WHEN 'va' THEN c.va_id END)`;
/** SQL: the team a human actor acts for in conversation `c` (the inbox's team; supervisors belong to all). */
const actorTeam = (actor: string) => `(CASE WHEN ${actor} IN ('agent', 'agent2', 'supervisor') THEN c.team_id END)`;

/**
 * Every conversation, with its events, messages, topics, tags and dispatches, generated in
 * PostgreSQL from the scripts: one INSERT … SELECT per table, whatever the size.
 */
export async function insertConversations(
  context: SeedContext,
  compiled: CompiledScenarios,
  conversationsPerAccount: number,
  supervisorId: string,
): Promise<void> {
  await drawConversations(context, compiled, conversationsPerAccount, supervisorId);
  await insertConversationRows(context);
  await insertEvents(context);
  await insertMessages(context);
  await insertTopicsAndTags(context);
  await insertDispatches(context);
}

/**
 * Decides, per conversation, its script, inbox, contact, agents, start and time stretch, into
 * `seed_conversations`. The first conversations replay each script once, unstretched, on one
 * day; the others draw a script by weight, a day and a local hour.
 */
async function drawConversations(
  { runner, profile, now, random }: SeedContext,
  compiled: CompiledScenarios,
  count: number,
  supervisorId: string,
): Promise<void> {
  const { unit, pick } = random;
  const scenarioSlots = compiled.scenarios.flatMap((s) => Array<number>(s.weight).fill(s.scenario));
  const hourSlots = HOUR_WEIGHTS.flatMap((weight, hour) => Array<number>(weight).fill(hour));
  await runner.query(
    `CREATE TEMP TABLE seed_conversations ON COMMIT DROP AS
     WITH drawn AS (
       SELECT n, n <= $2 AS canonical,
              CASE WHEN n <= $2 THEN n ELSE ($5::int[])[1 + ${pick('n', 1, 'cardinality($5::int[])')}] END AS scenario
         FROM generate_series(1, $1::int) AS n
     ), pools AS (
       SELECT DISTINCT pool, distinct_count, slot_count FROM seed_inbox_slots
     ), placed AS (
       SELECT d.n, d.canonical, d.scenario, sc.last_at, sc.canonical_rank, sl.inbox_id, pl.distinct_count,
              CASE WHEN d.canonical THEN 1.0::float8 ELSE 0.6 + ${unit('d.n', 2)} END AS scale,
              (CASE WHEN d.canonical
                    THEN (t.today - ${CANONICAL_DAYS_AGO}) + make_interval(mins => sc.canonical_start_minute)
                    ELSE (t.today - CASE WHEN sc.recent THEN ${pick('d.n', 3, RECENT_DAYS)} ELSE 1 + ${pick('d.n', 3, SPREAD_DAYS)} END)
                         + make_interval(hours => ($6::int[])[1 + ${pick('d.n', 4, 'cardinality($6::int[])')}], secs => ${pick('d.n', 5, 3600)})
               END) AT TIME ZONE $4 AS start_at
         FROM drawn d
         JOIN seed_scenarios sc USING (scenario)
         JOIN pools pl ON pl.pool = sc.inbox_pool
         JOIN seed_inbox_slots sl ON sl.pool = pl.pool
                                 AND sl.slot = CASE WHEN d.canonical THEN sc.canonical_rank % pl.distinct_count ELSE ${pick('d.n', 6, 'pl.slot_count')} END
        CROSS JOIN (SELECT ($3::timestamptz AT TIME ZONE $4)::date AS today) t
     ), clamped AS (
       SELECT p.*,
              p.start_at - make_interval(days => greatest(0, ceil(
                (extract(epoch FROM p.start_at - $3::timestamptz) + p.last_at * p.scale + ${FUTURE_MARGIN_SECONDS}) / 86400.0))::int) AS created_at
         FROM placed p
     ), bound AS (
       SELECT cl.n, cl.canonical, cl.scenario, cl.scale, cl.created_at, cl.inbox_id, i.channel_type, i.team_id, i.va_id, i.post_url_base,
              $7::bigint AS supervisor_id, a1.agent_id, a2.agent_id AS agent2_id, ct.id AS contact_id
         FROM clamped cl
         JOIN seed_inboxes i ON i.id = cl.inbox_id
         JOIN seed_inbox_agents a1 ON a1.inbox_id = i.id AND a1.slot = ${pick('cl.n', 7, 'i.agent_count')}
         JOIN seed_inbox_agents a2 ON a2.inbox_id = i.id AND a2.slot = (a1.slot + 1 + ${pick('cl.n', 8, 'i.agent_count - 1')}) % i.agent_count
         JOIN seed_media md ON md.channel_type = i.channel_type
         -- A skewed draw: a few contacts come back often.
         JOIN seed_contacts ct ON ct.channel_type = i.channel_type
                              AND ct.ordinal = CASE WHEN cl.canonical THEN (cl.canonical_rank / cl.distinct_count) % md.contact_count
                                                    ELSE floor(md.contact_count * power(${unit('cl.n', 9)}, 1.6))::int END
     )
     SELECT nextval(pg_get_serial_sequence('${staged('conversations')}', 'id')) AS id, o.*
       FROM (SELECT b.*, row_number() OVER (ORDER BY b.canonical DESC, CASE WHEN b.canonical THEN b.n END, b.created_at, b.n)::int AS display_id
               FROM bound b ORDER BY display_id) o`,
    [count, Math.min(count, compiled.scenarios.length), now.toISOString(), profile.timeZone, scenarioSlots, hourSlots, supervisorId],
  );
  await runner.query('ANALYZE seed_conversations');
}

/** The conversation rows: status, resolution, assignment and CSAT columns as the script left them. */
async function insertConversationRows({ runner, accountId, profile, random }: SeedContext): Promise<void> {
  const { unit, pick } = random;
  const text = (pool: string, salt: number) =>
    `${pool}.bodies[1 + CASE WHEN c.canonical THEN (c.n + ${salt}) % ${pool}.size ELSE ${pick('c.n', salt, `${pool}.size`)} END]`;
  await runner.query(
    `INSERT INTO ${staged('conversations')} (account_id, id, display_id, inbox_id, contact_id, status, created_at, updated_at,
                                first_resolved_at, resolved_at, resolved_by, resolve_trigger, resolved_by_agent_id, resolve_reason, resolve_comment,
                                last_status_change_agent_id, last_status_change_team_id, language, url, assignee_id, team_id,
                                csat_score, csat_status, csat_follow_up_question, csat_follow_up_answer, csat_responded_at)
     SELECT $1, c.id, c.display_id, c.inbox_id, c.contact_id, sc.final_status, c.created_at,
            greatest(${at('sc.last_at')}, x.csat_responded_at),
            ${at('sc.first_resolved_at')}, ${at('sc.resolved_at')}, sc.resolved_by, sc.resolve_trigger, ${actorId('sc.resolver')},
            ${text('reason', 21)},
            CASE WHEN c.canonical OR ${unit('c.n', 24)} < 0.6 THEN ${text('comment', 26)} END,
            ${actorId('sc.last_status_actor')}, ${actorTeam('sc.last_status_actor')},
            CASE WHEN NOT c.canonical AND ${unit('c.n', 22)} < ${OTHER_LANGUAGE_SHARE} THEN $3 ELSE $2 END,
            $4 || c.display_id,
            ${actorId('sc.assignee')},
            CASE WHEN sc.has_team THEN c.team_id END,
            CASE WHEN sc.csat_status = 'completed'
                 THEN CASE WHEN c.canonical THEN sc.csat_score ELSE (ARRAY[1, 2, 3, 3, 4, 4, 5, 5, 5, 5])[1 + ${pick('c.n', 23, 10)}] END END,
            sc.csat_status,
            CASE WHEN sc.csat_status = 'completed' THEN ${text('question', 27)} END,
            CASE WHEN sc.csat_status = 'completed' AND (c.canonical OR ${unit('c.n', 25)} < 0.7) THEN ${text('answer', 28)} END,
            x.csat_responded_at
       FROM seed_conversations c
       JOIN seed_scenarios sc USING (scenario)
      CROSS JOIN LATERAL (SELECT CASE WHEN sc.csat_status = 'completed'
                                      THEN ${at('sc.csat_at')} + make_interval(mins => 3 + ${pick('c.n', 20, 120)}) END AS csat_responded_at) x
       LEFT JOIN seed_pools reason ON reason.pool = sc.reason_pool
       LEFT JOIN seed_pools comment ON comment.pool = sc.comment_pool
       JOIN seed_pools question ON question.pool = 'csat_question'
       JOIN seed_pools answer ON answer.pool = 'csat_answer'
      ORDER BY c.id`,
    [accountId, profile.locale, OTHER_LANGUAGE, `https://chat.${profile.domain}/app/accounts/${accountId}/conversations/`],
  );
  await analyzeAfterBulkInsert(runner, staged('conversations'));
}

/** The key of one script step of one conversation, for the step's own draws. */
const STEP_KEY = 'c.n * 1000 + s.step';

/** The events of every script, ids in time order like a live system's. */
async function insertEvents({ runner, accountId, random }: SeedContext): Promise<void> {
  await runner.query(
    `INSERT INTO ${staged('conversation_events')} (account_id, conversation_id, kind, occurred_at, agent_id, team_id, from_status, to_status,
                                      assignee_id, handover_reason, handover_due_to_error)
     SELECT $1, c.id, s.kind, ${at('s.at')}, ${actorId('s.actor')}, ${actorTeam('s.actor')}, s.from_status, s.to_status,
            ${actorId('s.assignee')}, p.bodies[1 + CASE WHEN c.canonical THEN c.n % p.size ELSE ${random.pick(STEP_KEY, 30, 'p.size')} END],
            s.due_to_error
       FROM seed_conversations c
       JOIN seed_steps s ON s.scenario = c.scenario AND s.item = 'event'
       LEFT JOIN seed_pools p ON p.pool = s.pool
      ORDER BY 4, c.id, s.step`,
    [accountId],
  );
}

/**
 * Messages, with the content pool following the (scripted or drawn) media type, delivery
 * receipts in order (sent ≤ delivered ≤ read, or failed without delivery), and edits and
 * deletions after the fact. Canonical conversations keep their scripted types, take each pool's
 * entries in turn (so even a small seed uses every CSV-breaking string) and cycle through the
 * delivery outcomes.
 */
async function insertMessages({ runner, accountId, random }: SeedContext): Promise<void> {
  const { unit, pick } = random;
  const k = 'k.k';
  const drawnMediaPool = `CASE x.message_type ${Object.entries(MEDIA_POOLS)
    .map(([type, pool]) => `WHEN '${type}' THEN ${pool === null ? 'NULL' : `'${pool}'`}`)
    .join(' ')} END`;
  await runner.query(
    `INSERT INTO ${staged('messages')} (account_id, conversation_id, direction, message_type, origin, outbound_type, system_user_type, private, content,
                           sender_agent_id, sender_contact_id, team_id, post_url, template_name, created_at, updated_at, deleted_at,
                           delivery_status, sent_at, delivered_at, read_at, failed_at, edited_at)
     SELECT $1, c.id, s.direction, x.message_type, s.origin, s.outbound_type, s.system_user_type, s.private,
            CASE WHEN x.message_type IN ('image', 'video') AND NOT c.canonical AND ${unit(k, 31)} < 0.3 THEN NULL ELSE p.bodies[1 + ti.idx] END,
            CASE WHEN s.direction = 'outgoing' THEN ${actorId('s.actor')} END,
            CASE WHEN s.actor = 'contact' THEN c.contact_id END,
            CASE WHEN s.origin = 'agent' THEN c.team_id END,
            CASE WHEN c.post_url_base IS NOT NULL AND NOT s.private AND x.message_type <> 'activity'
                 THEN c.post_url_base || ${random.digits(k, 32, 18)} END,
            CASE WHEN x.message_type = 'template' THEN p.extras[1 + ti.idx] END,
            x.created_at,
            greatest(x.created_at, d.sent_at, d.delivered_at, d.read_at, d.failed_at, x.edited_at, x.deleted_at),
            x.deleted_at, o.status, d.sent_at, d.delivered_at, d.read_at, d.failed_at, x.edited_at
       FROM seed_conversations c
       JOIN seed_steps s ON s.scenario = c.scenario AND s.item = 'message'
      CROSS JOIN LATERAL (SELECT ${STEP_KEY} AS k) k
      CROSS JOIN LATERAL (
            SELECT ${at('s.at')} AS created_at,
                   -- Only incoming steps leave the type open: mostly text, some media.
                   coalesce(s.message_type, CASE WHEN c.canonical OR ${unit(k, 34)} >= 0.18 THEN 'text' ELSE
                     (ARRAY['image', 'image', 'image', 'image', 'audio', 'audio', 'video', 'file', 'file', 'location'])[1 + ${pick(k, 33, 10)}] END) AS message_type
      ) x0
      CROSS JOIN LATERAL (
            SELECT x0.created_at, x0.message_type,
                   CASE WHEN s.deleted OR (NOT c.canonical AND s.direction = 'incoming' AND ${unit(k, 35)} < 0.005)
                        THEN x0.created_at + make_interval(mins => 2 + ${pick(k, 36, 30)}) END AS deleted_at,
                   CASE WHEN s.edited OR (NOT c.canonical AND s.origin IN ('contact', 'agent') AND s.message_type IS DISTINCT FROM 'template' AND ${unit(k, 37)} < 0.03)
                        THEN x0.created_at + make_interval(secs => 30 + ${pick(k, 38, 300)}) END AS edited_at
      ) x
       LEFT JOIN seed_pools p ON p.pool = CASE WHEN x.message_type = 'text' OR s.message_type IS NOT NULL THEN s.pool ELSE ${drawnMediaPool} END
      CROSS JOIN LATERAL (SELECT CASE WHEN c.canonical THEN s.pool_rank % p.size ELSE ${pick(k, 39, 'p.size')} END AS idx) ti
      CROSS JOIN LATERAL (
            SELECT CASE WHEN s.direction = 'incoming' OR s.private OR x.message_type = 'activity' THEN NULL
                        WHEN s.delivery IS NOT NULL THEN s.delivery
                        WHEN c.canonical THEN (ARRAY['read', 'delivered', 'read', 'sent'])[1 + (c.n + s.step) % 4]
                        ELSE CASE WHEN ${unit(k, 40)} < 0.03 THEN 'failed' WHEN ${unit(k, 40)} < 0.12 THEN 'sent'
                                  WHEN ${unit(k, 40)} < 0.35 THEN 'delivered' ELSE 'read' END
                   END AS status
      ) o
      CROSS JOIN LATERAL (
            SELECT CASE WHEN o.status IN ('sent', 'delivered', 'read') OR (o.status = 'failed' AND ${unit(k, 41)} < 0.5)
                        THEN x.created_at + interval '1 second' END AS sent_at,
                   CASE WHEN o.status IN ('delivered', 'read') THEN x.created_at + make_interval(secs => 2 + ${pick(k, 42, 8)}) END AS delivered_at,
                   CASE WHEN o.status = 'read' THEN x.created_at + make_interval(secs => 10 + 38 * ${unit(k, 43)} * c.scale) END AS read_at,
                   CASE WHEN o.status = 'failed' THEN x.created_at + make_interval(secs => 3 + ${pick(k, 44, 20)}) END AS failed_at
      ) d
      WHERE s.chance IS NULL OR c.canonical OR ${unit('c.n * 1000 + s.grp', 45)} < s.chance
      ORDER BY x.created_at, c.id, s.step`,
    [accountId],
  );
  await analyzeAfterBulkInsert(runner, staged('messages'));
}

/**
 * Topics on conversations and tags on messages, applied by humans or the virtual agent. A tag
 * finds its message by conversation and creation time, which the scripts keep distinct.
 */
async function insertTopicsAndTags({ runner, accountId, random }: SeedContext): Promise<void> {
  const { unit, pick } = random;
  // Consecutive steps of one conversation get different topics (tags) from an offset drawn per conversation.
  const choose = (table: string, salt: number) =>
    `${table}.idx = (CASE WHEN c.canonical THEN c.n ELSE ${pick('c.n', salt, `(SELECT count(*) FROM ${table})`)} END + s.step) % (SELECT count(*) FROM ${table})`;
  const removedAt = (salt: number) =>
    `CASE WHEN s.removed_after IS NOT NULL THEN ${at('s.at + s.removed_after')}
          WHEN NOT c.canonical AND ${unit(STEP_KEY, salt)} < 0.05 THEN ${at('s.at')} + make_interval(mins => 10 + ${pick(STEP_KEY, salt + 1, 600)}) END`;
  await runner.query(
    `INSERT INTO ${staged('conversation_topics')} (account_id, conversation_id, topic_id, applied_by_agent_id, applied_at, removed_at)
     SELECT $1, c.id, seed_topics.id, ${actorId('s.actor')}, ${at('s.at')}, ${removedAt(50)}
       FROM seed_conversations c
       JOIN seed_steps s ON s.scenario = c.scenario AND s.item = 'topic'
       JOIN seed_topics ON ${choose('seed_topics', 52)}
      ORDER BY 5, c.id`,
    [accountId],
  );
  await runner.query(
    `INSERT INTO ${staged('message_tags')} (account_id, message_id, tag_id, applied_by_agent_id, applied_at, removed_at)
     SELECT $1, m.id, seed_tags.id, ${actorId('s.actor')}, ${at('s.at')}, ${removedAt(53)}
       FROM seed_conversations c
       JOIN seed_steps s ON s.scenario = c.scenario AND s.item = 'tag'
       JOIN ${staged('messages')} m ON m.account_id = $1 AND m.conversation_id = c.id AND m.created_at = ${at('s.message_at')}
       JOIN seed_tags ON ${choose('seed_tags', 55)}
      ORDER BY 5, c.id`,
    [accountId],
  );
}

/**
 * A dispatch row per conversation opened by a template, copying the template message's
 * outcome so that the engagement flags and the message's delivery status agree.
 */
async function insertDispatches({ runner, accountId, random }: SeedContext): Promise<void> {
  await runner.query(
    `INSERT INTO ${staged('dispatches')} (account_id, inbox_id, conversation_id, contact_id, requested_by_agent_id, template_name, content, recipient_number,
                             requested_at, sent_at, delivered_at, read_at, failed_at, failure_reason)
     SELECT $1, c.inbox_id, c.id, c.contact_id, m.sender_agent_id, m.template_name, m.content, ct.phone_number,
            m.created_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at,
            CASE WHEN m.failed_at IS NOT NULL THEN reasons.bodies[1 + ${random.pick('c.n', 60, 'reasons.size')}] END
       FROM seed_conversations c
       JOIN ${staged('messages')} m ON m.account_id = $1 AND m.conversation_id = c.id AND m.created_at = c.created_at AND m.message_type = 'template'
       JOIN ${staged('contacts')} ct ON ct.account_id = $1 AND ct.id = c.contact_id
       JOIN seed_pools reasons ON reasons.pool = 'failure_reason'
      ORDER BY m.created_at, c.id`,
    [accountId],
  );
}
