import { ArgsType, Field, InputType } from 'type-graphql';
import { AgentKind } from '../../entities/enums/agent.enums';
import { ConnectionArgs } from './connection.args';
import { ListFilter, NO_FILTER, equals, listFilter } from '../support/list-filter';

@InputType('AgentFilter', { description: 'Criteria an agent must all meet. Omitted criteria do not filter.' })
export class AgentFilter {
  @Field(() => AgentKind, { nullable: true, description: 'Only HUMAN or only VIRTUAL agents.' })
  kind?: AgentKind | null;
}

@ArgsType()
export class AgentConnectionArgs extends ConnectionArgs {
  @Field(() => AgentFilter, { nullable: true, description: 'Only agents meeting these criteria.' })
  filter?: AgentFilter | null;
}

export function agentFilter(filter: AgentFilter | null | undefined): ListFilter {
  if (!filter) return NO_FILTER;
  return listFilter(filter, equals('t.kind', filter.kind));
}
