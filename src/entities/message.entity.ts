import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DeliveryStatus, MessageDirection, MessageOrigin, MessageType, OutboundType, SystemUserType } from './enums/message.enums';

@ObjectType('Message', { description: 'One message of a conversation: from the contact, from an agent or bot, or a system activity line.' })
@Entity('messages')
export class Message {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the message.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the message (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the message came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'conversation_id', type: 'bigint' })
  conversationId!: string;

  @Field(() => MessageDirection, { description: 'INCOMING (from the contact) or OUTGOING (to the contact).' })
  @Column({ type: 'text' })
  direction!: MessageDirection;

  @Field(() => MessageType, { description: 'Content kind: TEXT, IMAGE, AUDIO, VIDEO, FILE, LOCATION, TEMPLATE or ACTIVITY.' })
  @Column({ name: 'message_type', type: 'text' })
  messageType!: MessageType;

  @Field(() => MessageOrigin, {
    description: 'Where the message was sent from: CONTACT, AGENT, VIRTUAL_AGENT, AUTO_RESPONDER, AUTOMATION, API or SYSTEM.',
  })
  @Column({ type: 'text' })
  origin!: MessageOrigin;

  @Field(() => OutboundType, {
    nullable: true,
    description: 'For outgoing messages: REPLY, PROACTIVE, TEMPLATE or AUTO_REPLY; null for incoming ones.',
  })
  @Column({ name: 'outbound_type', type: 'text', nullable: true })
  outboundType!: OutboundType | null;

  @Field(() => SystemUserType, {
    nullable: true,
    description: 'For messages not written by a person: VIRTUAL_AGENT, AUTO_RESPONDER, AUTOMATION or SYSTEM; null otherwise.',
  })
  @Column({ name: 'system_user_type', type: 'text', nullable: true })
  systemUserType!: SystemUserType | null;

  @Field(() => Boolean, { description: 'True for a private note between agents, never shown to the contact.' })
  @Column({ type: 'boolean' })
  private!: boolean;

  @Field(() => String, { nullable: true, description: 'Text of the message (caption for attachments); null when there is none.' })
  @Column({ type: 'text', nullable: true })
  content!: string | null;

  @Column({ name: 'sender_agent_id', type: 'bigint', nullable: true })
  senderAgentId!: string | null;

  @Column({ name: 'sender_contact_id', type: 'bigint', nullable: true })
  senderContactId!: string | null;

  @Column({ name: 'team_id', type: 'bigint', nullable: true })
  teamId!: string | null;

  @Field(() => String, { nullable: true, description: 'URL of the original post or message on the social network, when it has one.' })
  @Column({ name: 'post_url', type: 'text', nullable: true })
  postUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the template used, for TEMPLATE messages; null otherwise.' })
  @Column({ name: 'template_name', type: 'text', nullable: true })
  templateName!: string | null;

  @Field(() => Date, { description: 'When the message was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the message was last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the message was deleted; null while it exists. Deleted messages are still listed.',
  })
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Field(() => DeliveryStatus, {
    nullable: true,
    description: 'Latest delivery state of an outgoing message: SENT, DELIVERED, READ or FAILED; null when the platform reports none.',
  })
  @Column({ name: 'delivery_status', type: 'text', nullable: true })
  deliveryStatus!: DeliveryStatus | null;

  @Field(() => Date, { nullable: true, description: 'When the platform accepted the outgoing message; null if it did not (yet).' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the message reached the contact’s device; null if not (yet) reported.' })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the contact read the message; null if not (yet) reported.' })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When delivery failed; null unless it failed.' })
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
