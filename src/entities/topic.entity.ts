import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('Topic', { description: 'A label agents apply to whole conversations to say what they were about.' })
@Entity('topics')
export class Topic {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the topic.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, { description: 'Name of the topic.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Boolean, { description: 'False once the topic is retired: it stays on past conversations but cannot be applied any more.' })
  @Column({ type: 'boolean' })
  active!: boolean;

  @Field(() => Date, { description: 'When the topic was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
