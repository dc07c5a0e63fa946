import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { selectedFields } from '../support/selected-fields';
import { Agent, Contact, Conversation, Message, MessageTag, Tag, Team } from '../../entities';
import { Connection } from '../types/connection.type';
import { MessageConnection } from '../types/connections';
import { listDescription } from '../support/list-description';
import { findById, joinedOr, loadIfSet } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { MessageSender } from '../types/message-sender.union';
import { paginate } from '../support/paginate';

@Resolver(() => Message)
export class MessageResolver {
  @Query(() => Message, {
    description: 'One message of the account (private notes too); NOT_FOUND when the account has no message with this id.',
  })
  message(
    @Arg('id', () => ID, { description: 'Identifier of the message.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Message> {
    return findById(ctx.loaders.messageById, id, 'Message', info);
  }

  @Query(() => MessageConnection, { description: listDescription('Messages of the account (private notes only on request)', 'createdAt') })
  messages(
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(info, ctx.accountId, MessageConnection, ctx.loaders.accountMessages, ctx.accountId, args, messageFilter(args.filter));
  }

  @FieldResolver(() => Conversation, { description: 'The conversation the message belongs to.' })
  conversation(
    @Root() message: Message,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Conversation | null> | Conversation | null {
    return joinedOr(message, 'conversation', () => ctx.loaders.conversationById.load(message.conversationId, selectedFields(info)));
  }

  @FieldResolver(() => MessageSender, {
    nullable: true,
    description:
      'Who wrote the message: the Agent (human or virtual) or the Contact; null for system messages, automations and auto-responders.',
  })
  sender(
    @Root() message: Message,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent | Contact | null> | Agent | Contact | null {
    const agentId = message.senderAgentId;
    if (agentId !== null) return joinedOr(message, 'senderAgent', () => ctx.loaders.agentById.load(agentId, selectedFields(info)));
    return joinedOr(message, 'senderContact', () => loadIfSet(ctx.loaders.contactById, message.senderContactId, info));
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the sending agent sent the message for; null when none.' })
  team(@Root() message: Message, @Info() info: GraphQLResolveInfo, @Ctx() ctx: RequestContext): Promise<Team | null> | Team | null {
    return joinedOr(message, 'team', () => loadIfSet(ctx.loaders.teamById, message.teamId, info));
  }

  @FieldResolver(() => [Tag], { description: 'Tags applied to the message now (removed ones left out), by name.' })
  tags(@Root() message: Message, @Ctx() ctx: RequestContext): Promise<Tag[]> {
    return ctx.loaders.messageTags.load(message.id);
  }

  @FieldResolver(() => [MessageTag], { description: 'Every time a tag was applied to the message, removed ones included, oldest first.' })
  tagApplications(@Root() message: Message, @Ctx() ctx: RequestContext): Promise<MessageTag[]> {
    return ctx.loaders.messageTagApplications.load(message.id);
  }
}
