import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PresenceStatus } from '../../entities/enums/agent.enums';
import { sql } from '../../loaders/support/sql';
import { ConnectionArgs } from './connection.args';
import { parseIds } from '../../ids';
import { ListFilter, NO_FILTER, anyOf, checkRange, listFilter } from '../support/list-filter';

@InputType('AgentPresenceFilter', {
  description: 'Criteria a presence interval must all meet. Omitted criteria do not filter; an empty list matches nothing.',
})
export class AgentPresenceFilter {
  @Field(() => [ID], { nullable: true, description: 'Of one of these agents.' })
  agentIds?: string[] | null;

  @Field(() => [PresenceStatus], { nullable: true, description: 'Status is one of these.' })
  statuses?: PresenceStatus[] | null;

  @Field(() => Date, { nullable: true, description: 'Still going on at or after this instant: ended after it, or not ended yet.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Started before this instant (exclusive); must be later than `from`.' })
  to?: Date | null;
}

@ArgsType()
export class AgentPresenceConnectionArgs extends ConnectionArgs {
  @Field(() => AgentPresenceFilter, { nullable: true, description: 'Only presence intervals meeting these criteria.' })
  filter?: AgentPresenceFilter | null;
}

// `from`/`to` select intervals that overlap [from, to), not ones that start inside it, so that a
// shift crossing midnight counts on both days.
export function agentPresenceFilter(filter: AgentPresenceFilter | null | undefined): ListFilter {
  if (!filter) return NO_FILTER;
  checkRange(filter.from, filter.to, ['filter.from', 'filter.to']);
  return listFilter(filter, [
    ...anyOf('t.agent_id', filter.agentIds && parseIds(filter.agentIds, 'filter.agentIds'), 'bigint'),
    ...anyOf('t.status', filter.statuses, 'text'),
    ...(filter.from ? [sql`(t.ended_at IS NULL OR t.ended_at > ${filter.from})`] : []),
    ...(filter.to ? [sql`t.started_at < ${filter.to}`] : []),
  ]);
}
