import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, AgentPresence } from '../../entities';
import { AgentPresenceConnectionArgs, agentPresenceFilter } from '../types/agent-presence-filter.input';
import { Connection } from '../types/connection.type';
import { AgentPresenceConnection } from '../types/connections';
import { listDescription } from '../support/list-description';
import { paginate } from '../support/paginate';

@Resolver(() => AgentPresence)
export class AgentPresenceResolver {
  @Query(() => AgentPresenceConnection, { description: listDescription('Presence intervals of all agents of the account', 'startedAt') })
  agentPresences(
    @Args(() => AgentPresenceConnectionArgs) args: AgentPresenceConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<AgentPresence>> {
    return paginate(
      info,
      ctx.accountId,
      AgentPresenceConnection,
      ctx.loaders.accountAgentPresences,
      ctx.accountId,
      args,
      agentPresenceFilter(args.filter),
    );
  }

  @FieldResolver(() => Agent, { description: 'The agent whose presence this is.' })
  agent(@Root() presence: AgentPresence, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Agent | null> {
    return ctx.loaders.agentById.load(presence.agentId, selectedFields(info));
  }
}
