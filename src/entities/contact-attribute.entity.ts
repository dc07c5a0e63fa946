import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ContactAttributeType } from './enums/contact.enums';

@ObjectType('ContactAttribute', { description: 'One named value stored on a contact profile (city, plan, customer number…).' })
@Entity('contact_attributes')
export class ContactAttribute {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the attribute.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'contact_id', type: 'bigint' })
  contactId!: string;

  @Field(() => String, { description: 'Name of the attribute.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Value of the attribute, as text; null when unset.' })
  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Field(() => ContactAttributeType, { description: 'Where the attribute comes from: DEFAULT, CUSTOM or MEDIUM.' })
  @Column({ type: 'text' })
  type!: ContactAttributeType;

  @Field(() => Date, { description: 'When the attribute was first set.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the attribute was last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
