import { z } from 'zod';
import { CHATWOOT_CHANNEL_TYPES } from './channels';
import {
  Assignee,
  ChatwootStatus,
  GenericEvent,
  PLACEHOLDER_AT,
  SenderKind,
  agentUpserted,
  assigned,
  CONTACT_FIELDS,
  contactAttributeSet,
  contactAttributes,
  contactFieldValue,
  contactFields,
  contactInboxAttribute,
  contactUpserted,
  conversationBrowser,
  conversationCreated,
  csatAnswered,
  handedOver,
  inboxUpserted,
  isoOf,
  labelChanged,
  messageEvents,
  preciseChannel,
  secondOf,
  statusChanged,
  teamChanged,
  teamUpserted,
  topicUpserted,
} from './facts';

/**
 * An account-webhook delivery of Chatwoot, as Chatwoot sends it (shapes in
 * ../shared/reference/chatwoot/webhooks.md §3), turned into generic events. Only the fields the
 * mapping reads are checked; every other key passes, since Chatwoot adds keys between versions.
 */

export type ChatwootPayloadErrorCode = 'MALFORMED_PAYLOAD' | 'UNKNOWN_EVENT';

export class ChatwootPayloadError extends Error {
  constructor(
    readonly code: ChatwootPayloadErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export const STORED_EVENTS = [
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
] as const;

/**
 * Acknowledged and counted, nothing stored: typing and widget opens are no facts of the reports,
 * and an inbox payload carries neither the inbox's id nor its name (§3.8), so it names no inbox.
 * Inboxes come from the conversation and message payloads, and by name from the import.
 */
export const ACKNOWLEDGED_EVENTS = [
  'webwidget_triggered',
  'conversation_typing_on',
  'conversation_typing_off',
  'inbox_created',
  'inbox_updated',
] as const;

const id = z.int().min(1).max(2_147_483_647);
const text = z.string().nullable().optional();
const unixSeconds = z.number().min(0);
const isoTime = z.iso.datetime({ offset: true });

const sender = z.looseObject({
  id,
  name: text,
  email: text,
  phone_number: text,
  identifier: text,
  type: z.string().optional(),
});

const change = <T extends z.ZodType>(value: T) =>
  z.looseObject({ previous_value: value.nullable().optional(), current_value: value.nullable().optional() });

const changedAttributes = z
  .array(
    z.looseObject({
      updated_at: change(isoTime).optional(),
      status: change(z.enum(['open', 'pending', 'resolved', 'snoozed'])).optional(),
      assignee_id: change(id).optional(),
      assignee_agent_bot_id: change(id).optional(),
      team_id: change(id).optional(),
      label_list: change(z.array(z.string().min(1))).optional(),
    }),
  )
  .nullable()
  .optional();

const channel = z.string().refine((value) => CHATWOOT_CHANNEL_TYPES.includes(value), { message: 'unknown Chatwoot channel type' });

/** The contact's row for the inbox; older or trimmed payloads may lack some of it, and then it is not read. */
const contactInbox = z.looseObject({ contact_id: id.optional(), source_id: text, updated_at: isoTime.optional() });

const conversation = z.looseObject({
  id,
  inbox_id: id,
  channel,
  contact_inbox: contactInbox.nullable().optional(),
  additional_attributes: z.looseObject({}).nullable().optional(),
  status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
  labels: z.array(z.string().min(1)).optional(),
  meta: z.looseObject({
    sender,
    assignee: sender.nullable().optional(),
    assignee_type: z.enum(['User', 'AgentBot']).nullable().optional(),
    team: z.looseObject({ id, name: text }).nullable().optional(),
  }),
  messages: z.array(z.looseObject({ id, content: text })).optional(),
  created_at: unixSeconds,
  updated_at: unixSeconds,
});

type Conversation = z.infer<typeof conversation>;

const conversationPayload = conversation.extend({ changed_attributes: changedAttributes });

const messagePayload = z.looseObject({
  id,
  content: text,
  content_type: z.string().min(1),
  content_attributes: z.looseObject({}).nullable().optional(),
  additional_attributes: z.looseObject({}).nullable().optional(),
  message_type: z.enum(['incoming', 'outgoing', 'template', 'activity']),
  private: z.boolean(),
  created_at: isoTime,
  sender: sender.nullable().optional(),
  inbox: z.looseObject({ id, name: text }),
  conversation,
  attachments: z.array(z.looseObject({ file_type: z.string() })).optional(),
});

const customAttributes = z.record(z.string().min(1).max(1000), z.unknown());

const contactPayload = z.looseObject({
  id,
  name: text,
  email: text,
  phone_number: text,
  identifier: text,
  custom_attributes: customAttributes.nullable().optional(),
  additional_attributes: z.looseObject({}).nullable().optional(),
  changed_attributes: z
    .array(
      z.looseObject({
        updated_at: change(isoTime).optional(),
        custom_attributes: change(customAttributes).optional(),
        additional_attributes: change(z.looseObject({})).optional(),
      }),
    )
    .nullable()
    .optional(),
});

const csatResponse = z.looseObject({ rating: z.int().min(1).max(5), feedback_message: text });

function parse<T extends z.ZodType>(schema: T, payload: unknown, at = '$'): z.infer<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), at);
  throw new ChatwootPayloadError('MALFORMED_PAYLOAD', path, `${path}: ${issue.message}`);
}

