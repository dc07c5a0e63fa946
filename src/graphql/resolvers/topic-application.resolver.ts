import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Conversation, ConversationTopic, Topic } from '../../entities';
import { loadIfSet } from '../support/lookup';

@Resolver(() => ConversationTopic)
export class TopicApplicationResolver {
  @FieldResolver(() => Topic, { description: 'The topic that was applied.' })
  topic(@Root() application: ConversationTopic, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Topic | null> {
    return ctx.loaders.topicById.load(application.topicId, selectedFields(info));
  }

  @FieldResolver(() => Conversation, { description: 'The conversation it was applied to.' })
  conversation(
    @Root() application: ConversationTopic,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Conversation | null> {
    return ctx.loaders.conversationById.load(application.conversationId, selectedFields(info));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who applied it; null when an automation did.' })
  appliedBy(
    @Root() application: ConversationTopic,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, application.appliedByAgentId, info);
  }
}
