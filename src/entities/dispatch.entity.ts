import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('Dispatch', {
  description:
    'An outbound template message (e.g. a WhatsApp template) the account sent to a contact to start a conversation, with its delivery timeline.',
})
@Entity('dispatches')
export class Dispatch {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the dispatch.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the dispatch (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the dispatch came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'inbox_id', type: 'bigint' })
  inboxId!: string;

  @Column({ name: 'conversation_id', type: 'bigint', nullable: true })
  conversationId!: string | null;

  @Column({ name: 'contact_id', type: 'bigint' })
  contactId!: string;

  @Column({ name: 'requested_by_agent_id', type: 'bigint', nullable: true })
  requestedByAgentId!: string | null;

  @Field(() => String, { description: 'Name of the template (shortcut) that was sent.' })
  @Column({ name: 'template_name', type: 'text' })
  templateName!: string;

  @Field(() => String, { description: 'Text of the message that was sent.' })
  @Column({ type: 'text' })
  content!: string;

  @Field(() => String, { description: 'Phone number the dispatch was sent to (E.164).' })
  @Column({ name: 'recipient_number', type: 'text' })
  recipientNumber!: string;

  @Field(() => Date, { description: 'When the send was requested.' })
  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the provider accepted the message; null if it did not.' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the message reached the contact; null if not reported.' })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the contact read the message; null if not reported.' })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When sending failed; null unless it failed (a sent message can still fail later).' })
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why sending failed, as the provider reported it; null unless it failed.' })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;
}