/** The kind of an assignee or sender from its `type` (`push_event_data` and `webhook_data` both carry it for agents). */
function kindOf(type: string | undefined): SenderKind | 'contact' {
  if (type === 'user') return 'user';
  if (type === 'agent_bot') return 'agent_bot';
  if (type === 'captain_assistant') return 'captain_assistant';
  return 'contact';
}

function assigneeOf(c: Conversation): Assignee | null {
  const assignee = c.meta.assignee;
  if (!assignee) return null;
  const kind = c.meta.assignee_type === 'AgentBot' ? 'agent_bot' : kindOf(assignee.type ?? 'user');
  return kind === 'contact' ? null : { kind, id: assignee.id };
}

/** Every conversation payload names its inbox, contact, assignee, team and labels; each becomes an upsert, and the conversation itself. */
function conversationEntities(c: Conversation): GenericEvent[] {
  const events: GenericEvent[] = [
    inboxUpserted({ id: c.inbox_id, name: null, channel: preciseChannel(c.channel, c.contact_inbox?.source_id), at: isoOf(c.created_at) }),
    contactUpserted({
      id: c.meta.sender.id,
      name: c.meta.sender.name ?? null,
      email: c.meta.sender.email ?? null,
      phoneNumber: c.meta.sender.phone_number ?? null,
      identifier: c.meta.sender.identifier ?? null,
      at: null,
    }),
  ];
  const assignee = assigneeOf(c);
  if (assignee && c.meta.assignee)
    events.push(agentUpserted({ kind: assignee.kind, id: assignee.id, name: c.meta.assignee.name ?? '', at: isoOf(c.created_at) }));
  if (c.meta.team) events.push(teamUpserted(c.meta.team.id, c.meta.team.name ?? ''));
  for (const title of c.labels ?? []) events.push(topicUpserted(title));
  events.push(conversationCreated({ displayId: c.id, inboxId: c.inbox_id, contactId: c.meta.sender.id, createdAt: isoOf(c.created_at) }));
  const row = c.contact_inbox;
  if (row?.source_id && row.updated_at) {
    const identity = contactInboxAttribute({
      contactId: row.contact_id ?? c.meta.sender.id,
      channel: preciseChannel(c.channel, row.source_id),
      sourceId: row.source_id,
      at: row.updated_at,
    });
    if (identity && identity.data.contact === events[1].data.contact) events.push(identity);
  }
  events.push(...conversationBrowser(c.meta.sender.id, c.additional_attributes, isoOf(c.created_at)));
  return events;
}

type Change<T> = { previous_value?: T | null; current_value?: T | null };

function changeOf<T>(changes: Array<Record<string, unknown>>, key: string): Change<T> | undefined {
  for (const entry of changes) if (entry[key] !== undefined) return entry[key] as Change<T>;
  return undefined;
}

