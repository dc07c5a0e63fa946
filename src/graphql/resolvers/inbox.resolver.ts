import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Agent, Conversation, Dispatch, Inbox } from '../../entities';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ConversationConnection, DispatchConnection, InboxConnection } from '../types/connections';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { DispatchConnectionArgs, dispatchFilter } from '../types/dispatch-filter.input';
import { listDescription } from '../support/list-description';
import { findByIdWithPage } from '../support/lookup-with-page';
import { paginate } from '../support/paginate';

@Resolver(() => Inbox)
export class InboxResolver {
  @Query(() => Inbox, { description: 'One inbox of the account; NOT_FOUND when the account has no inbox with this id.' })
  inbox(
    @Arg('id', () => ID, { description: 'Identifier of the inbox.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Inbox> {
    // `inbox { conversations }` reads the inbox with the page (NOT_FOUND all the same).
    return findByIdWithPage(ctx.loaders.inboxById, Inbox, id, 'Inbox', info, ctx.accountId, {
      field: 'conversations',
      loader: ctx.loaders.inboxConversations,
      filter: (args: ConversationConnectionArgs) => conversationFilter(args.filter),
    });
  }

  @Query(() => InboxConnection, { description: listDescription('Inboxes of the account', 'createdAt') })
  inboxes(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Inbox>> {
    return paginate(info, ctx.accountId, InboxConnection, ctx.loaders.accountInboxes, ctx.accountId, args);
  }

  @FieldResolver(() => ConversationConnection, {
    description: listDescription('Conversations that came in through this inbox', 'createdAt'),
  })
  conversations(
    @Root() inbox: Inbox,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.inboxConversations,
      inbox.id,
      args,
      conversationFilter(args.filter),
    );
  }

  @FieldResolver(() => [Agent], { description: 'Agents who are members of the inbox (may receive its conversations), by name.' })
  members(@Root() inbox: Inbox, @Ctx() ctx: RequestContext): Promise<Agent[]> {
    return ctx.loaders.inboxMembers.load(inbox.id);
  }

  @FieldResolver(() => DispatchConnection, { description: listDescription('Template dispatches sent through this inbox', 'requestedAt') })
  dispatches(
    @Root() inbox: Inbox,
    @Args(() => DispatchConnectionArgs) args: DispatchConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Dispatch>> {
    return paginate(info, ctx.accountId, DispatchConnection, ctx.loaders.inboxDispatches, inbox.id, args, dispatchFilter(args.filter));
  }
}
