import crypto from 'node:crypto';
import { channelOf } from './channels';

/**
 * Chatwoot facts as generic ingestion events. The webhook receiver and the database import both
 * build their events here, so one fact gets the same event id and data whichever way it came:
 * the log keeps the first and counts the other as a duplicate, which is what makes the import a
 * reconcile that changes nothing already right.
 */

export interface GenericEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * The instant of upserts built from a snapshot that lacks some of the entity's fields (a payload
 * names an inbox but not its name, an assignee without an e-mail): any complete upsert, dated by
 * its real time, overrides them.
 */
export const PLACEHOLDER_AT = '1970-01-01T00:00:00.000Z';

/** Chatwoot's id spaces: users and agent bots collide, as do display ids and internal conversation ids. */
export const ids = {
  inbox: (id: number | string) => `inbox:${id}`,
  contact: (id: number | string) => `contact:${id}`,
  user: (id: number | string) => `user:${id}`,
  bot: (id: number | string) => `bot:${id}`,
  captain: (id: number | string) => `captain:${id}`,
  team: (id: number | string) => `team:${id}`,
  label: (title: string) => `label:${title.toLowerCase()}`,
  conversation: (displayId: number | string) => `conversation:${displayId}`,
  message: (id: number | string) => `message:${id}`,
};

function digest(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** ISO with milliseconds, UTC. */
export function isoOf(value: Date | string | number): string {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return date.toISOString();
}

/** Conversation changes are dated to the second: Chatwoot's own metrics are, and its payloads and tables differ below that. */
export function secondOf(value: Date | string | number): string {
  const date = typeof value === 'number' ? new Date(Math.floor(value) * 1000) : new Date(value);
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}

const stamp = (iso: string) => iso.replace(/[-:.]/g, '');

/** An upsert whose id is its subject, state and time: a repeat is a duplicate, a new state or time a new version. */
function upsert(type: string, subject: string, at: string, data: Record<string, unknown>): GenericEvent {
  return { id: `${subject}:${digest([data, at])}`, type, occurredAt: at, data };
}

export interface InboxFact {
  id: number;
  name: string | null;
  channel: string;
  at: string;
}

export function inboxUpserted(fact: InboxFact): GenericEvent {
  const channel = channelOf(fact.channel);
  if (!channel) throw new Error(`unknown channel ${fact.channel}`);
  const complete = fact.name !== null && fact.name.trim() !== '';
  return upsert('inbox.upserted', ids.inbox(fact.id), complete ? fact.at : PLACEHOLDER_AT, {
    inbox: ids.inbox(fact.id),
    name: complete ? fact.name : `Chatwoot inbox ${fact.id}`,
    channelType: channel.channelType,
    medium: channel.medium,
  });
}

export interface ChannelFact {
  inboxId: number;
  address: string | null;
  senderNumber: string | null;
  provider: string | null;
  at: string;
}

/** What only the channel row knows of an inbox (webhook payloads never carry it), so only the import sends it. */
export function inboxChannelSet(fact: ChannelFact): GenericEvent {
  const value = (text: string | null) => (text && text.trim() !== '' ? text.slice(0, 1000) : null);
  return upsert('inbox.channel_set', `${ids.inbox(fact.inboxId)}:channel`, fact.at, {
    inbox: ids.inbox(fact.inboxId),
    address: value(fact.address),
    senderNumber: value(fact.senderNumber),
    provider: value(fact.provider),
  });
}

/**
 * Twilio inboxes carry WhatsApp as well as SMS; a payload's channel does not say which, but the
 * contact's id in it does (Twilio's WhatsApp senders are `whatsapp:+<digits>`).
 */
export function preciseChannel(channel: string, sourceId: string | null | undefined): string {
  return channel === 'Channel::TwilioSms' && sourceId?.startsWith('whatsapp:') ? 'Channel::Whatsapp' : channel;
}

export interface ContactInboxFact {
  contactId: number;
  /** The inbox's Chatwoot channel type, made precise by `preciseChannel`. */
  channel: string;
  sourceId: string;
  at: string;
}

/**
 * A contact's id within an inbox (`contact_inboxes.source_id`: a WhatsApp number, a widget
 * visitor's uuid, an e-mail address…) as a stored attribute of type medium named by the channel
 * (`whatsapp_id`, `web_widget_id`…): the platform gave it, and the contact_attributes report shows it.
 */
export function contactInboxAttribute(fact: ContactInboxFact): GenericEvent | null {
  const channel = channelOf(fact.channel);
  if (!channel || fact.sourceId.trim() === '') return null;
  return upsert('contact.attribute_set', ids.contact(fact.contactId), secondOf(fact.at), {
    contact: ids.contact(fact.contactId),
    name: `${channel.channelType}_id`,
    value: fact.sourceId.slice(0, 20_000),
    attributeType: 'medium',
  });
}

export interface ContactFact {
  id: number;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  /** Null when the payload carries no time for it. */
  at: string | null;
}

export function contactUpserted(fact: ContactFact): GenericEvent {
  const primary = fact.phoneNumber || fact.email || fact.identifier || `chatwoot-contact-${fact.id}`;
  return upsert('contact.upserted', ids.contact(fact.id), fact.at ?? PLACEHOLDER_AT, {
    contact: ids.contact(fact.id),
    medium: 'Chatwoot',
    name: fact.name || null,
    email: fact.email || null,
    phoneNumber: fact.phoneNumber || null,
    primaryIdentifier: primary.slice(0, 1000),
    secondaryIdentifier: fact.identifier && fact.identifier !== primary ? fact.identifier : null,
  });
}

/** A custom attribute's value as text: strings as they are, numbers and booleans as written, lists and objects as JSON. */
function attributeText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * One of a contact's `custom_attributes` (Chatwoot's account-defined attributes, a key → value
 * object) as a stored attribute of type custom; an undefined or null value clears it.
 */
