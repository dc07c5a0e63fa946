import { EntityTarget } from 'typeorm';
import { Agent, AgentPresence, Contact, Conversation, ConversationEvent, Dispatch, Inbox, Message, Tag, Team, Topic } from '../../entities';
import { ConnectionSource } from './connection-loader';

type ListTable<T> = Omit<ConnectionSource<T>, 'scope'>;

const list = <T>(entity: EntityTarget<T>, table: string, sortColumn: string): ListTable<T> => ({ entity, table, sortColumn });

/**
 * The one keyset order of each listed table, shared by every relation that pages it; the
 * connection fields' descriptions name these columns.
 */
export const LISTS = {
  inboxes: list(Inbox, 'inboxes', 'created_at'),
  contacts: list(Contact, 'contacts', 'created_at'),
  agents: list(Agent, 'agents', 'created_at'),
  teams: list(Team, 'teams', 'created_at'),
  topics: list(Topic, 'topics', 'created_at'),
  tags: list(Tag, 'tags', 'created_at'),
  conversations: list(Conversation, 'conversations', 'created_at'),
  conversationEvents: list(ConversationEvent, 'conversation_events', 'occurred_at'),
  messages: list(Message, 'messages', 'created_at'),
  agentPresences: list(AgentPresence, 'agent_presences', 'started_at'),
  dispatches: list(Dispatch, 'dispatches', 'requested_at'),
};
