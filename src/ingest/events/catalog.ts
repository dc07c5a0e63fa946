import { z } from 'zod';
import type { EventDefinition } from './definition';
import { externalId, instant, longText, ref, shortText } from './fields';

/**
 * Every event type the ingestion API accepts. Each table the reports read is a function of the
 * applied events (see src/ingest/applier): an upsert carries the entity's whole state (fields
 * left out are empty), the latest by `occurredAt` wins and the earliest dates the entity; facts
 * (a status change, a lock, a message) are kept one by one and the derived values are computed
 * from all of them.
 */

const CHANNEL_TYPES = [
  'whatsapp',
  'web_widget',
  'email',
  'instagram',
  'facebook',
  'twitter',
  'sms',
  'telegram',
  'api',
  'line',
  'tiktok',
  'voice',
] as const;
const ATTRIBUTE_TYPES = ['default', 'custom', 'medium'] as const;
const STATUSES = ['new', 'open', 'pending', 'resolved'] as const;
const RESOLVED_BY = ['agent', 'virtual_agent', 'bulk', 'system'] as const;
const TRIGGERS = ['human_agent', 'virtual_agent', 'automation', 'auto_resolve'] as const;
const DIRECTIONS = ['incoming', 'outgoing'] as const;
const MESSAGE_TYPES = ['text', 'image', 'audio', 'video', 'file', 'location', 'template', 'activity'] as const;
const ORIGINS = ['contact', 'agent', 'virtual_agent', 'auto_responder', 'automation', 'api', 'system'] as const;
const OUTBOUND_TYPES = ['reply', 'proactive', 'template', 'auto_reply'] as const;
const SYSTEM_USER_TYPES = ['virtual_agent', 'auto_responder', 'automation', 'system'] as const;
const DELIVERY = ['sent', 'delivered', 'read', 'failed'] as const;

const define = (definition: EventDefinition): EventDefinition => definition;
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const membership = (group: 'team' | 'inbox', fact: 'added' | 'removed'): EventDefinition =>
  define({
    type: `${group}.member_${fact}`,
    description: fact === 'added' ? `An agent joined the ${group}.` : `An agent left the ${group}.`,
    subject: group,
    refs: { [group]: group === 'team' ? 'teams' : 'inboxes', agent: 'agents' },
    stage: 2,
    data: z.strictObject({ [group]: ref(group), agent: ref('agent') }),
    example: { [group]: group === 'team' ? 'team-support' : 'inbox-wa', agent: 'agent-ana' },
  });

const label = (target: 'conversation' | 'message', labelKind: 'topic' | 'tag', fact: 'added' | 'removed'): EventDefinition =>
  define({
    type: `${target}.${labelKind}_${fact}`,
    description:
      fact === 'added'
        ? `A ${labelKind} was applied to the ${target}; applying it again before removing it changes nothing.`
        : `The ${labelKind} was removed from the ${target}; it ends the application made before it.`,
    subject: target,
    refs: {
      [target]: target === 'conversation' ? 'conversations' : 'messages',
      [labelKind]: labelKind === 'topic' ? 'topics' : 'tags',
      agent: 'agents',
    },
    ...(target === 'conversation' ? { conversation: 'conversation' } : {}),
    stage: target === 'conversation' ? 4 : 5,
    data: z.strictObject({
      [target]: ref(target),
      [labelKind]: ref(labelKind),
      agent: optional(ref('agent (human or virtual) who did it')),
    }),
    example: {
      [target]: target === 'conversation' ? 'conv-1001' : 'msg-1',
      [labelKind]: labelKind === 'topic' ? 'topic-delivery' : 'tag-urgent',
      agent: 'agent-ana',
    },
  });

