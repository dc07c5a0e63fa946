import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('Team', { description: 'A group of agents that conversations can be routed to.' })
@Entity('teams')
export class Team {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the team.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the team (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the team came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => String, { description: 'Name of the team.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Date, { description: 'When the team was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
