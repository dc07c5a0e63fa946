import { ArgsType, Field, InputType } from 'type-graphql';
import { sql } from '../../loaders/support/sql';
import { badUserInput } from '../../errors';
import { ConnectionArgs } from './connection.args';
import { ListFilter, NO_FILTER, equals, listFilter } from '../support/list-filter';

const MAX_SEARCH_LENGTH = 100;

@InputType('ContactFilter', { description: 'Criteria a contact must all meet. Omitted criteria do not filter.' })
export class ContactFilter {
  @Field(() => String, { nullable: true, description: 'Profile is on this medium (e.g. `whatsapp`), compared exactly.' })
  medium?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive text contained in the name, e-mail, phone number or either identifier (at most ${MAX_SEARCH_LENGTH} characters; blank matches all).`,
  })
  search?: string | null;
}

@ArgsType()
export class ContactConnectionArgs extends ConnectionArgs {
  @Field(() => ContactFilter, { nullable: true, description: 'Only contacts meeting these criteria.' })
  filter?: ContactFilter | null;
}

export function contactFilter(filter: ContactFilter | null | undefined): ListFilter {
  if (!filter) return NO_FILTER;
  const search = filter.search?.trim();
  if (search && search.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(`\`filter.search\` must be at most ${MAX_SEARCH_LENGTH} characters.`, 'filter.search');
  }
  // The text is matched literally: LIKE wildcards typed by the user are escaped.
  const pattern = search ? `%${search.replace(/[\\%_]/g, '\\$&')}%` : null;
  return listFilter(filter, [
    ...equals('t.medium', filter.medium),
    ...(pattern
      ? [
          sql`(t.name ILIKE ${pattern} OR t.email ILIKE ${pattern} OR t.phone_number ILIKE ${pattern}
               OR t.primary_identifier ILIKE ${pattern} OR t.secondary_identifier ILIKE ${pattern})`,
        ]
      : []),
  ]);
}
