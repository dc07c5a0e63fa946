import { ArgsType, Field, ID, Int } from 'type-graphql';
import { AuditAction } from '../../audit/audit.enums';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../types/connection.args';

@ArgsType()
export class AuditEventsArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size: 1 to ${MAX_PAGE_SIZE} events.` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Start after this cursor (an `endCursor` of an earlier page); omit for the first page.',
  })
  after?: string | null;

  @Field(() => AuditAction, { nullable: true, description: 'Only events of this action. Default: all.' })
  action?: AuditAction | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this export.' })
  exportId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this API key.' })
  keyId?: string | null;
}
