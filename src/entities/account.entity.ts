import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Locale } from './enums/account.enums';

@ObjectType('Account', {
  description:
    'A tenant: one company using the chat platform. Every other object belongs to exactly one account, and an API key only ever sees its own.',
})
@Entity('accounts')
export class Account {
  @Field(() => ID, { description: 'Identifier of the account.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, { description: 'Company name.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Locale, { description: 'Language of the account: EN or PT_BR.' })
  @Column({ type: 'text' })
  locale!: Locale;

  @Field(() => String, { description: 'IANA time zone of the account (e.g. `America/Sao_Paulo`), used to cut days in reports.' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Field(() => Date, { description: 'When the account was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
