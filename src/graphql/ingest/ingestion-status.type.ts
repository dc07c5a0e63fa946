import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('IngestRejection', { description: 'An event refused by the events API or, later, by the applier.' })
export class IngestRejection {
  @Field(() => String, { description: 'The id space of the sender (`api` for the generic events API).' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The event id, when the event had a readable one.' })
  eventId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Position of the event in its batch (0-based); null for rejections by the applier.' })
  batchIndex!: number | null;

  @Field(() => String, {
    description:
      'Why: MALFORMED_JSON, INVALID_EVENT, UNKNOWN_EVENT_TYPE, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE, UNKNOWN_FIELD, TIMESTAMP_WITHOUT_OFFSET, UNRESOLVED_REFERENCE or DISPLAY_ID_TAKEN.',
  })
  code!: string;

  @Field(() => String, { description: 'JSON path of the fault inside the event, e.g. `$.data.status`.' })
  path!: string;

  @Field(() => String, { description: 'What was wrong, in words.' })
  message!: string;

  @Field(() => Date, { description: 'When the event was rejected.' })
  at!: Date;
}

@ObjectType('IngestionStatus', { description: 'How the account’s events are coming in and being applied.' })
export class IngestionStatus {
  @Field(() => Int, { description: 'Events stored in the log (duplicates and refused events excluded).' })
  received!: number;

  @Field(() => Int, { description: 'Events stored and not yet looked at by the applier.' })
  pending!: number;

  @Field(() => Int, {
    description: 'Events waiting for an entity they refer to; rejected with UNRESOLVED_REFERENCE after INGEST_WAIT_TIMEOUT_SECONDS.',
  })
  waiting!: number;

  @Field(() => Int, { description: 'Events applied to the tables the reports read.' })
  applied!: number;

  @Field(() => Int, { description: 'Events refused: at receipt (invalid) or by the applier (unresolved reference, taken display id).' })
  rejected!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Average seconds from receipt to applied, over events applied in the last hour; null when none.',
  })
  averageLagSeconds!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Longest seconds from receipt to applied, over events applied in the last hour; null when none.',
  })
  maxLagSeconds!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Age in seconds of the oldest event not applied yet (pending or waiting); null when none.',
  })
  oldestUnappliedSeconds!: number | null;

  @Field(() => [IngestRejection], { description: 'The latest rejections, newest first.' })
  latestRejections!: IngestRejection[];
}
