import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Contact, Conversation, ConversationEvent, ConversationTopic, Dispatch, Inbox, Message, Team, Topic } from '../../entities';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ConversationConnection, ConversationEventConnection, DispatchConnection, MessageConnection } from '../types/connections';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { listDescription } from '../support/list-description';
import { findById, joinedOr, loadIfSet } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { paginate } from '../support/paginate';

@Resolver(() => Conversation)
export class ConversationResolver {
  @Query(() => Conversation, {
    description: 'One conversation of the account; NOT_FOUND when the account has no conversation with this id.',
  })
  conversation(
    @Arg('id', () => ID, { description: 'Identifier of the conversation (not its displayId).' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Conversation> {
    return findById(ctx.loaders.conversationById, id, 'Conversation', info);
  }

  @Query(() => ConversationConnection, { description: listDescription('Conversations of the account', 'createdAt') })
  conversations(
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.accountConversations,
      ctx.accountId,
      args,
      conversationFilter(args.filter),
    );
  }

  @FieldResolver(() => Inbox, { description: 'The inbox (channel) the conversation belongs to.' })
  inbox(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Inbox | null> | Inbox | null {
    return joinedOr(conversation, 'inbox', () => ctx.loaders.inboxById.load(conversation.inboxId, selectedFields(info)));
  }

  @FieldResolver(() => Contact, { description: 'The contact the conversation is with.' })
  contact(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Contact | null> | Contact | null {
    return joinedOr(conversation, 'contact', () => ctx.loaders.contactById.load(conversation.contactId, selectedFields(info)));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent the conversation is currently assigned to; null when unassigned.' })
  assignee(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent | null> | Agent | null {
    return joinedOr(conversation, 'assignee', () => loadIfSet(ctx.loaders.agentById, conversation.assigneeId, info));
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the conversation is currently routed to; null when none.' })
  team(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Team | null> | Team | null {
    return joinedOr(conversation, 'team', () => loadIfSet(ctx.loaders.teamById, conversation.teamId, info));
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent who last resolved the conversation; null if never resolved or not resolved by an agent.',
  })
  resolvedByAgent(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent | null> | Agent | null {
    return joinedOr(conversation, 'resolvedByAgent', () => loadIfSet(ctx.loaders.agentById, conversation.resolvedByAgentId, info));
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent who made the latest status change; null when it was not an agent.',
  })
  lastStatusChangeAgent(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent | null> | Agent | null {
    return joinedOr(conversation, 'lastStatusChangeAgent', () =>
      loadIfSet(ctx.loaders.agentById, conversation.lastStatusChangeAgentId, info),
    );
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team of the agent who made the latest status change; null when unknown.' })
  lastStatusChangeTeam(
    @Root() conversation: Conversation,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Team | null> | Team | null {
    return joinedOr(conversation, 'lastStatusChangeTeam', () => loadIfSet(ctx.loaders.teamById, conversation.lastStatusChangeTeamId, info));
  }

  @FieldResolver(() => MessageConnection, {
    description: listDescription('Messages of the conversation (private notes only on request)', 'createdAt'),
  })
  messages(
    @Root() conversation: Conversation,
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(
      info,
      ctx.accountId,
      MessageConnection,
      ctx.loaders.conversationMessages,
      conversation.id,
      args,
      messageFilter(args.filter),
    );
  }

  @FieldResolver(() => ConversationEventConnection, { description: listDescription('History events of the conversation', 'occurredAt') })
  events(
    @Root() conversation: Conversation,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<ConversationEvent>> {
    return paginate(info, ctx.accountId, ConversationEventConnection, ctx.loaders.conversationEvents, conversation.id, args);
  }

  @FieldResolver(() => [Topic], { description: 'Topics applied to the conversation now (removed ones left out), by name.' })
  topics(@Root() conversation: Conversation, @Ctx() ctx: RequestContext): Promise<Topic[]> {
    return ctx.loaders.conversationTopics.load(conversation.id);
  }

  @FieldResolver(() => [ConversationTopic], {
    description: 'Every time a topic was applied to the conversation, removed ones included, oldest first.',
  })
  topicApplications(@Root() conversation: Conversation, @Ctx() ctx: RequestContext): Promise<ConversationTopic[]> {
    return ctx.loaders.conversationTopicApplications.load(conversation.id);
  }

  @FieldResolver(() => DispatchConnection, {
    description: listDescription('Template dispatches linked to the conversation', 'requestedAt'),
  })
  dispatches(
    @Root() conversation: Conversation,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Dispatch>> {
    return paginate(info, ctx.accountId, DispatchConnection, ctx.loaders.conversationDispatches, conversation.id, args);
  }
}