const lock = (fact: 'locked' | 'unlocked'): EventDefinition =>
  define({
    type: `conversation.${fact}`,
    description:
      fact === 'locked'
        ? 'An agent opened the conversation to work on it (holds it until the next locked/unlocked event of the same agent).'
        : 'The agent released the conversation.',
    subject: 'conversation',
    refs: { conversation: 'conversations', agent: 'agents', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({ conversation: ref('conversation'), agent: ref('agent'), team: optional(ref('team the agent acted for')) }),
    example: { conversation: 'conv-1001', agent: 'agent-ana' },
  });

export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  define({
    type: 'inbox.upserted',
    description: 'An inbox (channel) was created or changed.',
    subject: 'inbox',
    refs: {},
    stage: 1,
    data: z.strictObject({
      inbox: externalId().describe('External id of the inbox.'),
      name: shortText().min(1),
      displayName: optional(shortText()).describe('Name shown to agents; the name when empty.'),
      channelType: z.enum(CHANNEL_TYPES),
      medium: shortText().min(1).describe('The medium as the platform names it, e.g. "WhatsApp".'),
      provider: optional(shortText()),
      official: z.boolean().optional().describe('Whether the connection is the official one of the medium (default true).'),
      portfolio: optional(shortText()),
      senderNumber: optional(shortText()),
      server: optional(shortText()),
    }),
    example: {
      inbox: 'inbox-wa',
      name: 'WA Vendas',
      displayName: 'Vendas',
      channelType: 'whatsapp',
      medium: 'WhatsApp',
      senderNumber: '+5511999990000',
    },
  }),
  define({
    type: 'inbox.channel_set',
    description:
      'The channel record of an inbox: the address contacts reach it at and what connects it. It completes the inbox’s upserts, which a platform may send without them; the latest wins.',
    subject: 'inbox',
    refs: { inbox: 'inboxes' },
    stage: 2,
    data: z.strictObject({
      inbox: ref('inbox'),
      address: optional(shortText()).describe('Phone number, e-mail address, website, page or account id, or bot name; null when none.'),
      senderNumber: optional(shortText()).describe('Phone number the inbox sends from; null leaves the upserts’ value.'),
      provider: optional(shortText()).describe('Provider that connects the channel; null leaves the upserts’ value.'),
    }),
    example: { inbox: 'inbox-wa', address: '+5511999990000', senderNumber: '+5511999990000', provider: 'whatsapp_cloud' },
  }),
  define({
    type: 'contact.upserted',
    description: 'A contact was created or changed.',
    subject: 'contact',
    refs: {},
    stage: 1,
    data: z.strictObject({
      contact: externalId().describe('External id of the contact.'),
      medium: shortText().min(1),
      name: optional(shortText()),
      email: optional(shortText()),
      phoneNumber: optional(shortText()),
      primaryIdentifier: shortText().min(1).describe('Phone number, handle or address the contact writes from.'),
      secondaryIdentifier: optional(shortText()),
    }),
    example: {
      contact: 'contact-carla',
      medium: 'WhatsApp',
      name: 'Carla',
      phoneNumber: '+5511988887777',
      primaryIdentifier: '+5511988887777',
    },
  }),
  define({
    type: 'contact.attribute_set',
    description: 'A stored attribute of a contact was set; a null value clears it. One attribute per contact and name.',
    subject: 'contact',
    refs: { contact: 'contacts' },
    stage: 2,
    data: z.strictObject({
      contact: ref('contact'),
      name: shortText().min(1),
      value: z.union([longText(), z.null()]),
      attributeType: z.enum(ATTRIBUTE_TYPES).optional().describe('default, custom or medium (default custom).'),
    }),
    example: { contact: 'contact-carla', name: 'plano', value: 'ouro', attributeType: 'custom' },
  }),
  define({
    type: 'contact.erased',
    description:
      'LGPD/GDPR erasure: the contact’s personal data, its attributes and the content of its messages are removed from the tables and from the event log; counts and times stay.',
    subject: 'contact',
    refs: { contact: 'contacts' },
    stage: 2,
    data: z.strictObject({ contact: ref('contact') }),
    example: { contact: 'contact-carla' },
  }),
  define({
    type: 'agent.upserted',
    description: 'A human or virtual agent was created or changed.',
    subject: 'agent',
    refs: {},
    stage: 1,
    data: z.strictObject({
      agent: externalId().describe('External id of the agent.'),
      kind: z.enum(['human', 'virtual']),
      name: shortText().min(1),
      email: optional(shortText()),
      reference: optional(shortText()).describe('The account’s own code for the agent (employee number).'),
      lastSignInAt: optional(instant()),
      lastSignInIp: optional(z.union([z.ipv4(), z.ipv6()])),
    }),
    example: { agent: 'agent-ana', kind: 'human', name: 'Ana', email: 'ana@example.com' },
  }),
  define({
    type: 'agent.presence_changed',
    description: 'An agent became available, away or offline; each status lasts until the agent’s next presence event.',
    subject: 'agent',
    refs: { agent: 'agents' },
    stage: 2,
    data: z.strictObject({
      agent: ref('agent'),
      status: z.enum(['available', 'away', 'offline']),
      awayState: optional(shortText()).describe('Why the agent is away, e.g. "Lunch".'),
    }),
    example: { agent: 'agent-ana', status: 'away', awayState: 'Almoço' },
  }),
  define({
    type: 'team.upserted',
    description: 'A team was created or renamed.',
    subject: 'team',
    refs: {},
    stage: 1,
    data: z.strictObject({ team: externalId().describe('External id of the team.'), name: shortText().min(1) }),
    example: { team: 'team-support', name: 'Suporte' },
  }),
  membership('team', 'added'),
  membership('team', 'removed'),
  membership('inbox', 'added'),
  membership('inbox', 'removed'),
  define({
    type: 'topic.upserted',
    description: 'A topic (conversation label) was created or changed.',
    subject: 'topic',
    refs: {},
    stage: 1,
    data: z.strictObject({
      topic: externalId().describe('External id of the topic.'),
      name: shortText().min(1),
      active: z.boolean().optional(),
    }),
    example: { topic: 'topic-delivery', name: 'Entrega', active: true },
  }),
  define({
    type: 'tag.upserted',
    description: 'A tag (message label) was created or changed.',
    subject: 'tag',
    refs: {},
    stage: 1,
    data: z.strictObject({
      tag: externalId().describe('External id of the tag.'),
      name: shortText().min(1),
      active: z.boolean().optional(),
    }),
    example: { tag: 'tag-urgent', name: 'urgente', active: true },
  }),
  define({
    type: 'conversation.created',
    description: 'A conversation started; `occurredAt` is its creation time.',
    subject: 'conversation',
    refs: { inbox: 'inboxes', contact: 'contacts' },
    conversation: 'conversation',
    stage: 3,
    data: z.strictObject({
      conversation: externalId().describe('External id of the conversation.'),
      inbox: ref('inbox'),
      contact: ref('contact'),
      displayId: z.int().min(1).max(2_147_483_647).optional().describe('The number the platform shows; the next free one when absent.'),
      status: z.enum(['new', 'open', 'pending']).optional().describe('Status at creation (default new).'),
      language: optional(shortText()),
      url: optional(shortText()),
    }),
    example: { conversation: 'conv-1001', inbox: 'inbox-wa', contact: 'contact-carla', displayId: 1001, language: 'pt-BR' },
  }),
  define({
    type: 'conversation.status_changed',
    description: 'The conversation moved to a status; a move out of Resolved is a reopening. Resolutions carry who resolved, how and why.',
    subject: 'conversation',
    refs: { conversation: 'conversations', agent: 'agents', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({
      conversation: ref('conversation'),
      status: z.enum(STATUSES),
      agent: optional(ref('agent (human or virtual) who changed it')),
      team: optional(ref('team the agent acted for')),
      resolvedBy: optional(z.enum(RESOLVED_BY)),
      trigger: optional(z.enum(TRIGGERS)),
      reason: optional(shortText()),
      comment: optional(longText()),
    }),
    example: {
      conversation: 'conv-1001',
      status: 'resolved',
      agent: 'agent-ana',
      team: 'team-support',
      resolvedBy: 'agent',
      trigger: 'human_agent',
      reason: 'Dúvida sanada',
    },
  }),
  define({
    type: 'conversation.assigned',
    description: 'The conversation was assigned to an agent, or unassigned (assignee null).',
    subject: 'conversation',
    refs: { conversation: 'conversations', assignee: 'agents', agent: 'agents', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({
      conversation: ref('conversation'),
      assignee: z.union([ref('agent assigned'), z.null()]),
      agent: optional(ref('agent who assigned it')),
      team: optional(ref('team the assigning agent acted for')),
    }),
    example: { conversation: 'conv-1001', assignee: 'agent-ana' },
  }),
  define({
    type: 'conversation.team_changed',
    description: 'The conversation moved to a team, or out of every team (team null).',
    subject: 'conversation',
    refs: { conversation: 'conversations', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({ conversation: ref('conversation'), team: z.union([ref('team'), z.null()]) }),
    example: { conversation: 'conv-1001', team: 'team-support' },
  }),
  lock('locked'),
  lock('unlocked'),
  define({
    type: 'conversation.handed_over',
    description: 'A virtual agent handed the conversation over to the human queue (starts the first-response clock).',
    subject: 'conversation',
    refs: { conversation: 'conversations', agent: 'agents', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({
      conversation: ref('conversation'),
      agent: optional(ref('virtual agent handing over')),
      team: optional(ref('team the handing-over agent acted for')),
      reason: optional(shortText()),
      dueToError: z.boolean().optional(),
    }),
    example: { conversation: 'conv-1001', agent: 'agent-bot', reason: 'Pedido de humano' },
  }),
  label('conversation', 'topic', 'added'),
  label('conversation', 'topic', 'removed'),
  define({
    type: 'conversation.csat_sent',
    description: 'A satisfaction survey was sent to the contact.',
    subject: 'conversation',
    refs: { conversation: 'conversations' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({ conversation: ref('conversation'), followUpQuestion: optional(shortText()) }),
    example: { conversation: 'conv-1001', followUpQuestion: 'O que podemos melhorar?' },
  }),
  define({
    type: 'conversation.csat_expired',
    description: 'The survey expired unanswered; a later survey or answer supersedes it.',
    subject: 'conversation',
    refs: { conversation: 'conversations' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({ conversation: ref('conversation') }),
    example: { conversation: 'conv-1001' },
  }),
  define({
    type: 'conversation.csat_answered',
    description: 'The contact answered the survey; the latest answer counts.',
    subject: 'conversation',
    refs: { conversation: 'conversations' },
    conversation: 'conversation',
    stage: 4,
    data: z.strictObject({ conversation: ref('conversation'), score: z.int().min(1).max(5), followUpAnswer: optional(longText()) }),
    example: { conversation: 'conv-1001', score: 5, followUpAnswer: 'Nada' },
  }),
  define({
    type: 'message.created',
    description: 'A message was sent or received; `occurredAt` is its time.',
    subject: 'message',
    refs: { conversation: 'conversations', senderAgent: 'agents', senderContact: 'contacts', team: 'teams' },
    conversation: 'conversation',
    stage: 4,
    data: z
      .strictObject({
        message: externalId().describe('External id of the message.'),
        conversation: ref('conversation'),
        direction: z.enum(DIRECTIONS),
        messageType: z.enum(MESSAGE_TYPES).optional().describe('Default text.'),
        origin: z.enum(ORIGINS),
        outboundType: optional(z.enum(OUTBOUND_TYPES)),
        systemUserType: optional(z.enum(SYSTEM_USER_TYPES)),
        private: z.boolean().optional().describe('A private note between agents (default false).'),
        content: optional(longText()),
        senderAgent: optional(ref('agent (human or virtual) who sent it')),
        senderContact: optional(ref('contact who sent it')),
        team: optional(ref('team the agent sent it for')),
        postUrl: optional(shortText()),
        templateName: optional(shortText()),
      })
      .refine((data) => !(data.senderAgent && data.senderContact), {
        message: 'A message has one sender: senderAgent or senderContact, not both.',
        path: ['senderContact'],
      }),
    example: {
      message: 'msg-1',
      conversation: 'conv-1001',
      direction: 'incoming',
      origin: 'contact',
      senderContact: 'contact-carla',
      content: 'Oi, meu pedido atrasou',
    },
  }),
  define({
    type: 'message.updated',
    description: 'The message content was edited; the latest edit counts.',
    subject: 'message',
    refs: { message: 'messages' },
    stage: 5,
    data: z.strictObject({ message: ref('message'), content: z.union([longText(), z.null()]) }),
    example: { message: 'msg-1', content: 'Oi, meu pedido 123 atrasou' },
  }),
  define({
    type: 'message.deleted',
    description: 'The message was deleted; it stays counted, with its deletion time.',
    subject: 'message',
    refs: { message: 'messages' },
    stage: 5,
    data: z.strictObject({ message: ref('message') }),
    example: { message: 'msg-1' },
  }),
  define({
    type: 'message.delivery_changed',
    description: 'The platform reported the message sent, delivered, read or failed; each time is the first report of that status.',
    subject: 'message',
    refs: { message: 'messages' },
    stage: 5,
    data: z.strictObject({ message: ref('message'), status: z.enum(DELIVERY) }),
    example: { message: 'msg-1', status: 'read' },
  }),
  label('message', 'tag', 'added'),
  label('message', 'tag', 'removed'),
  define({
    type: 'dispatch.requested',
    description: 'A template dispatch (proactive message) was requested.',
    subject: 'dispatch',
    refs: { inbox: 'inboxes', contact: 'contacts', conversation: 'conversations', agent: 'agents' },
    stage: 5,
    data: z.strictObject({
      dispatch: externalId().describe('External id of the dispatch.'),
      inbox: ref('inbox'),
      contact: ref('contact'),
      conversation: optional(ref('conversation the dispatch opened')),
      agent: optional(ref('agent who requested it')),
      templateName: shortText().min(1),
      content: longText(),
      recipientNumber: shortText().min(1),
    }),
    example: {
      dispatch: 'dispatch-1',
      inbox: 'inbox-wa',
      contact: 'contact-carla',
      templateName: 'boas_vindas',
      content: 'Olá! Podemos ajudar?',
      recipientNumber: '+5511988887777',
    },
  }),
  define({
    type: 'dispatch.delivery_changed',
    description: 'The dispatch was sent, delivered, read or failed; each time is the first report of that status.',
    subject: 'dispatch',
    refs: { dispatch: 'dispatches' },
    stage: 6,
    data: z.strictObject({ dispatch: ref('dispatch'), status: z.enum(DELIVERY), failureReason: optional(shortText()) }),
    example: { dispatch: 'dispatch-1', status: 'delivered' },
  }),
];

export const EVENT_TYPES: ReadonlyMap<string, EventDefinition> = new Map(
  EVENT_DEFINITIONS.map((definition) => [definition.type, definition]),
);
