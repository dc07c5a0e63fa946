import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Conversation, Topic } from '../../entities';
import { ConnectionArgs } from '../types/connection.args';
import { Connection } from '../types/connection.type';
import { ConversationConnection, TopicConnection } from '../types/connections';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { paginate } from '../support/paginate';

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => Topic, { description: 'One topic of the account; NOT_FOUND when the account has no topic with this id.' })
  topic(
    @Arg('id', () => ID, { description: 'Identifier of the topic.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Topic> {
    return findById(ctx.loaders.topicById, id, 'Topic', info);
  }

  @Query(() => TopicConnection, { description: listDescription('Topics of the account, retired ones included', 'createdAt') })
  topics(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Topic>> {
    return paginate(info, ctx.accountId, TopicConnection, ctx.loaders.accountTopics, ctx.accountId, args);
  }

  @FieldResolver(() => ConversationConnection, { description: listDescription('Conversations the topic is applied to now', 'createdAt') })
  conversations(
    @Root() topic: Topic,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.topicConversations,
      topic.id,
      args,
      conversationFilter(args.filter),
    );
  }
}