export function contactAttributeSet(
  contactId: number,
  name: string,
  value: unknown,
  at: string | null,
  attributeType: 'custom' | 'default' | 'medium' = 'custom',
): GenericEvent {
  return upsert('contact.attribute_set', ids.contact(contactId), at ?? PLACEHOLDER_AT, {
    contact: ids.contact(contactId),
    name,
    value: attributeText(value),
    attributeType,
  });
}

/** The attributes a snapshot of `custom_attributes` holds; keys without a value hold none. */
export function contactAttributes(
  contactId: number,
  attributes: Record<string, unknown> | null | undefined,
  at: string | null,
): GenericEvent[] {
  return Object.entries(attributes ?? {})
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => contactAttributeSet(contactId, name, value, at));
}

/**
 * The keys of a contact's `additional_attributes` that Chatwoot's contact form shows as its own
 * fields: stored as attributes of type default. The rest (description, social profiles, the
 * widget's `created_at_ip`…) are not imported: free text, nested profiles and addresses no report shows.
 */
export const CONTACT_FIELDS: readonly string[] = ['company_name', 'city', 'country', 'country_code'];

/** A value of one of those fields, or null when it holds none a report could show (empty, a list, an object). */
export function contactFieldValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** The contact fields a snapshot of `additional_attributes` holds. */
export function contactFields(
  contactId: number,
  attributes: Record<string, unknown> | null | undefined,
  at: string | null,
): GenericEvent[] {
  return CONTACT_FIELDS.flatMap((name) => {
    const value = contactFieldValue(attributes?.[name]);
    return value === null ? [] : [contactAttributeSet(contactId, name, value, at, 'default')];
  });
}

/**
 * What a web-widget conversation's `additional_attributes` say of the contact's browser and the
 * page the chat began on, as attributes of type medium (the latest conversation's hold), dated by
 * the conversation. Its other keys (`initiated_at`, `browser_language`, e-mail headers…) are not imported.
 */
export function conversationBrowser(contactId: number, attributes: Record<string, unknown> | null | undefined, at: string): GenericEvent[] {
  const events: GenericEvent[] = [];
  const browser = attributes?.browser as Record<string, unknown> | undefined;
  if (browser && typeof browser === 'object' && typeof browser.browser_name === 'string' && browser.browser_name !== '') {
    const version = typeof browser.browser_version === 'string' ? browser.browser_version.split('.')[0] : '';
    const platform = typeof browser.platform_name === 'string' && browser.platform_name !== '' ? ` / ${browser.platform_name}` : '';
    events.push(
      contactAttributeSet(
        contactId,
        'browser',
        `${browser.browser_name}${version ? ` ${version}` : ''}${platform}`,
        secondOf(at),
        'medium',
      ),
    );
  }
  const referer = attributes?.referer;
  if (typeof referer === 'string' && referer.trim() !== '')
    events.push(contactAttributeSet(contactId, 'referer', referer.slice(0, 20_000), secondOf(at), 'medium'));
  return events;
}

export type SenderKind = 'user' | 'agent_bot' | 'captain_assistant';

export function agentRef(kind: SenderKind, id: number): string {
  return kind === 'user' ? ids.user(id) : kind === 'agent_bot' ? ids.bot(id) : ids.captain(id);
}

