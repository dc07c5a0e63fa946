import type { QueryRunner } from 'typeorm';
import { MEDIUM, type AccountProfile } from './accounts';
import { mulberry32 } from './random';
import { allocateIds, insertRows } from './sql';
import { staged } from './staging';

/** Ids of the hand-written rows of one account, in profile order, for the generated rows to point at. */
export interface Reference {
  teamIds: Record<string, string>;
  agentIds: string[];
  virtualAgentIds: Record<string, string>;
  inboxIds: string[];
  topicIds: string[];
  tagIds: string[];
}

const DAY_MS = 86_400_000;

/**
 * The account's small, hand-written part: teams, human and virtual agents, memberships, inboxes,
 * topics and tags. All of it predates the 60 days of activity. Sign-in times are filled in later
 * from the presence intervals, so that the two agree.
 */
export async function insertReferenceData(runner: QueryRunner, accountId: string, profile: AccountProfile, now: Date): Promise<Reference> {
  const random = mulberry32(profile.seed);
  const daysAgo = (min: number, max: number) => new Date(now.getTime() - (min + random() * (max - min)) * DAY_MS);
  const after = (start: Date, maxDays: number) => new Date(start.getTime() + random() * maxDays * DAY_MS);
  const account_id = accountId;

  const teamIds = await allocateIds(runner, staged('teams'), profile.teams.length);
  const teamCreated = profile.teams.map(() => daysAgo(700, 900));
  await insertRows(
    runner,
    staged('teams'),
    profile.teams.map((team, i) => ({ account_id, id: teamIds[i], name: team.name, created_at: teamCreated[i] })),
  );
  const teamByKey = Object.fromEntries(profile.teams.map((team, i) => [team.key, i]));

  const agentIds = await allocateIds(runner, staged('agents'), profile.agents.length);
  const agentCreated = profile.agents.map((agent) => (agent.neverSignedIn ? daysAgo(3, 6) : daysAgo(120, 650)));
  await insertRows(
    runner,
    staged('agents'),
    profile.agents.map((agent, i) => ({
      account_id,
      id: agentIds[i],
      kind: 'human',
      name: agent.name,
      email: agent.email,
      reference: agent.reference,
      created_at: agentCreated[i],
      last_sign_in_ip: agent.neverSignedIn ? null : agent.signInIp,
    })),
  );
  await insertRows(
    runner,
    staged('team_members'),
    profile.agents.flatMap((agent, i) =>
      agent.teams.map((key) => {
        const joinedFrom = Math.max(agentCreated[i].getTime(), teamCreated[teamByKey[key]].getTime());
        return { account_id, team_id: teamIds[teamByKey[key]], agent_id: agentIds[i], joined_at: after(new Date(joinedFrom), 2) };
      }),
    ),
  );

  const virtualAgentIds = await allocateIds(runner, staged('agents'), profile.virtualAgents.length);
  await insertRows(
    runner,
    staged('agents'),
    profile.virtualAgents.map((va, i) => ({
      account_id,
      id: virtualAgentIds[i],
      kind: 'virtual',
      name: va.name,
      reference: va.reference,
      created_at: daysAgo(200, 400),
    })),
  );

  const inboxIds = await allocateIds(runner, staged('inboxes'), profile.inboxes.length);
  await insertRows(
    runner,
    staged('inboxes'),
    profile.inboxes.map((inbox, i) => ({
      account_id,
      id: inboxIds[i],
      name: inbox.name,
      display_name: inbox.displayName,
      channel_type: inbox.channelType,
      medium: MEDIUM[inbox.channelType],
      provider: inbox.provider,
      official: inbox.official,
      portfolio: inbox.portfolio,
      sender_number: inbox.senderNumber,
      server: inbox.server,
      created_at: daysAgo(400, 900),
    })),
  );
  // Supervisors see every inbox; the others see their teams' inboxes.
  await insertRows(
    runner,
    staged('inbox_members'),
    profile.inboxes.flatMap((inbox, i) =>
      profile.agents
        .map((agent, a) => ({ agent, a }))
        .filter(({ agent }) => agent.supervisor || agent.teams.includes(inbox.team))
        .map(({ a }) => ({ account_id, inbox_id: inboxIds[i], agent_id: agentIds[a] })),
    ),
  );

  const topicIds = await allocateIds(runner, staged('topics'), profile.topics.length);
  await insertRows(
    runner,
    staged('topics'),
    profile.topics.map((t, i) => ({ account_id, id: topicIds[i], name: t.name, active: t.active, created_at: daysAgo(90, 600) })),
  );
  const tagIds = await allocateIds(runner, staged('tags'), profile.tags.length);
  await insertRows(
    runner,
    staged('tags'),
    profile.tags.map((t, i) => ({ account_id, id: tagIds[i], name: t.name, active: t.active, created_at: daysAgo(90, 600) })),
  );

  return {
    teamIds: Object.fromEntries(profile.teams.map((team, i) => [team.key, teamIds[i]])),
    agentIds,
    virtualAgentIds: Object.fromEntries(profile.virtualAgents.map((va, i) => [va.key, virtualAgentIds[i]])),
    inboxIds,
    topicIds,
    tagIds,
  };
}
