import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Message, Tag } from '../../entities';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { MessageConnection, TagConnection } from '../types/connections';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { paginate } from '../support/paginate';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => Tag, { description: 'One tag of the account; NOT_FOUND when the account has no tag with this id.' })
  tag(
    @Arg('id', () => ID, { description: 'Identifier of the tag.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Tag> {
    return findById(ctx.loaders.tagById, id, 'Tag', info);
  }

  @Query(() => TagConnection, { description: listDescription('Tags of the account, retired ones included', 'createdAt') })
  tags(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Tag>> {
    return paginate(info, ctx.accountId, TagConnection, ctx.loaders.accountTags, ctx.accountId, args);
  }

  @FieldResolver(() => MessageConnection, {
    description: listDescription('Messages the tag is applied to now (private notes only on request)', 'createdAt'),
  })
  messages(
    @Root() tag: Tag,
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(info, ctx.accountId, MessageConnection, ctx.loaders.tagMessages, tag.id, args, messageFilter(args.filter));
  }
}
