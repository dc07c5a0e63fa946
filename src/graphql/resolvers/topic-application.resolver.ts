import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Agent, Conversation, ConversationTopic, Topic } from '../../entities';
import { loadIfSet } from '../support/lookup';

@Resolver(() => ConversationTopic)
export class TopicApplicationResolver {
  @FieldResolver(() => Topic, { description: 'The topic that was applied.' })
  topic(@Root() application: ConversationTopic, @Ctx() ctx: RequestContext): Promise<Topic | null> {
    return ctx.loaders.topicById.load(application.topicId);
  }

  @FieldResolver(() => Conversation, { description: 'The conversation it was applied to.' })
  conversation(@Root() application: ConversationTopic, @Ctx() ctx: RequestContext): Promise<Conversation | null> {
    return ctx.loaders.conversationById.load(application.conversationId);
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who applied it; null when an automation did.' })
  appliedBy(@Root() application: ConversationTopic, @Ctx() ctx: RequestContext): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, application.appliedByAgentId);
  }
}
