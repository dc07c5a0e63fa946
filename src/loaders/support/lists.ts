import { EntityTarget } from 'typeorm';
import { Agent, AgentPresence, Contact, Conversation, ConversationEvent, Dispatch, Inbox, Message, Tag, Team, Topic } from '../../entities';
import { ConnectionSource } from './connection-loader';
import { ToOneJoin, toOne } from './joined';

type ListTable<T> = Omit<ConnectionSource<T>, 'scope'>;

const list = <T>(entity: EntityTarget<T>, table: string, sortColumn: string, joins: ToOneJoin[] = []): ListTable<T> => ({
  entity,
  table,
  sortColumn,
  joins,
});

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
  conversations: list(Conversation, 'conversations', 'created_at', [
    toOne('inbox', Inbox, 'inbox_id'),
    toOne('contact', Contact, 'contact_id'),
    toOne('assignee', Agent, 'assignee_id'),
    toOne('team', Team, 'team_id'),
    toOne('resolvedByAgent', Agent, 'resolved_by_agent_id'),
    toOne('lastStatusChangeAgent', Agent, 'last_status_change_agent_id'),
    toOne('lastStatusChangeTeam', Team, 'last_status_change_team_id'),
  ]),
  conversationEvents: list(ConversationEvent, 'conversation_events', 'occurred_at'),
  messages: list(Message, 'messages', 'created_at', [
    toOne('conversation', Conversation, 'conversation_id'),
    toOne('senderAgent', Agent, 'sender_agent_id', 'sender'),
    toOne('senderContact', Contact, 'sender_contact_id', 'sender'),
    toOne('team', Team, 'team_id'),
  ]),
  agentPresences: list(AgentPresence, 'agent_presences', 'started_at'),
  dispatches: list(Dispatch, 'dispatches', 'requested_at'),
};
