/**
 * bench:api's entity queries, each written for both servers, and how to reduce either answer to
 * the same plain rows so the benchmark can check both return the same data.
 */
export interface EntityQuery {
  name: string;
  api: string;
  /** Takes `$accountId` and `$inboxId` as variables where it needs them (PostGraphile's BigInt takes no literal). */
  peer: string;
  apiRows(data: any): unknown;
  peerRows(data: any): unknown;
}

type Sender = { type: 'Agent' | 'Contact'; name: string | null } | null;

const apiSender = (sender: any): Sender =>
  sender ? { type: sender.__typename, name: sender.__typename === 'Agent' ? sender.agentName : sender.contactName } : null;

const peerSender = (message: any): Sender => {
  if (message.agentByAccountIdAndSenderAgentId) return { type: 'Agent', name: message.agentByAccountIdAndSenderAgentId.name };
  if (message.contactByAccountIdAndSenderContactId) return { type: 'Contact', name: message.contactByAccountIdAndSenderContactId.name };
  return null;
};

const instant = (value: string) => new Date(value).toISOString();

/** The API lists messages without private notes unless asked; PostGraphile is given the same condition. */
export function entityQueries(inboxId: string): EntityQuery[] {
  return [
    {
      name: 'inbox: 50 latest conversations × 20 messages, sender, contact, assignee',
      api: `{ inbox(id: "${inboxId}") { conversations(first: 50) { nodes { id displayId status createdAt
          contact { name } assignee { name }
          messages(first: 20) { nodes { id content createdAt
            sender { __typename ... on Agent { agentName: name } ... on Contact { contactName: name } } } } } } } }`,
      peer: `query($accountId: BigInt!, $inboxId: BigInt!) { inboxById: inboxByAccountIdAndId(accountId: $accountId, id: $inboxId) {
          conversationsByAccountIdAndInboxId(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC]) { nodes { id displayId status createdAt
            contactByAccountIdAndContactId { name } agentByAccountIdAndAssigneeId { name }
            messagesByAccountIdAndConversationId(first: 20, orderBy: [CREATED_AT_DESC, ID_DESC], condition: { private: false }) {
              nodes { id content createdAt agentByAccountIdAndSenderAgentId { name } contactByAccountIdAndSenderContactId { name } } } } } } }`,
      apiRows: (data) =>
        data.inbox.conversations.nodes.map((c: any) => ({
          id: c.id,
          displayId: c.displayId,
          status: c.status.toLowerCase(),
          createdAt: instant(c.createdAt),
          contact: c.contact?.name ?? null,
          assignee: c.assignee?.name ?? null,
          messages: c.messages.nodes.map((m: any) => ({
            id: m.id,
            content: m.content,
            createdAt: instant(m.createdAt),
            sender: apiSender(m.sender),
          })),
        })),
      peerRows: (data) =>
        data.inboxById.conversationsByAccountIdAndInboxId.nodes.map((c: any) => ({
          id: c.id,
          displayId: c.displayId,
          status: c.status.toLowerCase(),
          createdAt: instant(c.createdAt),
          contact: c.contactByAccountIdAndContactId?.name ?? null,
          assignee: c.agentByAccountIdAndAssigneeId?.name ?? null,
          messages: c.messagesByAccountIdAndConversationId.nodes.map((m: any) => ({
            id: m.id,
            content: m.content,
            createdAt: instant(m.createdAt),
            sender: peerSender(m),
          })),
        })),
    },
    {
      name: '100 latest messages with content',
      api: `{ messages(first: 100) { nodes { id content createdAt } } }`,
      peer: `{ allMessages(first: 100, orderBy: [CREATED_AT_DESC, ID_DESC], condition: { private: false }) { nodes { id content createdAt } } }`,
      apiRows: (data) => data.messages.nodes.map((m: any) => ({ id: m.id, content: m.content, createdAt: instant(m.createdAt) })),
      peerRows: (data) => data.allMessages.nodes.map((m: any) => ({ id: m.id, content: m.content, createdAt: instant(m.createdAt) })),
    },
  ];
}
