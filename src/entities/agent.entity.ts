import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AgentKind } from './enums/agent.enums';

/** `last_sign_in_ip` is deliberately not mapped: a reporting API has no use for agents' addresses. */
@ObjectType('Agent', { description: 'Someone who answers conversations for the account: a human agent or a virtual agent (bot).' })
@Entity('agents')
export class Agent {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the agent.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The id the sending platform gives the agent (unique per account and `source`); references in ingested events use it. Null for rows written before ingestion.',
  })
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Which sender the agent came from: `api` for the generic events API, a connector otherwise. Null for rows written before ingestion.',
  })
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Field(() => AgentKind, { description: 'HUMAN for a person, VIRTUAL for a bot.' })
  @Column({ type: 'text' })
  kind!: AgentKind;

  @Field(() => String, { description: 'Display name of the agent.' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Sign-in e-mail of a human agent; null for virtual agents.' })
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Reference the organization gives the agent (e.g. an employee number); null when unset.',
  })
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Field(() => Date, { description: 'When the agent was created.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the agent last signed in; null if never (and always for virtual agents).' })
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}
