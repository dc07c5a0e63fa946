import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Conversation, ConversationEvent, Team } from '../../entities';
import { loadIfSet } from '../support/lookup';

@Resolver(() => ConversationEvent)
export class ConversationEventResolver {
  @FieldResolver(() => Conversation, { description: 'The conversation the event happened to.' })
  conversation(
    @Root() event: ConversationEvent,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Conversation | null> {
    return ctx.loaders.conversationById.load(event.conversationId, selectedFields(info));
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description:
      'The agent who acted (changed the status, assigned, held the lock, or the virtual agent that handed over); null for system events.',
  })
  agent(@Root() event: ConversationEvent, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, event.agentId, info);
  }

  @FieldResolver(() => Team, {
    nullable: true,
    description: 'The team involved: the acting agent’s team, or the team assigned; null when none.',
  })
  team(@Root() event: ConversationEvent, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Team | null> | null {
    return loadIfSet(ctx.loaders.teamById, event.teamId, info);
  }

  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'For ASSIGNED events, the agent the conversation was assigned to; null otherwise.',
  })
  assignee(@Root() event: ConversationEvent, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, event.assigneeId, info);
  }
}
