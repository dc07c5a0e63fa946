import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('TopicApplication', {
  description:
    'One application of a topic to a conversation, with when (and by whom) it was applied and removed: the history behind `Conversation.topics`.',
})
@Entity('conversation_topics')
export class ConversationTopic {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Field(() => ID, { description: 'Identifier of the application.' })
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'conversation_id', type: 'bigint' })
  conversationId!: string;

  @Column({ name: 'topic_id', type: 'bigint' })
  topicId!: string;

  @Column({ name: 'applied_by_agent_id', type: 'bigint', nullable: true })
  appliedByAgentId!: string | null;

  @Field(() => Date, { description: 'When the topic was applied.' })
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the topic was removed again; null while it is still applied.' })
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
