import { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Message, MessageTag, Tag } from '../../entities';
import { loadIfSet } from '../support/lookup';

@Resolver(() => MessageTag)
export class TagApplicationResolver {
  @FieldResolver(() => Tag, { description: 'The tag that was applied.' })
  tag(@Root() application: MessageTag, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Tag | null> {
    return ctx.loaders.tagById.load(application.tagId, selectedFields(info));
  }

  @FieldResolver(() => Message, { description: 'The message it was applied to.' })
  message(@Root() application: MessageTag, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Message | null> {
    return ctx.loaders.messageById.load(application.messageId, selectedFields(info));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent who applied it; null when an automation did.' })
  appliedBy(@Root() application: MessageTag, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Agent | null> | null {
    return loadIfSet(ctx.loaders.agentById, application.appliedByAgentId, info);
  }
}
