import { Field, ID, ObjectType } from 'type-graphql';
import { ChannelType } from '../../entities/enums/inbox.enums';
import { StoredFilter } from '../../reports/stored-filter';

@ObjectType('ExportFilter', {
  description: 'The filter an export ran with, as resolved when it was requested: instants instead of local dates, and the snapshot time.',
})
export class ExportFilterObject {
  constructor(private readonly filter: StoredFilter) {}

  @Field(() => Date, { description: 'Start of the range (inclusive).' })
  get from(): Date {
    return new Date(this.filter.from);
  }

  @Field(() => Date, { description: 'End of the range (exclusive).' })
  get to(): Date {
    return new Date(this.filter.to);
  }

  @Field(() => String, { description: 'IANA time zone the rows were bucketed and the CSV instants written in.' })
  get timeZone(): string {
    return this.filter.timeZone;
  }

  @Field(() => Date, {
    description: 'The moment the export reads the data as of (when it was requested): a retry of the same export produces the same file.',
  })
  get asOf(): Date {
    return new Date(this.filter.asOf);
  }

  @Field(() => [ID], { nullable: true, description: 'Only these inboxes; null = all.' })
  get inboxIds(): string[] | null {
    return this.filter.inboxIds;
  }

  @Field(() => [ChannelType], { nullable: true, description: 'Only inboxes of these channel types; null = all.' })
  get channelTypes(): string[] | null {
    return this.filter.channelTypes;
  }

  @Field(() => [ID], { nullable: true, description: 'Only activity of these teams; null = all.' })
  get teamIds(): string[] | null {
    return this.filter.teamIds;
  }

  @Field(() => [ID], { nullable: true, description: 'Only activity of these agents; null = all.' })
  get agentIds(): string[] | null {
    return this.filter.agentIds;
  }
}
