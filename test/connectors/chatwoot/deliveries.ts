import { WIDGET_CONVERSATION_ATTRIBUTES } from './account';

/**
 * The hand-written account of ./account.ts as the webhook deliveries Chatwoot would have sent for
 * it, built in the shapes of the reference payloads (webhooks.md §3): conversation snapshots with
 * `changed_attributes`, message payloads with their conversation, contact payloads. Activity lines
 * are never sent (§7), nor are agents, teams, labels or memberships.
 */

const unix = (iso: string) => Date.parse(iso) / 1000;

interface Person {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
}

const JULIANA: Person = { id: 2087, name: 'Juliana Ribeiro', email: null, phone_number: '+5511987654321' };
const JULIANA_WITH_EMAIL: Person = { ...JULIANA, email: 'juliana.ribeiro@gmail.com' };
const MARCOS: Person = { id: 2088, name: 'Marcos Dias', email: 'marcos@example.com', phone_number: null };
const RAFAEL = { id: 14, name: 'Rafael Souza', email: 'rafael.souza@casaverde.com.br' };
const ANA = { id: 15, name: 'Ana Lima', email: 'ana.lima@casaverde.com.br' };
const BIA = { id: 5, name: 'Bia' };

interface ContactInbox {
  id: number;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  created_at: string;
  updated_at: string;
}

interface ConversationState {
  id: number;
  inbox: { id: number; name: string; channel: string };
  contact: Person;
  contactInbox: ContactInbox;
  attributes: Record<string, unknown>;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  assignee: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  labels: string[];
  created: string;
  updated: string;
}

const contactPush = (c: Person) => ({
  additional_attributes: {},
  custom_attributes: {},
  ...c,
  identifier: null,
  thumbnail: '',
  blocked: false,
  type: 'contact',
});

function conversation(s: ConversationState): Record<string, unknown> {
  return {
    additional_attributes: s.attributes,
    can_reply: true,
    channel: s.inbox.channel,
    contact_inbox: { ...s.contactInbox, hmac_verified: false, pubsub_token: `pubsub-${s.contactInbox.id}` },
    id: s.id,
    inbox_id: s.inbox.id,
    messages: [],
    labels: s.labels,
    meta: {
      sender: contactPush(s.contact),
      assignee: s.assignee
        ? {
            id: s.assignee.id,
            name: s.assignee.name,
            available_name: s.assignee.name,
            avatar_url: '',
            type: 'user',
            availability_status: null,
            thumbnail: '',
          }
        : null,
      assignee_type: s.assignee ? 'User' : null,
      team: s.team,
      hmac_verified: false,
    },
    status: s.status,
    custom_attributes: {},
    snoozed_until: null,
    created_at: Math.floor(unix(s.created)),
    updated_at: unix(s.updated),
  };
}

function conversationEvent(
  event: string,
  s: ConversationState,
  changes: Record<string, [unknown, unknown]> | null,
): Record<string, unknown> {
  const changed = changes
    ? Object.entries({ ...changes, updated_at: [null, s.updated] }).map(([key, [previous, current]]) => ({
        [key]: { previous_value: previous, current_value: current },
      }))
    : null;
  return { ...conversation(s), event, ...(event === 'conversation_created' ? {} : { changed_attributes: changed }) };
}

interface MessageSpec {
  id: number;
  content: string;
  type: 'incoming' | 'outgoing' | 'template';
  at: string;
  sender: Record<string, unknown> | null;
  private?: boolean;
  contentType?: string;
  contentAttributes?: Record<string, unknown>;
}

function messageEvent(event: string, m: MessageSpec, s: ConversationState): Record<string, unknown> {
  const snapshot = conversation(s);
  // The snapshot's latest chat message is this one, with its raw content (the payload's own is rendered for the channel).
  snapshot.messages = [{ id: m.id, content: m.content, message_type: ['incoming', 'outgoing', 'activity', 'template'].indexOf(m.type) }];
  return {
    account: { id: 3, name: 'Casa Verde Móveis' },
    additional_attributes: {},
    content_attributes: m.contentAttributes ?? {},
    content_type: m.contentType ?? 'text',
    content: s.inbox.channel === 'Channel::WebWidget' ? `<p>${m.content}</p>` : m.content,
    conversation: snapshot,
    created_at: m.at,
    id: m.id,
    inbox: { id: s.inbox.id, name: s.inbox.name },
    message_type: m.type,
    private: m.private ?? false,
    sender: m.sender,
    source_id: null,
    event,
  };
}

