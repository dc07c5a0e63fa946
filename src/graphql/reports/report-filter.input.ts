import { Field, ID, InputType } from 'type-graphql';
import { ChannelType } from '../../entities/enums/inbox.enums';
import { RangeEnd, ReportFilter } from '../../reports/filter';
import { DateTimeInZoneScalar } from './date-time-in-zone.scalar';

@InputType('ReportFilter', {
  description:
    'What a report covers: a date range in a time zone and, where the report has them, channels, teams and agents. ' +
    'The same input drives the report query fields and CSV exports.',
})
export class ReportFilterInput implements ReportFilter {
  @Field(() => DateTimeInZoneScalar, { description: 'Start of the range, inclusive. Without an offset it is read in `timeZone`.' })
  from!: RangeEnd;

  @Field(() => DateTimeInZoneScalar, {
    description:
      'End of the range, exclusive (so `to: "2026-11-02"` includes all of 1 November). Without an offset it is read in `timeZone`.',
  })
  to!: RangeEnd;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone (e.g. `America/Sao_Paulo`) that dates and hours are bucketed in and offset-less range ends are read in. Default: the account time zone.',
  })
  timeZone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only these inboxes (channels). Unknown ids are rejected. Default: all.' })
  inboxIds?: string[] | null;

  @Field(() => [ChannelType], { nullable: true, description: 'Only inboxes of these channel types. Default: all.' })
  channelTypes?: ChannelType[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only activity of these teams; accepted by reports that attribute rows to teams. Unknown ids are rejected.',
  })
  teamIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only activity of these agents; accepted by reports that attribute rows to agents. Unknown ids are rejected.',
  })
  agentIds?: string[] | null;
}