export interface AgentFact {
  kind: SenderKind;
  id: number;
  name: string;
  /** Undefined when the shape carries no e-mail field (an assignee); the upsert is then a placeholder. */
  email?: string | null;
  at: string;
}

export function agentUpserted(fact: AgentFact): GenericEvent {
  const subject = agentRef(fact.kind, fact.id);
  const complete = fact.name.trim() !== '' && (fact.kind !== 'user' || fact.email !== undefined);
  return upsert('agent.upserted', subject, complete ? fact.at : PLACEHOLDER_AT, {
    agent: subject,
    kind: fact.kind === 'user' ? 'human' : 'virtual',
    name: fact.name || `Chatwoot ${fact.kind} ${fact.id}`,
    email: fact.email ?? null,
  });
}

export function teamUpserted(id: number, name: string): GenericEvent {
  return upsert('team.upserted', ids.team(id), PLACEHOLDER_AT, { team: ids.team(id), name: name || `Chatwoot team ${id}` });
}

export function topicUpserted(title: string): GenericEvent {
  return upsert('topic.upserted', ids.label(title), PLACEHOLDER_AT, { topic: ids.label(title), name: title.toLowerCase() });
}

export interface ConversationFact {
  displayId: number;
  inboxId: number;
  contactId: number;
  createdAt: string;
}

/** Its status comes as a change of its own, so the creation reads the same from every payload. */
export function conversationCreated(fact: ConversationFact): GenericEvent {
  return {
    id: `${ids.conversation(fact.displayId)}:created`,
    type: 'conversation.created',
    occurredAt: secondOf(fact.createdAt),
    data: {
      conversation: ids.conversation(fact.displayId),
      inbox: ids.inbox(fact.inboxId),
      contact: ids.contact(fact.contactId),
      displayId: fact.displayId,
    },
  };
}

export type ChatwootStatus = 'open' | 'pending' | 'resolved' | 'snoozed';

export interface Assignee {
  kind: SenderKind;
  id: number;
}

/**
 * A move to open, pending or resolved; snoozed has no place in our model and is not one (the
 * conversation keeps the status it had, and the move out of snoozed is the next change). A
 * resolution names the assignee of that moment, as Chatwoot's own `conversation_resolved` does.
 */
export function statusChanged(displayId: number, status: ChatwootStatus, at: string, assignee: Assignee | null): GenericEvent[] {
  if (status === 'snoozed') return [];
  const resolved = status === 'resolved';
  return [
    {
      id: `${ids.conversation(displayId)}:status:${status}:${stamp(secondOf(at))}`,
      type: 'conversation.status_changed',
      occurredAt: secondOf(at),
      data: {
        conversation: ids.conversation(displayId),
        status,
        ...(resolved && assignee
          ? { agent: agentRef(assignee.kind, assignee.id), resolvedBy: assignee.kind === 'user' ? 'agent' : 'virtual_agent' }
          : {}),
        ...(resolved && !assignee ? { resolvedBy: 'system' } : {}),
      },
    },
  ];
}

/** The bot (pending) hands over to the human queue (open): Chatwoot's `conversation_bot_handoff`. */
export function handedOver(displayId: number, at: string): GenericEvent {
  return {
    id: `${ids.conversation(displayId)}:handover:${stamp(secondOf(at))}`,
    type: 'conversation.handed_over',
    occurredAt: secondOf(at),
    data: { conversation: ids.conversation(displayId) },
  };
}

export function assigned(displayId: number, assignee: Assignee | null, at: string): GenericEvent {
  const ref = assignee ? agentRef(assignee.kind, assignee.id) : null;
  return {
    id: `${ids.conversation(displayId)}:assignee:${ref ?? 'none'}:${stamp(secondOf(at))}`,
    type: 'conversation.assigned',
    occurredAt: secondOf(at),
    data: { conversation: ids.conversation(displayId), assignee: ref },
  };
}

export function teamChanged(displayId: number, teamId: number | null, at: string): GenericEvent {
  const ref = teamId === null ? null : ids.team(teamId);
  return {
    id: `${ids.conversation(displayId)}:team:${ref ?? 'none'}:${stamp(secondOf(at))}`,
    type: 'conversation.team_changed',
    occurredAt: secondOf(at),
    data: { conversation: ids.conversation(displayId), team: ref },
  };
}

export function labelChanged(displayId: number, title: string, fact: 'added' | 'removed', at: string): GenericEvent {
  return {
    id: `${ids.conversation(displayId)}:${ids.label(title)}:${fact}:${stamp(secondOf(at))}`,
    type: `conversation.topic_${fact}`,
    occurredAt: secondOf(at),
    data: { conversation: ids.conversation(displayId), topic: ids.label(title) },
  };
}

