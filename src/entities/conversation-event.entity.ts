import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ConversationEventKind, ConversationStatus } from './enums/conversation.enums';

@ObjectType('ConversationEvent', {
  description:
    'One step of a conversation’s history (status change, reopening, assignment, lock, handover); the metrics of the reports are derived from these.',
})
@Entity('conversation_events')
export class ConversationEvent {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the event.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'conversation_id', type: 'bigint' })
  conversationId!: string;

  @Field(() => ConversationEventKind, {
    description: 'What happened: STATUS_CHANGED, REOPENED, ASSIGNED, LOCKED, UNLOCKED or HANDED_OVER.',
  })
  @Column({ type: 'text' })
  kind!: ConversationEventKind;

  @Field(() => Date, { description: 'When it happened.' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'agent_id', type: 'bigint', nullable: true })
  agentId!: string | null;

  @Column({ name: 'team_id', type: 'bigint', nullable: true })
  teamId!: string | null;

  @Field(() => ConversationStatus, {
    nullable: true,
    description: 'Status before the change (STATUS_CHANGED and REOPENED events); null otherwise.',
  })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ConversationStatus | null;

  @Field(() => ConversationStatus, {
    nullable: true,
    description: 'Status after the change (STATUS_CHANGED and REOPENED events); null otherwise.',
  })
  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: ConversationStatus | null;

  @Column({ name: 'assignee_id', type: 'bigint', nullable: true })
  assigneeId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why a virtual agent handed the conversation over (HANDED_OVER events); null otherwise.',
  })
  @Column({ name: 'handover_reason', type: 'text', nullable: true })
  handoverReason!: string | null;

  @Field(() => Boolean, {
    description: 'True when a handover happened because the virtual agent hit an error; always false for other kinds.',
  })
  @Column({ name: 'handover_due_to_error', type: 'boolean' })
  handoverDueToError!: boolean;
}