const contactSender = (c: Person) => ({
  account: { id: 3, name: 'Casa Verde Móveis' },
  additional_attributes: {},
  avatar: '',
  custom_attributes: {},
  ...c,
  identifier: null,
  thumbnail: '',
  blocked: false,
});
const userSender = (u: { id: number; name: string; email: string }) => ({ ...u, type: 'user' });

const WHATSAPP = { id: 11, name: 'WhatsApp Atendimento', channel: 'Channel::Whatsapp' };
const SITE = { id: 12, name: 'Site', channel: 'Channel::WebWidget' };

/** Every delivery of the account's two conversations, in the order Chatwoot would have sent them. */
export function accountDeliveries(): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  let a: ConversationState = {
    id: 482,
    inbox: WHATSAPP,
    contact: JULIANA,
    contactInbox: {
      id: 3109,
      contact_id: 2087,
      inbox_id: 11,
      source_id: '5511987654321',
      created_at: '2026-02-14T18:40:12.000Z',
      updated_at: '2026-02-14T18:40:12.000Z',
    },
    attributes: {},
    status: 'open',
    assignee: null,
    team: null,
    labels: [],
    created: '2026-03-09T12:14:03.237Z',
    updated: '2026-03-09T12:14:03.237Z',
  };
  const at = (s: ConversationState, updated: string, change: Partial<ConversationState> = {}) => ({ ...s, ...change, updated });
  out.push(conversationEvent('conversation_created', a, null));
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881204,
        content: 'Oi, boa tarde! O sofá chegou rasgado.',
        type: 'incoming',
        at: '2026-03-09T12:14:03.236Z',
        sender: contactSender(JULIANA),
      },
      a,
    ),
  );
  a = at(a, '2026-03-09T12:16:40.118Z', { assignee: RAFAEL });
  out.push(conversationEvent('conversation_updated', a, { assignee_id: [null, 14] }));
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881211,
        content: 'Olá, Juliana! Pode me enviar uma foto?',
        type: 'outgoing',
        at: '2026-03-09T12:18:05.771Z',
        sender: userSender(RAFAEL),
      },
      a,
    ),
  );
  // The WhatsApp read receipt of 881211: a message_updated that changes no content (webhooks.md §2).
  const reply: MessageSpec = {
    id: 881211,
    content: 'Olá, Juliana! Pode me enviar uma foto?',
    type: 'outgoing',
    at: '2026-03-09T12:18:05.771Z',
    sender: userSender(RAFAEL),
  };
  out.push(messageEvent('message_updated', reply, at(a, '2026-03-09T12:19:02.440Z')));
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881215,
        content: 'Cliente VIP, priorizar troca.',
        type: 'outgoing',
        private: true,
        at: '2026-03-09T12:19:30.402Z',
        sender: userSender(RAFAEL),
      },
      a,
    ),
  );
  a = at(a, '2026-03-09T12:21:10.915Z', { labels: ['avaria', 'troca'] });
  out.push(
    conversationEvent('conversation_updated', a, { cached_label_list: [null, 'avaria, troca'], label_list: [[], ['avaria', 'troca']] }),
  );
  a = { ...a, contact: JULIANA_WITH_EMAIL };
  const julianaAttributes = { plano: 'ouro', cliente_desde: 2019, vip: true };
  out.push({
    ...contactSender(JULIANA_WITH_EMAIL),
    custom_attributes: julianaAttributes,
    additional_attributes: { city: 'Campinas' },
    event: 'contact_updated',
    changed_attributes: [
      { email: { previous_value: null, current_value: JULIANA_WITH_EMAIL.email } },
      { custom_attributes: { previous_value: { plano: 'prata' }, current_value: julianaAttributes } },
      { additional_attributes: { previous_value: {}, current_value: { city: 'Campinas' } } },
      { location: { previous_value: null, current_value: 'Campinas' } },
      { updated_at: { previous_value: null, current_value: '2026-03-09T12:22:48.300Z' } },
    ],
  });
  a = at(a, '2026-03-09T12:30:00.050Z', { labels: ['avaria'] });
  out.push(
    conversationEvent('conversation_updated', a, {
      cached_label_list: ['avaria, troca', 'avaria'],
      label_list: [['avaria', 'troca'], ['avaria']],
    }),
  );
  a = at(a, '2026-03-09T12:40:00.512Z', { status: 'resolved' });
  out.push(conversationEvent('conversation_status_changed', { ...a, updated: '2026-03-09T12:40:00.578Z' }, null));
  out.push(conversationEvent('conversation_updated', a, { status: ['open', 'resolved'] }));
  const survey: MessageSpec = {
    id: 881240,
    content: 'Conta pra gente: como foi o seu atendimento?',
    type: 'template',
    at: '2026-03-09T12:40:00.577Z',
    sender: null,
    contentType: 'input_csat',
    contentAttributes: { display_type: 'emoji' },
  };
  out.push(messageEvent('message_created', survey, a));
  const answered = at(a, '2026-03-09T12:52:17.640Z');
  out.push(
    messageEvent(
      'message_updated',
      {
        ...survey,
        contentAttributes: { display_type: 'emoji', submitted_values: { csat_survey_response: { rating: 4, feedback_message: 'Bom' } } },
      },
      answered,
    ),
  );
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881250,
        content: 'Oi de novo, a troca não chegou.',
        type: 'incoming',
        at: '2026-03-09T13:05:00.000Z',
        sender: contactSender(JULIANA_WITH_EMAIL),
      },
      answered,
    ),
  );
  a = at(a, '2026-03-09T13:05:00.200Z', { status: 'open' });
  out.push(conversationEvent('conversation_updated', a, { status: ['resolved', 'open'] }));
  out.push(
    messageEvent(
      'message_created',
      { id: 881251, content: 'Vou verificar agora mesmo.', type: 'outgoing', at: '2026-03-09T13:07:00.000Z', sender: userSender(RAFAEL) },
      a,
    ),
  );
  a = at(a, '2026-03-09T13:10:00.300Z', { status: 'resolved' });
  out.push(conversationEvent('conversation_updated', a, { status: ['open', 'resolved'] }));

  let b: ConversationState = {
    id: 483,
    inbox: SITE,
    contact: MARCOS,
    contactInbox: {
      id: 3110,
      contact_id: 2088,
      inbox_id: 12,
      source_id: 'b1f0c7e2',
      created_at: '2026-03-09T13:59:00.000Z',
      updated_at: '2026-03-09T13:59:00.000Z',
    },
    attributes: WIDGET_CONVERSATION_ATTRIBUTES,
    status: 'pending',
    assignee: null,
    team: null,
    labels: [],
    created: '2026-03-09T14:00:00.100Z',
    updated: '2026-03-09T14:00:00.100Z',
  };
  out.push({
    ...contactSender(MARCOS),
    custom_attributes: { origem: 'site', newsletter: null },
    additional_attributes: { company_name: 'Dias Arquitetura', social_profiles: { linkedin: 'marcosdias' } },
    event: 'contact_created',
  });
  out.push(conversationEvent('conversation_created', b, null));
  out.push(
    messageEvent(
      'message_created',
      { id: 881300, content: 'Boa tarde', type: 'incoming', at: '2026-03-09T14:00:05.000Z', sender: contactSender(MARCOS) },
      b,
    ),
  );
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881301,
        content: 'Olá! Sou a Bia, como posso ajudar?',
        type: 'outgoing',
        at: '2026-03-09T14:00:06.000Z',
        sender: { ...BIA, type: 'agent_bot' },
      },
      b,
    ),
  );
  out.push(
    messageEvent(
      'message_created',
      {
        id: 881302,
        content: 'Quero falar com uma pessoa',
        type: 'incoming',
        at: '2026-03-09T14:01:00.000Z',
        sender: contactSender(MARCOS),
      },
      b,
    ),
  );
  b = at(b, '2026-03-09T14:01:30.400Z', { status: 'open' });
  out.push(conversationEvent('conversation_updated', b, { status: ['pending', 'open'] }));
  b = at(b, '2026-03-09T14:02:00.000Z', { team: { id: 7, name: 'suporte' }, assignee: ANA });
  out.push(conversationEvent('conversation_updated', b, { team_id: [null, 7], assignee_id: [null, 15] }));
  out.push(
    messageEvent(
      'message_created',
      { id: 881303, content: 'Oi Marcos, aqui é a Ana.', type: 'outgoing', at: '2026-03-09T14:05:30.400Z', sender: userSender(ANA) },
      b,
    ),
  );
  return out;
}