export interface MessageFact {
  id: number;
  displayId: number;
  /** 0 incoming, 1 outgoing, 2 activity, 3 template. */
  messageType: number;
  contentType: string;
  private: boolean;
  senderType: 'Contact' | 'User' | 'AgentBot' | 'Captain::Assistant' | null;
  senderId: number | null;
  content: string | null;
  createdAt: string;
  automation: boolean;
  campaign: boolean;
  attachmentTypes: string[];
  deleted: boolean;
}

const MEDIA = ['image', 'audio', 'video', 'file', 'location'];

function originOf(fact: MessageFact): { origin: string; systemUserType?: string; outboundType?: string } {
  if (fact.messageType === 0) return { origin: 'contact' };
  if (fact.messageType === 2) return { origin: 'system', systemUserType: 'system' };
  const template = fact.messageType === 3 ? { outboundType: 'template' } : {};
  if (fact.automation) return { origin: 'automation', systemUserType: 'automation', outboundType: 'auto_reply' };
  if (fact.campaign) return { origin: 'automation', systemUserType: 'automation', outboundType: 'proactive' };
  if (fact.senderType === 'User') return { origin: 'agent', outboundType: 'reply', ...template };
  if (fact.senderType === 'AgentBot' || fact.senderType === 'Captain::Assistant')
    return { origin: 'virtual_agent', systemUserType: 'virtual_agent', outboundType: 'reply', ...template };
  return { origin: 'system', systemUserType: 'system', ...template };
}

function senderOf(fact: MessageFact): Record<string, string> {
  if (fact.senderId === null) return {};
  if (fact.senderType === 'Contact') return { senderContact: ids.contact(fact.senderId) };
  if (fact.senderType === 'User') return { senderAgent: ids.user(fact.senderId) };
  if (fact.senderType === 'AgentBot') return { senderAgent: ids.bot(fact.senderId) };
  if (fact.senderType === 'Captain::Assistant') return { senderAgent: ids.captain(fact.senderId) };
  return {};
}

/**
 * A message as its creation (what never changes: direction, kind, origin, sender, privacy) plus
 * its content as an edit dated at its creation, so an edit or deletion seen first does not change
 * what the creation says. `editedAt` dates a content that is not the original (an edit).
 */
export function messageEvents(fact: MessageFact, editedAt: string | null): GenericEvent[] {
  const media = fact.attachmentTypes.find((type) => MEDIA.includes(type));
  const messageType =
    fact.messageType === 2 ? 'activity' : fact.messageType === 3 || fact.contentType === 'input_csat' ? 'template' : (media ?? 'text');
  const message = ids.message(fact.id);
  const created: GenericEvent = {
    id: `${message}:created`,
    type: 'message.created',
    occurredAt: isoOf(fact.createdAt),
    data: {
      message,
      conversation: ids.conversation(fact.displayId),
      direction: fact.messageType === 0 ? 'incoming' : 'outgoing',
      messageType,
      ...originOf(fact),
      private: fact.private,
      ...senderOf(fact),
    },
  };
  const events = [created];
  if (fact.deleted) {
    events.push({ id: `${message}:deleted`, type: 'message.deleted', occurredAt: editedAt ?? created.occurredAt, data: { message } });
    return events;
  }
  const content = fact.content === null ? null : fact.content.slice(0, 20_000);
  const at = editedAt ?? created.occurredAt;
  // `edit` sorts after `created`: at the same instant the applier takes the later event id, and the content must win.
  events.push({ id: `${message}:edit:${digest([content, at])}`, type: 'message.updated', occurredAt: at, data: { message, content } });
  if (fact.contentType === 'input_csat') {
    events.push({
      id: `${ids.conversation(fact.displayId)}:csat_sent:${fact.id}`,
      type: 'conversation.csat_sent',
      occurredAt: created.occurredAt,
      data: { conversation: ids.conversation(fact.displayId) },
    });
  }
  return events;
}

/** A CSAT answer: Chatwoot's 1 to 5 rating and its feedback; the latest answer counts. */
export function csatAnswered(displayId: number, rating: number, feedback: string | null, at: string): GenericEvent {
  return {
    id: `${ids.conversation(displayId)}:csat:${rating}:${stamp(secondOf(at))}`,
    type: 'conversation.csat_answered',
    occurredAt: secondOf(at),
    data: { conversation: ids.conversation(displayId), score: rating, followUpAnswer: feedback ? feedback.slice(0, 20_000) : null },
  };
}
