import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Account, Agent, AgentPresence, Contact, Conversation, Dispatch, Inbox, Message, Tag, Team, Topic } from '../../entities';
import { AgentConnectionArgs, agentFilter } from '../types/agent-filter.input';
import { AgentPresenceConnectionArgs, agentPresenceFilter } from '../types/agent-presence-filter.input';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import {
  AgentConnection,
  AgentPresenceConnection,
  ContactConnection,
  ConversationConnection,
  DispatchConnection,
  InboxConnection,
  MessageConnection,
  TagConnection,
  TeamConnection,
  TopicConnection,
} from '../types/connections';
import { ContactConnectionArgs, contactFilter } from '../types/contact-filter.input';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { DispatchConnectionArgs, dispatchFilter } from '../types/dispatch-filter.input';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { paginate } from '../support/paginate';

/** The same lists as the root list queries, reached from the account. */
@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { description: 'The account the API key belongs to.' })
  account(@Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Account> {
    return findById(ctx.loaders.accountById, ctx.accountId, 'Account', info);
  }

  @FieldResolver(() => InboxConnection, { description: listDescription('Inboxes of the account', 'createdAt') })
  inboxes(
    @Root() account: Account,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Inbox>> {
    return paginate(info, ctx.accountId, InboxConnection, ctx.loaders.accountInboxes, account.id, args);
  }

  @FieldResolver(() => ConversationConnection, { description: listDescription('Conversations of the account', 'createdAt') })
  conversations(
    @Root() account: Account,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.accountConversations,
      account.id,
      args,
      conversationFilter(args.filter),
    );
  }

  @FieldResolver(() => MessageConnection, {
    description: listDescription('Messages of the account (private notes only on request)', 'createdAt'),
  })
  messages(
    @Root() account: Account,
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(info, ctx.accountId, MessageConnection, ctx.loaders.accountMessages, account.id, args, messageFilter(args.filter));
  }

  @FieldResolver(() => AgentConnection, { description: listDescription('Agents of the account, human and virtual', 'createdAt') })
  agents(
    @Root() account: Account,
    @Args(() => AgentConnectionArgs) args: AgentConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Agent>> {
    return paginate(info, ctx.accountId, AgentConnection, ctx.loaders.accountAgents, account.id, args, agentFilter(args.filter));
  }

  @FieldResolver(() => TeamConnection, { description: listDescription('Teams of the account', 'createdAt') })
  teams(
    @Root() account: Account,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Team>> {
    return paginate(info, ctx.accountId, TeamConnection, ctx.loaders.accountTeams, account.id, args);
  }

  @FieldResolver(() => TopicConnection, { description: listDescription('Topics of the account, retired ones included', 'createdAt') })
  topics(
    @Root() account: Account,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Topic>> {
    return paginate(info, ctx.accountId, TopicConnection, ctx.loaders.accountTopics, account.id, args);
  }

  @FieldResolver(() => TagConnection, { description: listDescription('Tags of the account, retired ones included', 'createdAt') })
  tags(
    @Root() account: Account,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Tag>> {
    return paginate(info, ctx.accountId, TagConnection, ctx.loaders.accountTags, account.id, args);
  }

  @FieldResolver(() => ContactConnection, { description: listDescription('Contact profiles of the account', 'createdAt') })
  contacts(
    @Root() account: Account,
    @Args(() => ContactConnectionArgs) args: ContactConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Contact>> {
    return paginate(info, ctx.accountId, ContactConnection, ctx.loaders.accountContacts, account.id, args, contactFilter(args.filter));
  }

  @FieldResolver(() => DispatchConnection, { description: listDescription('Template dispatches of the account', 'requestedAt') })
  dispatches(
    @Root() account: Account,
    @Args(() => DispatchConnectionArgs) args: DispatchConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Dispatch>> {
    return paginate(info, ctx.accountId, DispatchConnection, ctx.loaders.accountDispatches, account.id, args, dispatchFilter(args.filter));
  }

  @FieldResolver(() => AgentPresenceConnection, {
    description: listDescription('Presence intervals of all agents of the account', 'startedAt'),
  })
  agentPresences(
    @Root() account: Account,
    @Args(() => AgentPresenceConnectionArgs) args: AgentPresenceConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<AgentPresence>> {
    return paginate(
      info,
      ctx.accountId,
      AgentPresenceConnection,
      ctx.loaders.accountAgentPresences,
      account.id,
      args,
      agentPresenceFilter(args.filter),
    );
  }
}
