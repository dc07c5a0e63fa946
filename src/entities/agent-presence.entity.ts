import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PresenceStatus } from './enums/agent.enums';

@ObjectType('AgentPresence', { description: 'An interval during which an agent was in one presence status.' })
@Entity('agent_presences')
export class AgentPresence {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the interval.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'agent_id', type: 'bigint' })
  agentId!: string;

  @Field(() => PresenceStatus, { description: 'AVAILABLE or AWAY during the interval.' })
  @Column({ type: 'text' })
  status!: PresenceStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the agent was away (e.g. `lunch`, `meeting`), for AWAY intervals; null otherwise.',
  })
  @Column({ name: 'away_state', type: 'text', nullable: true })
  awayState!: string | null;

  @Field(() => Date, { description: 'Start of the interval (inclusive).' })
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'End of the interval (exclusive); null while the agent is still in this status.' })
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
