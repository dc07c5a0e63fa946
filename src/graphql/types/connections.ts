import { Agent, AgentPresence, Contact, Conversation, ConversationEvent, Dispatch, Inbox, Message, Tag, Team, Topic } from '../../entities';
import { connectionType } from './connection.type';

export const InboxConnection = connectionType(Inbox, 'Inbox', 'inboxes');
export const ConversationConnection = connectionType(Conversation, 'Conversation', 'conversations');
export const MessageConnection = connectionType(Message, 'Message', 'messages');
export const AgentConnection = connectionType(Agent, 'Agent', 'agents');
export const TeamConnection = connectionType(Team, 'Team', 'teams');
export const TopicConnection = connectionType(Topic, 'Topic', 'topics');
export const TagConnection = connectionType(Tag, 'Tag', 'tags');
export const ContactConnection = connectionType(Contact, 'Contact', 'contacts');
export const DispatchConnection = connectionType(Dispatch, 'Dispatch', 'dispatches');
export const AgentPresenceConnection = connectionType(AgentPresence, 'AgentPresence', 'agent presence intervals');
export const ConversationEventConnection = connectionType(ConversationEvent, 'ConversationEvent', 'conversation events');
