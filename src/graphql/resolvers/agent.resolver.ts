import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Agent, AgentPresence, Conversation, Inbox, Message, Team } from '../../entities';
import { AgentConnectionArgs, agentFilter } from '../types/agent-filter.input';
import { AgentPresenceConnectionArgs, agentPresenceFilter } from '../types/agent-presence-filter.input';
import { Connection } from '../types/connection.type';
import { AgentConnection, AgentPresenceConnection, ConversationConnection, MessageConnection } from '../types/connections';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { paginate } from '../support/paginate';

@Resolver(() => Agent)
export class AgentResolver {
  @Query(() => Agent, { description: 'One agent of the account; NOT_FOUND when the account has no agent with this id.' })
  agent(
    @Arg('id', () => ID, { description: 'Identifier of the agent.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent> {
    return findById(ctx.loaders.agentById, id, 'Agent', info);
  }

  @Query(() => AgentConnection, { description: listDescription('Agents of the account, human and virtual', 'createdAt') })
  agents(
    @Args(() => AgentConnectionArgs) args: AgentConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Agent>> {
    return paginate(info, ctx.accountId, AgentConnection, ctx.loaders.accountAgents, ctx.accountId, args, agentFilter(args.filter));
  }

  @FieldResolver(() => [Team], { description: 'Teams the agent is a member of, by name.' })
  teams(@Root() agent: Agent, @Ctx() ctx: RequestContext): Promise<Team[]> {
    return ctx.loaders.agentTeams.load(agent.id);
  }

  @FieldResolver(() => [Inbox], { description: 'Inboxes the agent is a member of, by name.' })
  inboxes(@Root() agent: Agent, @Ctx() ctx: RequestContext): Promise<Inbox[]> {
    return ctx.loaders.agentInboxes.load(agent.id);
  }

  @FieldResolver(() => AgentPresenceConnection, { description: listDescription('Presence intervals of the agent', 'startedAt') })
  presences(
    @Root() agent: Agent,
    @Args(() => AgentPresenceConnectionArgs) args: AgentPresenceConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<AgentPresence>> {
    return paginate(
      info,
      ctx.accountId,
      AgentPresenceConnection,
      ctx.loaders.agentPresences,
      agent.id,
      args,
      agentPresenceFilter(args.filter),
    );
  }

  @FieldResolver(() => ConversationConnection, {
    description: listDescription('Conversations currently assigned to the agent', 'createdAt'),
  })
  assignedConversations(
    @Root() agent: Agent,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.agentAssignedConversations,
      agent.id,
      args,
      conversationFilter(args.filter),
    );
  }

  @FieldResolver(() => MessageConnection, {
    description: listDescription('Messages the agent sent (private notes only on request)', 'createdAt'),
  })
  messages(
    @Root() agent: Agent,
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(info, ctx.accountId, MessageConnection, ctx.loaders.agentMessages, agent.id, args, messageFilter(args.filter));
  }
}
