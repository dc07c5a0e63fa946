import type { QueryRunner } from 'typeorm';
import { CHANNEL_TYPES, MEDIUM, POST_URL_BASE, type AccountProfile } from './accounts';
import type { Reference } from './reference-data';
import type { CompiledScenarios } from './scenarios';
import { createTempTable } from './sql';
import { TEXTS } from './text';

/**
 * Contacts per conversation of a medium: about half, so that returning contacts (several
 * conversations, the contacts report's counts above one) are common.
 */
const CONTACTS_PER_CONVERSATION = 0.5;
const MIN_CONTACTS_PER_MEDIUM = 3;

/**
 * The small tables every generated row joins against (scripts, texts, inboxes and who works
 * them). Built once per account transaction as temporary tables.
 */
export async function loadLookups(
  runner: QueryRunner,
  profile: AccountProfile,
  reference: Reference,
  compiled: CompiledScenarios,
  conversationsPerAccount: number,
): Promise<void> {
  // A pool is one row holding its texts as an array: a row picks its text by subscript in the
  // projection, so no join depends on a drawn index (the planner cannot estimate those joins).
  const { pools, templates } = TEXTS[profile.locale];
  await createTempTable(runner, 'seed_pools', 'pool text, size int, bodies text[], extras text[]', [
    ...Object.entries(pools).map(([pool, bodies]) => ({ pool, size: bodies.length, bodies, extras: null })),
    { pool: 'template', size: templates.length, bodies: templates.map((t) => t.body), extras: templates.map((t) => t.name) },
  ]);

  await createTempTable(
    runner,
    'seed_scenarios',
    `scenario int, name text, weight int, inbox_pool text, recent boolean, canonical_start_minute int, canonical_rank int,
     final_status text, first_resolved_at int, resolved_at int, resolver text, resolved_by text, resolve_trigger text,
     reason_pool text, comment_pool text, last_status_actor text, assignee text, has_team boolean, last_at int,
     csat_status text, csat_at int, csat_score int`,
    compiled.scenarios,
  );
  await createTempTable(
    runner,
    'seed_steps',
    `scenario int, step int, at int, item text, kind text, actor text, direction text, message_type text, origin text,
     outbound_type text, system_user_type text, private boolean, pool text, pool_rank int, delivery text, deleted boolean, edited boolean,
     from_status text, to_status text, assignee text, due_to_error boolean, message_at int, removed_after int, grp int, chance float8`,
    compiled.steps,
  );

  const workers = (teamKey: string) =>
    profile.agents
      .map((agent, i) => ({ agent, id: reference.agentIds[i] }))
      .filter(({ agent }) => !agent.supervisor && !agent.neverSignedIn && agent.teams.includes(teamKey));
  await createTempTable(
    runner,
    'seed_inboxes',
    'id bigint, channel_type text, team_id bigint, va_id bigint, post_url_base text, agent_count int',
    profile.inboxes.map((inbox, i) => ({
      id: reference.inboxIds[i],
      channel_type: inbox.channelType,
      team_id: reference.teamIds[inbox.team],
      va_id: reference.virtualAgentIds[inbox.virtualAgent],
      post_url_base: POST_URL_BASE[inbox.channelType] ?? null,
      agent_count: workers(inbox.team).length,
    })),
  );
  await createTempTable(
    runner,
    'seed_inbox_agents',
    'inbox_id bigint, slot int, agent_id bigint',
    profile.inboxes.flatMap((inbox, i) =>
      workers(inbox.team).map(({ id }, slot) => ({ inbox_id: reference.inboxIds[i], slot, agent_id: id })),
    ),
  );

  // Each pool lists its inboxes once (canonical conversations take them in turn), then repeats
  // each by its weight minus one, so a uniform draw over the slots follows the weights.
  const inboxPools = {
    all: profile.inboxes.map((inbox, i) => ({ inbox, id: reference.inboxIds[i] })),
    whatsapp: profile.inboxes
      .map((inbox, i) => ({ inbox, id: reference.inboxIds[i] }))
      .filter(({ inbox }) => inbox.channelType === 'whatsapp'),
  };
  const slots = Object.entries(inboxPools).flatMap(([pool, members]) =>
    [...members, ...members.flatMap((member) => Array<typeof member>(member.inbox.weight - 1).fill(member))].map((member, slot) => ({
      pool,
      slot,
      inbox_id: member.id,
      distinct_count: members.length,
      slot_count: members.reduce((sum, m) => sum + m.inbox.weight, 0),
    })),
  );
  await createTempTable(runner, 'seed_inbox_slots', 'pool text, slot int, inbox_id bigint, distinct_count int, slot_count int', slots);

  const totalWeight = profile.inboxes.reduce((sum, inbox) => sum + inbox.weight, 0);
  await createTempTable(
    runner,
    'seed_media',
    'idx int, channel_type text, medium text, contact_count int',
    CHANNEL_TYPES.map((channelType, idx) => {
      const share =
        profile.inboxes.filter((inbox) => inbox.channelType === channelType).reduce((sum, inbox) => sum + inbox.weight, 0) / totalWeight;
      const contactCount = Math.max(MIN_CONTACTS_PER_MEDIUM, Math.ceil(conversationsPerAccount * share * CONTACTS_PER_CONVERSATION));
      return { idx, channel_type: channelType, medium: MEDIUM[channelType], contact_count: contactCount };
    }),
  );

  await createTempTable(
    runner,
    'seed_topics',
    'idx int, id bigint',
    reference.topicIds.map((id, idx) => ({ idx, id })),
  );
  await createTempTable(
    runner,
    'seed_tags',
    'idx int, id bigint',
    reference.tagIds.map((id, idx) => ({ idx, id })),
  );
}
