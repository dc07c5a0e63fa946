import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../context';
import { Contact, ContactAttribute, Conversation, Dispatch, Message } from '../../entities';
import { Connection } from '../types/connection.type';
import { ContactConnection, ConversationConnection, DispatchConnection, MessageConnection } from '../types/connections';
import { ContactConnectionArgs, contactFilter } from '../types/contact-filter.input';
import { ConversationConnectionArgs, conversationFilter } from '../types/conversation-filter.input';
import { DispatchConnectionArgs, dispatchFilter } from '../types/dispatch-filter.input';
import { listDescription } from '../support/list-description';
import { findById } from '../support/lookup';
import { MessageConnectionArgs, messageFilter } from '../types/message-filter.input';
import { paginate } from '../support/paginate';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { description: 'One contact profile of the account; NOT_FOUND when the account has no contact with this id.' })
  contact(
    @Arg('id', () => ID, { description: 'Identifier of the contact profile.' }) id: string,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Contact> {
    return findById(ctx.loaders.contactById, id, 'Contact', info);
  }

  @Query(() => ContactConnection, { description: listDescription('Contact profiles of the account', 'createdAt') })
  contacts(
    @Args(() => ContactConnectionArgs) args: ContactConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Contact>> {
    return paginate(info, ctx.accountId, ContactConnection, ctx.loaders.accountContacts, ctx.accountId, args, contactFilter(args.filter));
  }

  @FieldResolver(() => ConversationConnection, { description: listDescription('Conversations with the contact', 'createdAt') })
  conversations(
    @Root() contact: Contact,
    @Args(() => ConversationConnectionArgs) args: ConversationConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Conversation>> {
    return paginate(
      info,
      ctx.accountId,
      ConversationConnection,
      ctx.loaders.contactConversations,
      contact.id,
      args,
      conversationFilter(args.filter),
    );
  }

  @FieldResolver(() => MessageConnection, {
    description: listDescription('Messages the contact wrote (not the replies sent to them)', 'createdAt'),
  })
  messages(
    @Root() contact: Contact,
    @Args(() => MessageConnectionArgs) args: MessageConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Message>> {
    return paginate(info, ctx.accountId, MessageConnection, ctx.loaders.contactMessages, contact.id, args, messageFilter(args.filter));
  }

  @FieldResolver(() => [ContactAttribute], { description: 'Attributes stored on the contact, by name.' })
  attributes(@Root() contact: Contact, @Ctx() ctx: RequestContext): Promise<ContactAttribute[]> {
    return ctx.loaders.contactAttributes.load(contact.id);
  }

  @FieldResolver(() => DispatchConnection, { description: listDescription('Template dispatches sent to the contact', 'requestedAt') })
  dispatches(
    @Root() contact: Contact,
    @Args(() => DispatchConnectionArgs) args: DispatchConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Dispatch>> {
    return paginate(info, ctx.accountId, DispatchConnection, ctx.loaders.contactDispatches, contact.id, args, dispatchFilter(args.filter));
  }
}
