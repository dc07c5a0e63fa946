import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ChannelType } from './enums/inbox.enums';

@ObjectType('Inbox', {
  description: 'A channel of the account (a WhatsApp number, a website widget, an e-mail address…) through which conversations arrive.',
})
@Entity('inboxes')
export class Inbox {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the inbox.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the inbox (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the inbox came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => String, { description: 'Internal name of the inbox.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Name shown to agents and in reports (the channel display name).' })
  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Field(() => ChannelType, {
    description: 'Kind of channel: WHATSAPP, WEB_WIDGET, EMAIL, INSTAGRAM, FACEBOOK, TWITTER, SMS, TELEGRAM or API.',
  })
  @Column({ name: 'channel_type', type: 'text' })
  channelType!: ChannelType;

  @Field(() => String, { description: 'The social network or messaging platform of the inbox, as reports name it (e.g. `whatsapp`).' })
  @Column({ type: 'text' })
  medium!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Provider that connects the channel (e.g. the WhatsApp business solution provider); null when none.',
  })
  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Field(() => Boolean, {
    description: 'True when the channel uses the platform’s official API (e.g. WhatsApp Business API), false for an unofficial connection.',
  })
  @Column({ type: 'boolean' })
  official!: boolean;

  @Field(() => String, { nullable: true, description: 'Business portfolio ("carteira") the inbox is allocated to; null when unallocated.' })
  @Column({ type: 'text', nullable: true })
  portfolio!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number the inbox sends from (E.164), for phone-based channels.' })
  @Column({ name: 'sender_number', type: 'text', nullable: true })
  senderNumber!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where contacts reach the inbox: its phone number, e-mail address, website, page or account id, or bot name, as the platform’s channel record holds it; null when unknown.',
  })
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Identifier of the platform server or instance that hosts the inbox.' })
  @Column({ type: 'text', nullable: true })
  server!: string | null;

  @Field(() => Date, { description: 'When the inbox was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
