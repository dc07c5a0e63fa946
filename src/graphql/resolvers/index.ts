import { NonEmptyArray } from 'type-graphql';
import { AccountResolver } from './account.resolver';
import { AgentPresenceResolver } from './agent-presence.resolver';
import { AgentResolver } from './agent.resolver';
import { ContactAttributeResolver } from './contact-attribute.resolver';
import { ContactResolver } from './contact.resolver';
import { ConversationEventResolver } from './conversation-event.resolver';
import { ConversationResolver } from './conversation.resolver';
import { DispatchResolver } from './dispatch.resolver';
import { InboxResolver } from './inbox.resolver';
import { MessageResolver } from './message.resolver';
import { TagApplicationResolver } from './tag-application.resolver';
import { TagResolver } from './tag.resolver';
import { TeamResolver } from './team.resolver';
import { TopicApplicationResolver } from './topic-application.resolver';
import { TopicResolver } from './topic.resolver';

export const resolvers: NonEmptyArray<Function> = [
  AccountResolver,
  AgentPresenceResolver,
  AgentResolver,
  ContactAttributeResolver,
  ContactResolver,
  ConversationEventResolver,
  ConversationResolver,
  DispatchResolver,
  InboxResolver,
  MessageResolver,
  TagApplicationResolver,
  TagResolver,
  TeamResolver,
  TopicApplicationResolver,
  TopicResolver,
];