function conversationChanges(event: string, c: z.infer<typeof conversationPayload>): GenericEvent[] {
  const events = conversationEntities(c);
  const assignee = assigneeOf(c);
  if (event === 'conversation_created') {
    events.push(...statusChanged(c.id, c.status as ChatwootStatus, isoOf(c.created_at), assignee));
    for (const title of c.labels ?? []) events.push(labelChanged(c.id, title, 'added', isoOf(c.created_at)));
    return events;
  }
  if (event === 'conversation_status_changed') {
    // changed_attributes is always null here (webhooks.md §4.1): the new status is the snapshot's, dated by the snapshot.
    events.push(...statusChanged(c.id, c.status as ChatwootStatus, isoOf(c.updated_at), assignee));
    return events;
  }
  const changes = (c.changed_attributes ?? []) as Array<Record<string, unknown>>;
  const at = changeOf<string>(changes, 'updated_at')?.current_value ?? isoOf(c.updated_at);
  const status = changeOf<ChatwootStatus>(changes, 'status');
  if (status?.current_value) {
    events.push(...statusChanged(c.id, status.current_value, at, assignee));
    if (status.previous_value === 'pending' && status.current_value === 'open') events.push(handedOver(c.id, at));
  }
  const user = changeOf<number>(changes, 'assignee_id');
  const bot = changeOf<number>(changes, 'assignee_agent_bot_id');
  if (user || bot) {
    const next: Assignee | null = user?.current_value
      ? { kind: 'user', id: user.current_value }
      : bot?.current_value
        ? { kind: 'agent_bot', id: bot.current_value }
        : null;
    if (next && !events.some((e) => e.type === 'agent.upserted'))
      events.push(agentUpserted({ kind: next.kind, id: next.id, name: '', at: PLACEHOLDER_AT }));
    events.push(assigned(c.id, next, at));
  }
  const team = changeOf<number>(changes, 'team_id');
  if (team) {
    if (team.current_value && !c.meta.team) events.push(teamUpserted(team.current_value, ''));
    events.push(teamChanged(c.id, team.current_value ?? null, at));
  }
  const labels = changeOf<string[]>(changes, 'label_list');
  if (labels) {
    const before = new Set((labels.previous_value ?? []).map((title) => title.toLowerCase()));
    const after = new Set((labels.current_value ?? []).map((title) => title.toLowerCase()));
    for (const title of after) if (!before.has(title)) events.push(topicUpserted(title), labelChanged(c.id, title, 'added', at));
    for (const title of before) if (!after.has(title)) events.push(topicUpserted(title), labelChanged(c.id, title, 'removed', at));
  }
  return events;
}

const MESSAGE_TYPES = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
const SENDER_TYPES = { user: 'User', agent_bot: 'AgentBot', captain_assistant: 'Captain::Assistant', contact: 'Contact' } as const;

function messageChanges(event: string, m: z.infer<typeof messagePayload>): GenericEvent[] {
  const c = m.conversation;
  const events = conversationEntities(c);
  events[0] = inboxUpserted({
    id: m.inbox.id,
    name: m.inbox.name ?? null,
    channel: preciseChannel(c.channel, c.contact_inbox?.source_id),
    at: m.created_at,
  });
  const attributes = (m.content_attributes ?? {}) as Record<string, unknown>;
  const extra = (m.additional_attributes ?? {}) as Record<string, unknown>;
  const senderKind = m.sender ? kindOf(m.sender.type) : null;
  if (m.sender && senderKind === 'contact') {
    events.push(
      contactUpserted({
        id: m.sender.id,
        name: m.sender.name ?? null,
        email: m.sender.email ?? null,
        phoneNumber: m.sender.phone_number ?? null,
        identifier: m.sender.identifier ?? null,
        at: m.created_at,
      }),
    );
  } else if (m.sender && senderKind && senderKind !== 'contact') {
    events.push(
      agentUpserted({ kind: senderKind, id: m.sender.id, name: m.sender.name ?? '', email: m.sender.email ?? null, at: m.created_at }),
    );
  }
  // The payload's content is rendered for the channel (HTML for the widget); the raw text is the snapshot's when it is this message.
  const raw = c.messages?.find((item) => item.id === m.id);
  const content = raw ? (raw.content ?? null) : (m.content ?? null);
  const editedAt = event === 'message_updated' ? secondOf(c.updated_at) : null;
  events.push(
    ...messageEvents(
      {
        id: m.id,
        displayId: c.id,
        messageType: MESSAGE_TYPES[m.message_type],
        contentType: m.content_type,
        private: m.private,
        senderType: senderKind ? SENDER_TYPES[senderKind] : null,
        senderId: m.sender?.id ?? null,
        content,
        createdAt: m.created_at,
        automation: attributes.automation_rule_id !== undefined && attributes.automation_rule_id !== null,
        campaign: extra.campaign_id !== undefined && extra.campaign_id !== null,
        attachmentTypes: (m.attachments ?? []).map((attachment) => attachment.file_type),
        deleted: attributes.deleted === true,
      },
      // An edit is dated by the snapshot the update touched; the creation's content by the creation.
      editedAt,
    ),
  );
  const submitted = (attributes.submitted_values as Record<string, unknown> | undefined)?.csat_survey_response;
  if (event === 'message_updated' && submitted !== undefined) {
    const answer = parse(csatResponse, submitted, '$.content_attributes.submitted_values.csat_survey_response');
    events.push(csatAnswered(c.id, answer.rating, answer.feedback_message ?? null, isoOf(c.updated_at)));
  }
  return events;
}

