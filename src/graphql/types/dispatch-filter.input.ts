import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from './connection.args';
import { parseIds } from '../../ids';
import { ListFilter, NO_FILTER, anyOf, listFilter, timeRange } from '../support/list-filter';

@InputType('DispatchFilter', {
  description: 'Criteria a dispatch must all meet. Omitted criteria do not filter; an empty list matches nothing.',
})
export class DispatchFilter {
  @Field(() => [ID], { nullable: true, description: 'Sent through one of these inboxes.' })
  inboxIds?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Requested at or after this instant.' })
  requestedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Requested before this instant (exclusive); must be later than `requestedFrom`.' })
  requestedTo?: Date | null;
}

@ArgsType()
export class DispatchConnectionArgs extends ConnectionArgs {
  @Field(() => DispatchFilter, { nullable: true, description: 'Only dispatches meeting these criteria.' })
  filter?: DispatchFilter | null;
}

export function dispatchFilter(filter: DispatchFilter | null | undefined): ListFilter {
  if (!filter) return NO_FILTER;
  return listFilter(filter, [
    ...anyOf('t.inbox_id', filter.inboxIds && parseIds(filter.inboxIds, 'filter.inboxIds'), 'bigint'),
    ...timeRange('t.requested_at', filter.requestedFrom, filter.requestedTo, ['filter.requestedFrom', 'filter.requestedTo']),
  ]);
}
