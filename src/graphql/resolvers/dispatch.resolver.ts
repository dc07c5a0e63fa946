import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Contact, Conversation, Dispatch, Inbox } from '../../entities';
import { Connection } from '../types/connection.type';
import { DispatchConnection } from '../types/connections';
import { DispatchConnectionArgs, dispatchFilter } from '../types/dispatch-filter.input';
import { listDescription } from '../support/list-description';
import { loadIfSet } from '../support/lookup';
import { paginate } from '../support/paginate';

@Resolver(() => Dispatch)
export class DispatchResolver {
  @Query(() => DispatchConnection, { description: listDescription('Template dispatches of the account', 'requestedAt') })
  dispatches(
    @Args(() => DispatchConnectionArgs) args: DispatchConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Dispatch>> {
    return paginate(
      info,
      ctx.accountId,
      DispatchConnection,
      ctx.loaders.accountDispatches,
      ctx.accountId,
      args,
      dispatchFilter(args.filter),
    );
  }

  @FieldResolver(() => Inbox, { description: 'The inbox the dispatch was sent through.' })
  inbox(@Root() dispatch: Dispatch, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Inbox | null> {
    return ctx.loaders.inboxById.load(dispatch.inboxId, selectedFields(info));
  }

  @FieldResolver(() => Contact, { description: 'The contact the dispatch was sent to.' })
  contact(@Root() dispatch: Dispatch, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Contact | null> {
    return ctx.loaders.contactById.load(dispatch.contactId, selectedFields(info));
  }

  @FieldResolver(() => Conversation, {
    nullable: true,
    description: 'The conversation the dispatch opened; null when none was opened (e.g. it failed).',
  })
  conversation(
    @Root() dispatch: Dispatch,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Conversation | null> | null {
    return loadIfSet(ctx.loaders.conversationById, dispatch.conversationId, info);
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'The agent who requested the dispatch; null when an automation or the API did.',
  })
  requestedBy(@Root() dispatch: Dispatch, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, dispatch.requestedByAgentId, info);
  }
}