/**
 * A created contact brings all its custom attributes; an update only those its changes name (set,
 * changed or removed): `contact_updated` fires on every incoming message (`last_activity_at`), and
 * repeating every attribute each time would only grow the log.
 */
function contactChanges(event: string, p: z.infer<typeof contactPayload>): GenericEvent[] {
  const changes = p.changed_attributes ?? [];
  const updatedAt = changes.map((entry) => entry.updated_at?.current_value).find(Boolean);
  const at = updatedAt ? isoOf(updatedAt) : null;
  const events = [
    contactUpserted({
      id: p.id,
      name: p.name ?? null,
      email: p.email ?? null,
      phoneNumber: p.phone_number ?? null,
      identifier: p.identifier ?? null,
      at,
    }),
  ];
  if (event === 'contact_created')
    return [...events, ...contactAttributes(p.id, p.custom_attributes, at), ...contactFields(p.id, p.additional_attributes, at)];
  const attributes = changes.map((entry) => entry.custom_attributes).find(Boolean);
  if (attributes) {
    const before = attributes.previous_value ?? {};
    const after = attributes.current_value ?? {};
    // A key without a value and a missing key both hold no attribute.
    const held = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (held(before[name]) !== held(after[name])) events.push(contactAttributeSet(p.id, name, after[name], at));
    }
  }
  const fields = changes.map((entry) => entry.additional_attributes).find(Boolean);
  if (fields) {
    const before = (fields.previous_value ?? {}) as Record<string, unknown>;
    const after = (fields.current_value ?? {}) as Record<string, unknown>;
    for (const name of CONTACT_FIELDS) {
      const value = contactFieldValue(after[name]);
      if (contactFieldValue(before[name]) !== value) events.push(contactAttributeSet(p.id, name, value, at, 'default'));
    }
  }
  return events;
}

export type MappedDelivery = { event: string; stored: true; events: GenericEvent[] } | { event: string; stored: false };

/** One delivery as generic events, or acknowledged; a payload that is not Chatwoot's raises a coded error with its JSON path. */
export function mapWebhook(payload: unknown): MappedDelivery {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new ChatwootPayloadError('MALFORMED_PAYLOAD', '$', 'A Chatwoot delivery is a JSON object with an `event`.');
  const event = (payload as Record<string, unknown>).event;
  if (typeof event !== 'string') throw new ChatwootPayloadError('MALFORMED_PAYLOAD', '$.event', '$.event is required and is a string.');
  if ((ACKNOWLEDGED_EVENTS as readonly string[]).includes(event)) return { event, stored: false };
  if (event.startsWith('conversation_')) {
    if (!(STORED_EVENTS as readonly string[]).includes(event)) throw unknownEvent(event);
    return { event, stored: true, events: conversationChanges(event, parse(conversationPayload, payload)) };
  }
  if (event === 'message_created' || event === 'message_updated') {
    const message = parse(messagePayload, payload);
    // Chatwoot never sends activity messages to webhooks (§2); one that comes anyway is kept like the import keeps it.
    return { event, stored: true, events: messageChanges(event, message) };
  }
  if (event === 'contact_created' || event === 'contact_updated')
    return { event, stored: true, events: contactChanges(event, parse(contactPayload, payload)) };
  throw unknownEvent(event);
}

function unknownEvent(event: string): ChatwootPayloadError {
  return new ChatwootPayloadError(
    'UNKNOWN_EVENT',
    '$.event',
    `Unknown Chatwoot event "${event.slice(0, 100)}"; the account webhook sends ${[...STORED_EVENTS, ...ACKNOWLEDGED_EVENTS].join(', ')}.`,
  );
}
