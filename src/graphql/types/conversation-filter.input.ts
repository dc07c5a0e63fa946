import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConversationStatus } from '../../entities/enums/conversation.enums';
import { ConnectionArgs } from './connection.args';
import { parseIds } from '../../ids';
import { ListFilter, NO_FILTER, anyOf, listFilter, timeRange } from '../support/list-filter';

@InputType('ConversationFilter', {
  description: 'Criteria a conversation must all meet. Omitted criteria do not filter; an empty list matches nothing.',
})
export class ConversationFilter {
  @Field(() => [ConversationStatus], { nullable: true, description: 'Current status is one of these.' })
  statuses?: ConversationStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'In one of these inboxes.' })
  inboxIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Routed to one of these teams.' })
  teamIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Assigned to one of these agents.' })
  assigneeIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'With one of these contacts.' })
  contactIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after this instant.' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before this instant (exclusive); must be later than `createdFrom`.' })
  createdTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last resolved at or after this instant (unresolved conversations never match).' })
  resolvedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last resolved before this instant (exclusive); must be later than `resolvedFrom`.' })
  resolvedTo?: Date | null;
}

@ArgsType()
export class ConversationConnectionArgs extends ConnectionArgs {
  @Field(() => ConversationFilter, { nullable: true, description: 'Only conversations meeting these criteria.' })
  filter?: ConversationFilter | null;
}

export function conversationFilter(filter: ConversationFilter | null | undefined): ListFilter {
  if (!filter) return NO_FILTER;
  return listFilter(filter, [
    ...anyOf('t.status', filter.statuses, 'text'),
    ...anyOf('t.inbox_id', filter.inboxIds && parseIds(filter.inboxIds, 'filter.inboxIds'), 'bigint'),
    ...anyOf('t.team_id', filter.teamIds && parseIds(filter.teamIds, 'filter.teamIds'), 'bigint'),
    ...anyOf('t.assignee_id', filter.assigneeIds && parseIds(filter.assigneeIds, 'filter.assigneeIds'), 'bigint'),
    ...anyOf('t.contact_id', filter.contactIds && parseIds(filter.contactIds, 'filter.contactIds'), 'bigint'),
    ...timeRange('t.created_at', filter.createdFrom, filter.createdTo, ['filter.createdFrom', 'filter.createdTo']),
    ...timeRange('t.resolved_at', filter.resolvedFrom, filter.resolvedTo, ['filter.resolvedFrom', 'filter.resolvedTo']),
  ]);
}
