import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ConversationStatus, CsatStatus, ResolveTrigger, ResolvedBy } from './enums/conversation.enums';

@ObjectType('Conversation', {
  description:
    'A conversation between a contact and the account in one inbox, from its first message until it is resolved (and through any reopening).',
})
@Entity('conversations')
export class Conversation {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the conversation (internal code).' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the conversation (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the conversation came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => Int, { description: 'Number of the conversation as shown to agents; unique within the account.' })
  @Column({ name: 'display_id', type: 'integer' })
  displayId!: number;

  @Column({ name: 'inbox_id', type: 'bigint' })
  inboxId!: string;

  @Column({ name: 'contact_id', type: 'bigint' })
  contactId!: string;

  @Field(() => ConversationStatus, { description: 'Current status: NEW, OPEN, PENDING or RESOLVED.' })
  @Column({ type: 'text' })
  status!: ConversationStatus;

  @Field(() => Date, { description: 'When the conversation was created (its first message or dispatch).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the conversation last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the conversation was resolved for the first time; null if it never was.' })
  @Column({ name: 'first_resolved_at', type: 'timestamptz', nullable: true })
  firstResolvedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the conversation was most recently resolved; null if it never was.' })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Field(() => ResolvedBy, {
    nullable: true,
    description: 'Who resolved it the last time: AGENT, VIRTUAL_AGENT, BULK or SYSTEM; null if never resolved.',
  })
  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: ResolvedBy | null;

  @Field(() => ResolveTrigger, {
    nullable: true,
    description: 'What triggered the last resolution: HUMAN_AGENT, VIRTUAL_AGENT, AUTOMATION or AUTO_RESOLVE; null if never resolved.',
  })
  @Column({ name: 'resolve_trigger', type: 'text', nullable: true })
  resolveTrigger!: ResolveTrigger | null;

  @Column({ name: 'resolved_by_agent_id', type: 'bigint', nullable: true })
  resolvedByAgentId!: string | null;

  @Field(() => String, { nullable: true, description: 'Reason chosen when the conversation was last resolved, if any.' })
  @Column({ name: 'resolve_reason', type: 'text', nullable: true })
  resolveReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Free-text comment left when the conversation was last resolved, if any.' })
  @Column({ name: 'resolve_comment', type: 'text', nullable: true })
  resolveComment!: string | null;

  @Column({ name: 'last_status_change_agent_id', type: 'bigint', nullable: true })
  lastStatusChangeAgentId!: string | null;

  @Column({ name: 'last_status_change_team_id', type: 'bigint', nullable: true })
  lastStatusChangeTeamId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Language detected or set for the conversation (BCP 47 tag, e.g. `pt-BR`), if known.',
  })
  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Field(() => String, { nullable: true, description: 'Link that opens the conversation in the agent application.' })
  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ name: 'assignee_id', type: 'bigint', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'team_id', type: 'bigint', nullable: true })
  teamId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Customer-satisfaction score the contact gave, 1 (worst) to 5 (best); null if not answered.',
  })
  @Column({ name: 'csat_score', type: 'smallint', nullable: true })
  csatScore!: number | null;

  @Field(() => CsatStatus, {
    nullable: true,
    description: 'State of the satisfaction survey: SENT, COMPLETED or EXPIRED; null if none was sent.',
  })
  @Column({ name: 'csat_status', type: 'text', nullable: true })
  csatStatus!: CsatStatus | null;

  @Field(() => String, { nullable: true, description: 'Follow-up question asked after the satisfaction score, if any.' })
  @Column({ name: 'csat_follow_up_question', type: 'text', nullable: true })
  csatFollowUpQuestion!: string | null;

  @Field(() => String, { nullable: true, description: 'The contact’s answer to the follow-up question, if any.' })
  @Column({ name: 'csat_follow_up_answer', type: 'text', nullable: true })
  csatFollowUpAnswer!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the contact answered the satisfaction survey; null if not answered.' })
  @Column({ name: 'csat_responded_at', type: 'timestamptz', nullable: true })
  csatRespondedAt!: Date | null;
}
