import { EntityManager } from 'typeorm';
import { createSqlRunner } from './support/sql-runner';
import { accountAgentPresencesLoader } from './account-agent-presences.loader';
import { accountAgentsLoader } from './account-agents.loader';
import { accountByIdLoader } from './account-by-id.loader';
import { accountContactsLoader } from './account-contacts.loader';
import { accountConversationsLoader } from './account-conversations.loader';
import { accountDispatchesLoader } from './account-dispatches.loader';
import { accountInboxesLoader } from './account-inboxes.loader';
import { accountMessagesLoader } from './account-messages.loader';
import { accountTagsLoader } from './account-tags.loader';
import { accountTeamsLoader } from './account-teams.loader';
import { accountTopicsLoader } from './account-topics.loader';
import { agentAssignedConversationsLoader } from './agent-assigned-conversations.loader';
import { agentByIdLoader } from './agent-by-id.loader';
import { agentInboxesLoader } from './agent-inboxes.loader';
import { agentMessagesLoader } from './agent-messages.loader';
import { agentPresencesLoader } from './agent-presences.loader';
import { agentTeamsLoader } from './agent-teams.loader';
import { contactAttributesLoader } from './contact-attributes.loader';
import { contactByIdLoader } from './contact-by-id.loader';
import { contactConversationsLoader } from './contact-conversations.loader';
import { contactDispatchesLoader } from './contact-dispatches.loader';
import { contactMessagesLoader } from './contact-messages.loader';
import { conversationByIdLoader } from './conversation-by-id.loader';
import { conversationDispatchesLoader } from './conversation-dispatches.loader';
import { conversationEventsLoader } from './conversation-events.loader';
import { conversationMessagesLoader } from './conversation-messages.loader';
import { conversationTopicApplicationsLoader } from './conversation-topic-applications.loader';
import { conversationTopicsLoader } from './conversation-topics.loader';
import { inboxByIdLoader } from './inbox-by-id.loader';
import { inboxConversationsLoader } from './inbox-conversations.loader';
import { inboxDispatchesLoader } from './inbox-dispatches.loader';
import { inboxMembersLoader } from './inbox-members.loader';
import { messageByIdLoader } from './message-by-id.loader';
import { messageTagApplicationsLoader } from './message-tag-applications.loader';
import { messageTagsLoader } from './message-tags.loader';
import { tagByIdLoader } from './tag-by-id.loader';
import { tagMessagesLoader } from './tag-messages.loader';
import { teamByIdLoader } from './team-by-id.loader';
import { teamConversationsLoader } from './team-conversations.loader';
import { teamMembersLoader } from './team-members.loader';
import { topicByIdLoader } from './topic-by-id.loader';
import { topicConversationsLoader } from './topic-conversations.loader';

/**
 * A fresh set per request: DataLoader caches by key for its whole life, so sharing one across
 * requests would leak rows between tenants and serve stale data. Every loader reads through the
 * request's own transaction (`manager`), under that request's Row Level Security binding.
 */
export function createLoaders(manager: EntityManager) {
  const runner = createSqlRunner(manager);
  return {
    accountAgentPresences: accountAgentPresencesLoader(runner),
    accountAgents: accountAgentsLoader(runner),
    accountById: accountByIdLoader(runner),
    accountContacts: accountContactsLoader(runner),
    accountConversations: accountConversationsLoader(runner),
    accountDispatches: accountDispatchesLoader(runner),
    accountInboxes: accountInboxesLoader(runner),
    accountMessages: accountMessagesLoader(runner),
    accountTags: accountTagsLoader(runner),
    accountTeams: accountTeamsLoader(runner),
    accountTopics: accountTopicsLoader(runner),
    agentAssignedConversations: agentAssignedConversationsLoader(runner),
    agentById: agentByIdLoader(runner),
    agentInboxes: agentInboxesLoader(runner),
    agentMessages: agentMessagesLoader(runner),
    agentPresences: agentPresencesLoader(runner),
    agentTeams: agentTeamsLoader(runner),
    contactAttributes: contactAttributesLoader(runner),
    contactById: contactByIdLoader(runner),
    contactConversations: contactConversationsLoader(runner),
    contactDispatches: contactDispatchesLoader(runner),
    contactMessages: contactMessagesLoader(runner),
    conversationById: conversationByIdLoader(runner),
    conversationDispatches: conversationDispatchesLoader(runner),
    conversationEvents: conversationEventsLoader(runner),
    conversationMessages: conversationMessagesLoader(runner),
    conversationTopicApplications: conversationTopicApplicationsLoader(runner),
    conversationTopics: conversationTopicsLoader(runner),
    inboxById: inboxByIdLoader(runner),
    inboxConversations: inboxConversationsLoader(runner),
    inboxDispatches: inboxDispatchesLoader(runner),
    inboxMembers: inboxMembersLoader(runner),
    messageById: messageByIdLoader(runner),
    messageTagApplications: messageTagApplicationsLoader(runner),
    messageTags: messageTagsLoader(runner),
    tagById: tagByIdLoader(runner),
    tagMessages: tagMessagesLoader(runner),
    teamById: teamByIdLoader(runner),
    teamConversations: teamConversationsLoader(runner),
    teamMembers: teamMembersLoader(runner),
    topicById: topicByIdLoader(runner),
    topicConversations: topicConversationsLoader(runner),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
