import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('TagApplication', {
  description:
    'One application of a tag to a message, with when (and by whom) it was applied and removed: the history behind `Message.tags`.',
})
@Entity('message_tags')
export class MessageTag {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the application.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'message_id', type: 'bigint' })
  messageId!: string;

  @Column({ name: 'tag_id', type: 'bigint' })
  tagId!: string;

  @Column({ name: 'applied_by_agent_id', type: 'bigint', nullable: true })
  appliedByAgentId!: string | null;

  @Field(() => Date, { description: 'When the tag was applied.' })
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the tag was removed again; null while it is still applied.' })
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
