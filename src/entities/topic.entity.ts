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

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the topic (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the topic came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

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
