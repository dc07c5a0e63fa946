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

  @Field(() => String, { description: 'Name of the team.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Date, { description: 'When the team was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
