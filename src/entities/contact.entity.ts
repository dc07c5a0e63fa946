import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('Contact', {
  description: 'A customer profile on one medium: the person (or account) on the other side of conversations.',
})
@Entity('contacts')
export class Contact {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the contact profile.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the contact (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the contact came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => String, { description: 'The social network or messaging platform the profile belongs to (e.g. `whatsapp`, `email`).' })
  @Column({ type: 'text' })
  medium!: string;

  @Field(() => String, { nullable: true, description: 'Name of the contact, when known.' })
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address of the contact, when known.' })
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number of the contact (E.164), when known.' })
  @Column({ name: 'phone_number', type: 'text', nullable: true })
  phoneNumber!: string | null;

  @Field(() => String, {
    description: 'First of the contact’s two identifiers; depending on the medium a phone number, handle, e-mail…',
  })
  @Column({ name: 'primary_identifier', type: 'text' })
  primaryIdentifier!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Second of the contact’s two identifiers (e.g. a display name or alias); null when the medium has only one.',
  })
  @Column({ name: 'secondary_identifier', type: 'text', nullable: true })
  secondaryIdentifier!: string | null;

  @Field(() => Date, { description: 'When the contact profile was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the contact profile was last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
