import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ExportStatus } from '../../exports/export.enums';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../types/connection.args';

@ArgsType()
export class ExportJobsArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size: 1 to ${MAX_PAGE_SIZE} exports.` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Start after this cursor (an `endCursor` of an earlier page); omit for the first page.',
  })
  after?: string | null;

  @Field(() => ExportStatus, { nullable: true, description: 'Only exports in this status. Default: all.' })
  status?: ExportStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only the exports this schedule made (its runs). Default: all.' })
  scheduleId?: string | null;
}
