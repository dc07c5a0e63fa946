import { Database } from '../../src/db/database';
import { createAccount, insertRows } from '../support/fixtures';

/**
 * A small account whose every report value can be worked out by hand. All times are UTC on
 * 2026-03-10 unless noted; the account lives in America/Sao_Paulo (UTC-3 all year), so its
 * day 2026-03-10 is [03:00Z 10th, 03:00Z 11th). New York is on daylight time (UTC-4) that day.
 *
 * Conversations (display id, inbox, contact):
 * X #1 W C1  14:00 contact writes (x1); 14:01 bot replies (x2); 14:02 bot hands over;
 *            14:25–14:41 Ana locks; 14:30 Ana replies (x3); 14:31 Ana's private note (x4);
 *            14:35 topic Entrega; 14:36 tag urgente on x1; 14:40 Ana resolves (+ activity x5);
 *            15:00 CSAT 5.
 * Y #2 I C2  13:00 contact writes (y1); 13:05–13:07 Bruno locks and leaves;
 *            13:10–13:13 Ana locks, 13:11 topic Entrega, 13:12 resolves without reply;
 *            16:00 reopened by a new message (y2); 16:05 y4 (deleted 16:06);
 *            16:15–16:25 Bruno locks, 16:20 replies (y3), 16:21 topic Cancelado (removed 16:22)
 *            and tag urgente on y2 (removed 16:23), 16:25 moves it to Pending.
 * Z #3 W C1  12:00 template dispatch D1 (z1, through the API, requested by Bruno);
 *            12:30 contact replies (z2); 12:45 Bruno replies (z3); 18:00 bulk resolve; 18:30 CSAT 2.
 * W #4 W C1  02:30 (= 23:30 on the 9th in São Paulo) template dispatch D2 (w1) that fails; open.
 * V #5 I C2  19:00 contact writes (v1); 19:01 bot replies (v2); 19:02 bot hands over on an error; new.
 * U #6 I C2  20:00 contact writes (u1); 20:01 bot replies (u2); 20:02 bot applies topic Entrega
 *            and tags urgente + vip on u1; 20:05 bot resolves.
 *
 * Presence: Ana available 11–15, away (Almoço) 15–16, available 16–20 on the 10th, and
 * available 11–20 on the 9th; Bruno away (Reunião) 01–12 and available 12–17 on the 10th.
 */
export interface ReportFixture {
  accountId: string;
  key: string;
  inboxes: { W: string; I: string };
  agents: { ana: string; bruno: string; bot: string };
  teams: { suporte: string; vendas: string };
  topics: { entrega: string; cancelado: string };
  tags: { urgente: string; vip: string };
  contacts: { C1: string; C2: string };
  conversations: Record<'X' | 'Y' | 'Z' | 'W' | 'V' | 'U', string>;
  messages: Record<string, string>;
  attributes: { plano: string; cidade: string; idade: string };
  presences: string[];
}

const at = (time: string, day = '10') => `2026-03-${day}T${time}:00Z`;

