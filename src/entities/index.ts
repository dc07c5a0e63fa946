import { Account } from './account.entity';
import { Agent } from './agent.entity';
import { AgentPresence } from './agent-presence.entity';
import { Contact } from './contact.entity';
import { ContactAttribute } from './contact-attribute.entity';
import { Conversation } from './conversation.entity';
import { ConversationEvent } from './conversation-event.entity';
import { ConversationTopic } from './conversation-topic.entity';
import { Dispatch } from './dispatch.entity';
import { Inbox } from './inbox.entity';
import { Message } from './message.entity';
import { MessageTag } from './message-tag.entity';
import { Tag } from './tag.entity';
import { Team } from './team.entity';
import { Topic } from './topic.entity';

export {
  Account,
  Agent,
  AgentPresence,
  Contact,
  ContactAttribute,
  Conversation,
  ConversationEvent,
  ConversationTopic,
  Dispatch,
  Inbox,
  Message,
  MessageTag,
  Tag,
  Team,
  Topic,
};

/**
 * Every mapped table. The link tables `team_members` and `inbox_members` carry nothing the API
 * shows beyond the link itself, so they are read by their loaders' SQL and have no class.
 */
export const entities: Function[] = [
  Account,
  Agent,
  AgentPresence,
  Contact,
  ContactAttribute,
  Conversation,
  ConversationEvent,
  ConversationTopic,
  Dispatch,
  Inbox,
  Message,
  MessageTag,
  Tag,
  Team,
  Topic,
];
