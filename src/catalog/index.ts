import { agentMetricsReport } from './reports/agent-metrics.report';
import { agentPresenceReport } from './reports/agent-presence.report';
import { chatConversationsByHourReport } from './reports/chat-conversations-by-hour.report';
import { chatConversationsReport } from './reports/chat-conversations.report';
import { chatEngagementReport } from './reports/chat-engagement.report';
import { chatSummaryReport } from './reports/chat-summary.report';
import { chatUsersReport } from './reports/chat-users.report';
import { contactAttributesReport } from './reports/contact-attributes.report';
import { contactsReport } from './reports/contacts.report';
import { conversationsOpenReport } from './reports/conversations-open.report';
import { conversationsResolvedReport } from './reports/conversations-resolved.report';
import { messagesReport } from './reports/messages.report';
import { responsesReport } from './reports/responses.report';
import { tagsReport } from './reports/tags.report';
import { teamsReport } from './reports/teams.report';
import { topicsReport } from './reports/topics.report';
import { virtualAgentMetricsReport } from './reports/virtual-agent-metrics.report';
import { ReportDefinition } from './types';
import { validateCatalog } from './validate';

/** Every report, in the order the sources list them; the enum, the fields and the metadata follow it. */
export const catalog: readonly ReportDefinition[] = validateCatalog([
  chatConversationsReport,
  chatUsersReport,
  chatSummaryReport,
  chatConversationsByHourReport,
  chatEngagementReport,
  conversationsResolvedReport,
  conversationsOpenReport,
  messagesReport,
  teamsReport,
  contactsReport,
  topicsReport,
  tagsReport,
  agentPresenceReport,
  agentMetricsReport,
  responsesReport,
  virtualAgentMetricsReport,
  contactAttributesReport,
]);
