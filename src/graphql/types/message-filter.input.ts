import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { MessageDirection, MessageType } from '../../entities/enums/message.enums';
import { ConnectionArgs } from './connection.args';
import { parseIds } from '../../ids';
import { ListFilter, anyOf, equals, listFilter, timeRange } from '../support/list-filter';

@InputType('MessageFilter', {
  description: 'Criteria a message must all meet. Omitted criteria do not filter; an empty list matches nothing.',
})
export class MessageFilter {
  @Field(() => [ID], { nullable: true, description: 'In one of these conversations.' })
  conversationIds?: string[] | null;

  @Field(() => MessageDirection, { nullable: true, description: 'Only INCOMING or only OUTGOING messages.' })
  direction?: MessageDirection | null;

  @Field(() => [MessageType], { nullable: true, description: 'Content kind is one of these.' })
  messageTypes?: MessageType[] | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after this instant.' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before this instant (exclusive); must be later than `createdFrom`.' })
  createdTo?: Date | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also list private notes between agents (left out by default).' })
  includePrivate!: boolean;
}

@ArgsType()
export class MessageConnectionArgs extends ConnectionArgs {
  @Field(() => MessageFilter, {
    nullable: true,
    description: 'Only messages meeting these criteria. Without it, private notes are left out.',
  })
  filter?: MessageFilter | null;
}

// Private notes stay out unless asked for, with or without a filter.
export function messageFilter(filter: MessageFilter | null | undefined): ListFilter {
  const input: Partial<MessageFilter> = filter ?? {};
  return listFilter(input, [
    ...anyOf('t.conversation_id', input.conversationIds && parseIds(input.conversationIds, 'filter.conversationIds'), 'bigint'),
    ...equals('t.direction', input.direction),
    ...anyOf('t.message_type', input.messageTypes, 'text'),
    ...timeRange('t.created_at', input.createdFrom, input.createdTo, ['filter.createdFrom', 'filter.createdTo']),
    ...(input.includePrivate ? [] : equals('t.private', false)),
  ]);
}