export async function buildReportFixture(db: Database): Promise<ReportFixture> {
  const account = await createAccount(db, { name: 'Fixture Co', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
  const id = account.id;
  const insert = (table: string, rows: Record<string, unknown>[]) => insertRows(db, id, table, rows);

  const [W, I] = await insert('inboxes', [
    { name: 'WA Vendas', display_name: 'Vendas', channel_type: 'whatsapp', medium: 'WhatsApp', provider: 'Meta', official: true, portfolio: 'Varejo', sender_number: '+5511999990000', server: 'srv-1' },
    { name: '@fixture', display_name: 'Insta', channel_type: 'instagram', medium: 'Instagram', provider: null, official: true, portfolio: null, sender_number: null, server: 'srv-2' },
  ]);
  const [ana, bruno, bot] = await insert('agents', [
    { kind: 'human', name: 'Ana', email: 'ana@fixture.test', reference: 'E-1', created_at: at('10:00', '01'), last_sign_in_at: at('10:55'), last_sign_in_ip: '10.0.0.1' },
    { kind: 'human', name: 'Bruno', email: 'bruno@fixture.test', reference: 'E-2', created_at: at('10:00', '02'), last_sign_in_at: at('11:55'), last_sign_in_ip: '10.0.0.2' },
    { kind: 'virtual', name: 'Bot', email: null, reference: null, created_at: at('10:00', '01'), last_sign_in_at: null, last_sign_in_ip: null },
  ]);
  const [suporte, vendas] = await insert('teams', [
    { name: 'Suporte', created_at: at('09:00', '01') },
    { name: 'Vendas', created_at: at('09:00', '02') },
  ]);
  await insert('team_members', [
    { team_id: suporte, agent_id: ana },
    { team_id: vendas, agent_id: bruno },
  ]);
  await insert('inbox_members', [
    { inbox_id: W, agent_id: ana },
    { inbox_id: I, agent_id: ana },
    { inbox_id: W, agent_id: bruno },
  ]);
  const [entrega, cancelado] = await insert('topics', [
    { name: 'Entrega', active: true },
    { name: 'Cancelado', active: false },
  ]);
  const [urgente, vip] = await insert('tags', [
    { name: 'urgente', active: true },
    { name: 'vip', active: true },
  ]);
  const [C1, C2] = await insert('contacts', [
    { medium: 'WhatsApp', name: 'Carla', email: 'carla@example.com', phone_number: '+5511988887777', primary_identifier: '+5511988887777', secondary_identifier: 'Carla', created_at: at('08:00', '01'), updated_at: at('08:00', '05') },
    { medium: 'Instagram', name: 'Dan', email: null, phone_number: null, primary_identifier: '@dan', secondary_identifier: 'Dan', created_at: at('08:00', '02'), updated_at: at('08:00', '06') },
  ]);
  const [plano, cidade, idade] = await insert('contact_attributes', [
    { contact_id: C1, name: 'plano', value: 'ouro', type: 'custom' },
    { contact_id: C1, name: 'cidade', value: 'São Paulo', type: 'default' },
    { contact_id: C2, name: 'idade', value: '30', type: 'default' },
  ]);

  const conversation = (row: Record<string, unknown>) => ({
    resolved_at: null, first_resolved_at: null, resolved_by: null, resolve_trigger: null, resolved_by_agent_id: null,
    resolve_reason: null, resolve_comment: null, last_status_change_agent_id: null, last_status_change_team_id: null,
    assignee_id: null, team_id: null, csat_score: null, csat_status: null, csat_follow_up_question: null,
    csat_follow_up_answer: null, csat_responded_at: null, language: 'pt-BR',
    ...row,
  });
  const [X, Y, Z, Wc, V, U] = await insert('conversations', [
    conversation({ display_id: 1, inbox_id: W, contact_id: C1, status: 'resolved', created_at: at('14:00'), updated_at: at('15:00'), first_resolved_at: at('14:40'), resolved_at: at('14:40'), resolved_by: 'agent', resolve_trigger: 'human_agent', resolved_by_agent_id: ana, resolve_reason: 'Dúvida sanada', resolve_comment: 'ok', last_status_change_agent_id: ana, last_status_change_team_id: suporte, assignee_id: ana, team_id: suporte, csat_score: 5, csat_status: 'completed', csat_follow_up_question: 'O que melhorar?', csat_follow_up_answer: 'Nada', csat_responded_at: at('15:00'), url: 'https://app.test/c/1' }),
    conversation({ display_id: 2, inbox_id: I, contact_id: C2, status: 'pending', created_at: at('13:00'), updated_at: at('16:25'), first_resolved_at: at('13:12'), resolved_at: at('13:12'), resolved_by: 'agent', resolve_trigger: 'human_agent', resolved_by_agent_id: ana, last_status_change_agent_id: bruno, last_status_change_team_id: vendas, assignee_id: bruno, team_id: vendas, url: 'https://app.test/c/2' }),
    conversation({ display_id: 3, inbox_id: W, contact_id: C1, status: 'resolved', created_at: at('12:00'), updated_at: at('18:30'), first_resolved_at: at('18:00'), resolved_at: at('18:00'), resolved_by: 'bulk', resolve_trigger: 'automation', assignee_id: bruno, team_id: vendas, csat_score: 2, csat_status: 'completed', csat_responded_at: at('18:30'), url: 'https://app.test/c/3' }),
    conversation({ display_id: 4, inbox_id: W, contact_id: C1, status: 'open', created_at: at('02:30'), updated_at: at('02:30'), url: 'https://app.test/c/4' }),
    conversation({ display_id: 5, inbox_id: I, contact_id: C2, status: 'new', created_at: at('19:00'), updated_at: at('19:02'), url: 'https://app.test/c/5' }),
    conversation({ display_id: 6, inbox_id: I, contact_id: C2, status: 'resolved', created_at: at('20:00'), updated_at: at('20:05'), first_resolved_at: at('20:05'), resolved_at: at('20:05'), resolved_by: 'virtual_agent', resolve_trigger: 'virtual_agent', resolved_by_agent_id: bot, last_status_change_agent_id: bot, url: 'https://app.test/c/6' }),
  ]);

  const message = (row: Record<string, unknown>) => ({
    message_type: 'text', outbound_type: null, system_user_type: null, private: false, sender_agent_id: null,
    sender_contact_id: null, team_id: null, post_url: null, template_name: null, deleted_at: null,
    delivery_status: null, sent_at: null, delivered_at: null, read_at: null, failed_at: null,
    updated_at: row.created_at,
    ...row,
  });
  const inbound = (conversationId: string, contact: string, time: string, content: string, extra: Record<string, unknown> = {}) =>
    message({ conversation_id: conversationId, direction: 'incoming', origin: 'contact', sender_contact_id: contact, created_at: at(time), content, ...extra });
  const fromBot = (conversationId: string, time: string, content: string) =>
    message({ conversation_id: conversationId, direction: 'outgoing', origin: 'virtual_agent', system_user_type: 'virtual_agent', outbound_type: 'reply', sender_agent_id: bot, created_at: at(time), content });
  const reply = (conversationId: string, agent: string, team: string, time: string, content: string, extra: Record<string, unknown> = {}) =>
    message({ conversation_id: conversationId, direction: 'outgoing', origin: 'agent', outbound_type: 'reply', sender_agent_id: agent, team_id: team, created_at: at(time), content, ...extra });
  const template = (conversationId: string, time: string, day = '10', extra: Record<string, unknown> = {}) =>
    message({ conversation_id: conversationId, direction: 'outgoing', origin: 'api', message_type: 'template', outbound_type: 'template', template_name: 'boas_vindas', created_at: at(time, day), content: 'Olá! Podemos ajudar?', ...extra });

  const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'y1', 'y2', 'y4', 'y3', 'z1', 'z2', 'z3', 'w1', 'v1', 'v2', 'u1', 'u2'];
  const messageIds = await insert('messages', [
    inbound(X, C1, '14:00', 'Oi, meu pedido "123"; atrasou'),
    fromBot(X, '14:01', 'Vou chamar um atendente.'),
    reply(X, ana, suporte, '14:30', 'Olá Carla, já verifico.'),
    reply(X, ana, suporte, '14:31', 'cliente recorrente', { private: true, outbound_type: null }),
    message({ conversation_id: X, direction: 'outgoing', origin: 'system', message_type: 'activity', system_user_type: 'system', created_at: at('14:40'), content: 'Conversa resolvida por Ana' }),
    inbound(Y, C2, '13:00', 'Quero cancelar'),
    inbound(Y, C2, '16:00', 'Ainda preciso de ajuda'),
    inbound(Y, C2, '16:05', '=1+1', { deleted_at: at('16:06') }),
    reply(Y, bruno, vendas, '16:20', 'Claro, vamos ver.'),
    template(Z, '12:00', '10', { delivery_status: 'read', sent_at: at('12:00'), delivered_at: at('12:00'), read_at: at('12:05') }),
    inbound(Z, C1, '12:30', 'Sim, quero saber mais'),
    reply(Z, bruno, vendas, '12:45', 'Perfeito!'),
    template(Wc, '02:30', '10', { delivery_status: 'failed', failed_at: at('02:30') }),
    inbound(V, C2, '19:00', 'Alô?'),
    fromBot(V, '19:01', 'Um momento.'),
    inbound(U, C2, '20:00', 'Horário de funcionamento?'),
    fromBot(U, '20:01', 'Das 9h às 18h.'),
  ]);
  const messages = Object.fromEntries(names.map((name, index) => [name, messageIds[index]]));

  const event = (row: Record<string, unknown>) => ({
    agent_id: null, team_id: null, from_status: null, to_status: null, assignee_id: null, handover_reason: null, handover_due_to_error: false,
    ...row,
  });
  await insert('conversation_events', [
    event({ conversation_id: X, kind: 'handed_over', occurred_at: at('14:02'), agent_id: bot, handover_reason: 'Pedido de humano' }),
    event({ conversation_id: X, kind: 'locked', occurred_at: at('14:25'), agent_id: ana }),
    event({ conversation_id: X, kind: 'status_changed', occurred_at: at('14:40'), agent_id: ana, team_id: suporte, from_status: 'new', to_status: 'resolved' }),
    event({ conversation_id: X, kind: 'unlocked', occurred_at: at('14:41'), agent_id: ana }),
    event({ conversation_id: Y, kind: 'locked', occurred_at: at('13:05'), agent_id: bruno }),
    event({ conversation_id: Y, kind: 'unlocked', occurred_at: at('13:07'), agent_id: bruno }),
    event({ conversation_id: Y, kind: 'locked', occurred_at: at('13:10'), agent_id: ana }),
    event({ conversation_id: Y, kind: 'status_changed', occurred_at: at('13:12'), agent_id: ana, team_id: suporte, from_status: 'new', to_status: 'resolved' }),
    event({ conversation_id: Y, kind: 'unlocked', occurred_at: at('13:13'), agent_id: ana }),
    event({ conversation_id: Y, kind: 'reopened', occurred_at: at('16:00'), from_status: 'resolved', to_status: 'new' }),
    event({ conversation_id: Y, kind: 'locked', occurred_at: at('16:15'), agent_id: bruno }),
    event({ conversation_id: Y, kind: 'status_changed', occurred_at: at('16:25'), agent_id: bruno, team_id: vendas, from_status: 'new', to_status: 'pending' }),
    event({ conversation_id: Y, kind: 'unlocked', occurred_at: at('16:25'), agent_id: bruno }),
    event({ conversation_id: Z, kind: 'status_changed', occurred_at: at('18:00'), from_status: 'new', to_status: 'resolved' }),
    event({ conversation_id: V, kind: 'handed_over', occurred_at: at('19:02'), agent_id: bot, handover_reason: 'Erro de integração', handover_due_to_error: true }),
    event({ conversation_id: U, kind: 'status_changed', occurred_at: at('20:05'), agent_id: bot, from_status: 'new', to_status: 'resolved' }),
  ]);

  await insert('conversation_topics', [
    { conversation_id: X, topic_id: entrega, applied_by_agent_id: ana, applied_at: at('14:35'), removed_at: null },
    { conversation_id: Y, topic_id: entrega, applied_by_agent_id: ana, applied_at: at('13:11'), removed_at: null },
    { conversation_id: Y, topic_id: cancelado, applied_by_agent_id: bruno, applied_at: at('16:21'), removed_at: at('16:22') },
    { conversation_id: U, topic_id: entrega, applied_by_agent_id: bot, applied_at: at('20:02'), removed_at: null },
  ]);
  await insert('message_tags', [
    { message_id: messages.x1, tag_id: urgente, applied_by_agent_id: ana, applied_at: at('14:36'), removed_at: null },
    { message_id: messages.y2, tag_id: urgente, applied_by_agent_id: bruno, applied_at: at('16:21'), removed_at: at('16:23') },
    { message_id: messages.u1, tag_id: urgente, applied_by_agent_id: bot, applied_at: at('20:02'), removed_at: null },
    { message_id: messages.u1, tag_id: vip, applied_by_agent_id: bot, applied_at: at('20:02'), removed_at: null },
  ]);
  const presences = await insert('agent_presences', [
    { agent_id: ana, status: 'available', away_state: null, started_at: at('11:00', '09'), ended_at: at('20:00', '09') },
    { agent_id: ana, status: 'available', away_state: null, started_at: at('11:00'), ended_at: at('15:00') },
    { agent_id: ana, status: 'away', away_state: 'Almoço', started_at: at('15:00'), ended_at: at('16:00') },
    { agent_id: ana, status: 'available', away_state: null, started_at: at('16:00'), ended_at: at('20:00') },
    { agent_id: bruno, status: 'away', away_state: 'Reunião', started_at: at('01:00'), ended_at: at('12:00') },
    { agent_id: bruno, status: 'available', away_state: null, started_at: at('12:00'), ended_at: at('17:00') },
  ]);
  await insert('dispatches', [
    { inbox_id: W, conversation_id: Z, contact_id: C1, requested_by_agent_id: bruno, template_name: 'boas_vindas', content: 'Olá! Podemos ajudar?', recipient_number: '+5511988887777', requested_at: at('12:00'), sent_at: at('12:00'), delivered_at: at('12:00'), read_at: at('12:05'), failed_at: null, failure_reason: null },
    { inbox_id: W, conversation_id: Wc, contact_id: C1, requested_by_agent_id: bruno, template_name: 'boas_vindas', content: 'Olá! Podemos ajudar?', recipient_number: '+5511988887777', requested_at: at('02:30'), sent_at: null, delivered_at: null, read_at: null, failed_at: at('02:30'), failure_reason: 'Número inválido' },
  ]);

  return {
    accountId: id,
    key: account.key,
    inboxes: { W, I },
    agents: { ana, bruno, bot },
    teams: { suporte, vendas },
    topics: { entrega, cancelado },
    tags: { urgente, vip },
    contacts: { C1, C2 },
    conversations: { X, Y, Z, W: Wc, V, U },
    messages,
    attributes: { plano, cidade, idade },
    presences,
  };
}
