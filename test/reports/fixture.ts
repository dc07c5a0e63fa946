import { Database } from '../../src/db/database';
import { withTenant } from '../../src/db/tenant-transaction';
import { createAccount } from '../support/fixtures';
import { ingestEvents } from '../support/ingest';

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
 *
 * The account is loaded through ingestion: these events, stored and applied like any sender's,
 * make every row (the ids below are looked up by external id afterwards).
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

type Data = Record<string, unknown>;

/** The fixture as events, in the order a platform would send them. */
export function reportFixtureEvents(): Array<{ id: string; type: string; occurredAt: string; data: Data }> {
  const events: Array<{ id: string; type: string; occurredAt: string; data: Data }> = [];
  const add = (type: string, occurredAt: string, data: Data) => events.push({ id: `f-${events.length + 1}`, type, occurredAt, data });

  add('inbox.upserted', at('09:00', '01'), {
    inbox: 'W',
    name: 'WA Vendas',
    displayName: 'Vendas',
    channelType: 'whatsapp',
    medium: 'WhatsApp',
    provider: 'Meta',
    official: true,
    portfolio: 'Varejo',
    senderNumber: '+5511999990000',
    server: 'srv-1',
  });
  add('inbox.upserted', at('09:00', '01'), {
    inbox: 'I',
    name: '@fixture',
    displayName: 'Insta',
    channelType: 'instagram',
    medium: 'Instagram',
    official: true,
    server: 'srv-2',
  });
  add('agent.upserted', at('10:00', '01'), {
    agent: 'ana',
    kind: 'human',
    name: 'Ana',
    email: 'ana@fixture.test',
    reference: 'E-1',
    lastSignInAt: at('10:55'),
    lastSignInIp: '10.0.0.1',
  });
  add('agent.upserted', at('10:00', '02'), {
    agent: 'bruno',
    kind: 'human',
    name: 'Bruno',
    email: 'bruno@fixture.test',
    reference: 'E-2',
    lastSignInAt: at('11:55'),
    lastSignInIp: '10.0.0.2',
  });
  add('agent.upserted', at('10:00', '01'), { agent: 'bot', kind: 'virtual', name: 'Bot' });
  add('team.upserted', at('09:00', '01'), { team: 'suporte', name: 'Suporte' });
  add('team.upserted', at('09:00', '02'), { team: 'vendas', name: 'Vendas' });
  add('team.member_added', at('09:00', '03'), { team: 'suporte', agent: 'ana' });
  add('team.member_added', at('09:00', '03'), { team: 'vendas', agent: 'bruno' });
  add('inbox.member_added', at('09:00', '03'), { inbox: 'W', agent: 'ana' });
  add('inbox.member_added', at('09:00', '03'), { inbox: 'I', agent: 'ana' });
  add('inbox.member_added', at('09:00', '03'), { inbox: 'W', agent: 'bruno' });
  add('topic.upserted', at('09:00', '01'), { topic: 'entrega', name: 'Entrega', active: true });
  add('topic.upserted', at('09:00', '01'), { topic: 'cancelado', name: 'Cancelado', active: false });
  add('tag.upserted', at('09:00', '01'), { tag: 'urgente', name: 'urgente', active: true });
  add('tag.upserted', at('09:00', '01'), { tag: 'vip', name: 'vip', active: true });
  const carla = {
    contact: 'C1',
    medium: 'WhatsApp',
    name: 'Carla',
    email: 'carla@example.com',
    phoneNumber: '+5511988887777',
    primaryIdentifier: '+5511988887777',
    secondaryIdentifier: 'Carla',
  };
  const dan = { contact: 'C2', medium: 'Instagram', name: 'Dan', primaryIdentifier: '@dan', secondaryIdentifier: 'Dan' };
  add('contact.upserted', at('08:00', '01'), carla);
  add('contact.upserted', at('08:00', '05'), carla);
  add('contact.upserted', at('08:00', '02'), dan);
  add('contact.upserted', at('08:00', '06'), dan);
  add('contact.attribute_set', at('08:00', '05'), { contact: 'C1', name: 'plano', value: 'ouro', attributeType: 'custom' });
  add('contact.attribute_set', at('08:00', '05'), { contact: 'C1', name: 'cidade', value: 'São Paulo', attributeType: 'default' });
  add('contact.attribute_set', at('08:00', '06'), { contact: 'C2', name: 'idade', value: '30', attributeType: 'default' });

  const conversation = (id: string, displayId: number, inbox: string, contact: string, time: string, status?: string) =>
    add('conversation.created', at(time), {
      conversation: id,
      inbox,
      contact,
      displayId,
      language: 'pt-BR',
      url: `https://app.test/c/${displayId}`,
      ...(status ? { status } : {}),
    });
  conversation('X', 1, 'W', 'C1', '14:00');
  conversation('Y', 2, 'I', 'C2', '13:00');
  conversation('Z', 3, 'W', 'C1', '12:00');
  conversation('Wc', 4, 'W', 'C1', '02:30', 'open');
  conversation('V', 5, 'I', 'C2', '19:00');
  conversation('U', 6, 'I', 'C2', '20:00');

  const message = (id: string, conversationId: string, time: string, data: Data) =>
    add('message.created', at(time), { message: id, conversation: conversationId, ...data });
  const inbound = (id: string, conversationId: string, contact: string, time: string, content: string) =>
    message(id, conversationId, time, { direction: 'incoming', origin: 'contact', senderContact: contact, content });
  const fromBot = (id: string, conversationId: string, time: string, content: string) =>
    message(id, conversationId, time, {
      direction: 'outgoing',
      origin: 'virtual_agent',
      systemUserType: 'virtual_agent',
      outboundType: 'reply',
      senderAgent: 'bot',
      content,
    });
  const reply = (id: string, conversationId: string, agent: string, team: string, time: string, content: string, extra: Data = {}) =>
    message(id, conversationId, time, {
      direction: 'outgoing',
      origin: 'agent',
      outboundType: 'reply',
      senderAgent: agent,
      team,
      content,
      ...extra,
    });
  const template = (id: string, conversationId: string, time: string) =>
    message(id, conversationId, time, {
      direction: 'outgoing',
      origin: 'api',
      messageType: 'template',
      outboundType: 'template',
      templateName: 'boas_vindas',
      content: 'Olá! Podemos ajudar?',
    });

  inbound('x1', 'X', 'C1', '14:00', 'Oi, meu pedido "123"; atrasou');
  fromBot('x2', 'X', '14:01', 'Vou chamar um atendente.');
  reply('x3', 'X', 'ana', 'suporte', '14:30', 'Olá Carla, já verifico.');
  reply('x4', 'X', 'ana', 'suporte', '14:31', 'cliente recorrente', { private: true, outboundType: null });
  message('x5', 'X', '14:40', {
    direction: 'outgoing',
    origin: 'system',
    messageType: 'activity',
    systemUserType: 'system',
    content: 'Conversa resolvida por Ana',
  });
  inbound('y1', 'Y', 'C2', '13:00', 'Quero cancelar');
  inbound('y2', 'Y', 'C2', '16:00', 'Ainda preciso de ajuda');
  inbound('y4', 'Y', 'C2', '16:05', '=1+1');
  add('message.deleted', at('16:06'), { message: 'y4' });
  reply('y3', 'Y', 'bruno', 'vendas', '16:20', 'Claro, vamos ver.');
  template('z1', 'Z', '12:00');
  add('message.delivery_changed', at('12:00'), { message: 'z1', status: 'sent' });
  add('message.delivery_changed', at('12:00'), { message: 'z1', status: 'delivered' });
  add('message.delivery_changed', at('12:05'), { message: 'z1', status: 'read' });
  inbound('z2', 'Z', 'C1', '12:30', 'Sim, quero saber mais');
  reply('z3', 'Z', 'bruno', 'vendas', '12:45', 'Perfeito!');
  template('w1', 'Wc', '02:30');
  add('message.delivery_changed', at('02:30'), { message: 'w1', status: 'failed' });
  inbound('v1', 'V', 'C2', '19:00', 'Alô?');
  fromBot('v2', 'V', '19:01', 'Um momento.');
  inbound('u1', 'U', 'C2', '20:00', 'Horário de funcionamento?');
  fromBot('u2', 'U', '20:01', 'Das 9h às 18h.');

  const conversationEvent = (type: string, conversationId: string, time: string, data: Data = {}) =>
    add(`conversation.${type}`, at(time), { conversation: conversationId, ...data });
  conversationEvent('team_changed', 'X', '14:02', { team: 'suporte' });
  conversationEvent('handed_over', 'X', '14:02', { agent: 'bot', reason: 'Pedido de humano' });
  conversationEvent('assigned', 'X', '14:25', { assignee: 'ana' });
  conversationEvent('locked', 'X', '14:25', { agent: 'ana' });
  conversationEvent('status_changed', 'X', '14:40', {
    status: 'resolved',
    agent: 'ana',
    team: 'suporte',
    resolvedBy: 'agent',
    trigger: 'human_agent',
    reason: 'Dúvida sanada',
    comment: 'ok',
  });
  conversationEvent('unlocked', 'X', '14:41', { agent: 'ana' });
  conversationEvent('csat_sent', 'X', '14:41', { followUpQuestion: 'O que melhorar?' });
  conversationEvent('csat_answered', 'X', '15:00', { score: 5, followUpAnswer: 'Nada' });
  conversationEvent('locked', 'Y', '13:05', { agent: 'bruno' });
  conversationEvent('unlocked', 'Y', '13:07', { agent: 'bruno' });
  conversationEvent('locked', 'Y', '13:10', { agent: 'ana' });
  conversationEvent('status_changed', 'Y', '13:12', {
    status: 'resolved',
    agent: 'ana',
    team: 'suporte',
    resolvedBy: 'agent',
    trigger: 'human_agent',
  });
  conversationEvent('unlocked', 'Y', '13:13', { agent: 'ana' });
  conversationEvent('status_changed', 'Y', '16:00', { status: 'new' });
  conversationEvent('assigned', 'Y', '16:15', { assignee: 'bruno' });
  conversationEvent('team_changed', 'Y', '16:15', { team: 'vendas' });
  conversationEvent('locked', 'Y', '16:15', { agent: 'bruno' });
  conversationEvent('status_changed', 'Y', '16:25', { status: 'pending', agent: 'bruno', team: 'vendas' });
  conversationEvent('unlocked', 'Y', '16:25', { agent: 'bruno' });
  conversationEvent('assigned', 'Z', '12:00', { assignee: 'bruno' });
  conversationEvent('team_changed', 'Z', '12:00', { team: 'vendas' });
  conversationEvent('status_changed', 'Z', '18:00', { status: 'resolved', resolvedBy: 'bulk', trigger: 'automation' });
  conversationEvent('csat_answered', 'Z', '18:30', { score: 2 });
  conversationEvent('handed_over', 'V', '19:02', { agent: 'bot', reason: 'Erro de integração', dueToError: true });
  conversationEvent('status_changed', 'U', '20:05', {
    status: 'resolved',
    agent: 'bot',
    resolvedBy: 'virtual_agent',
    trigger: 'virtual_agent',
  });

  conversationEvent('topic_added', 'X', '14:35', { topic: 'entrega', agent: 'ana' });
  conversationEvent('topic_added', 'Y', '13:11', { topic: 'entrega', agent: 'ana' });
  conversationEvent('topic_added', 'Y', '16:21', { topic: 'cancelado', agent: 'bruno' });
  conversationEvent('topic_removed', 'Y', '16:22', { topic: 'cancelado', agent: 'bruno' });
  conversationEvent('topic_added', 'U', '20:02', { topic: 'entrega', agent: 'bot' });
  add('message.tag_added', at('14:36'), { message: 'x1', tag: 'urgente', agent: 'ana' });
  add('message.tag_added', at('16:21'), { message: 'y2', tag: 'urgente', agent: 'bruno' });
  add('message.tag_removed', at('16:23'), { message: 'y2', tag: 'urgente', agent: 'bruno' });
  add('message.tag_added', at('20:02'), { message: 'u1', tag: 'urgente', agent: 'bot' });
  add('message.tag_added', at('20:02'), { message: 'u1', tag: 'vip', agent: 'bot' });

  const presence = (agent: string, time: string, day: string, status: string, awayState?: string) =>
    add('agent.presence_changed', at(time, day), { agent, status, ...(awayState ? { awayState } : {}) });
  presence('ana', '11:00', '09', 'available');
  presence('ana', '20:00', '09', 'offline');
  presence('ana', '11:00', '10', 'available');
  presence('ana', '15:00', '10', 'away', 'Almoço');
  presence('ana', '16:00', '10', 'available');
  presence('ana', '20:00', '10', 'offline');
  presence('bruno', '01:00', '10', 'away', 'Reunião');
  presence('bruno', '12:00', '10', 'available');
  presence('bruno', '17:00', '10', 'offline');

  const dispatch = {
    inbox: 'W',
    contact: 'C1',
    agent: 'bruno',
    templateName: 'boas_vindas',
    content: 'Olá! Podemos ajudar?',
    recipientNumber: '+5511988887777',
  };
  add('dispatch.requested', at('12:00'), { dispatch: 'D1', conversation: 'Z', ...dispatch });
  add('dispatch.delivery_changed', at('12:00'), { dispatch: 'D1', status: 'sent' });
  add('dispatch.delivery_changed', at('12:00'), { dispatch: 'D1', status: 'delivered' });
  add('dispatch.delivery_changed', at('12:05'), { dispatch: 'D1', status: 'read' });
  add('dispatch.requested', at('02:30'), { dispatch: 'D2', conversation: 'Wc', ...dispatch });
  add('dispatch.delivery_changed', at('02:30'), { dispatch: 'D2', status: 'failed', failureReason: 'Número inválido' });
  return events;
}

export const FIXTURE_MESSAGES = ['x1', 'x2', 'x3', 'x4', 'x5', 'y1', 'y2', 'y4', 'y3', 'z1', 'z2', 'z3', 'w1', 'v1', 'v2', 'u1', 'u2'];

export async function buildReportFixture(db: Database): Promise<ReportFixture> {
  const account = await createAccount(db, { name: 'Fixture Co', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
  const id = account.id;
  const { receipts, applied } = await ingestEvents(db, id, reportFixtureEvents());
  const rejected = receipts.flatMap((receipt) => receipt.rejected);
  if (rejected.length > 0 || applied.waiting > 0 || applied.rejected > 0) {
    throw new Error(`the fixture did not apply cleanly: ${JSON.stringify({ rejected, applied })}`);
  }
  return withTenant(db.owner, id, async (runner) => {
    const ids = async (table: string, externalIds: string[]): Promise<string[]> => {
      const rows: Array<{ external_id: string; id: string }> = await runner.query(
        `SELECT external_id, id::text AS id FROM ${table} WHERE account_id = $1 AND source = 'api' AND external_id = ANY($2)`,
        [id, externalIds],
      );
      const byExternal = new Map(rows.map((row) => [row.external_id, row.id]));
      return externalIds.map((externalId) => {
        const found = byExternal.get(externalId);
        if (!found) throw new Error(`${table} ${externalId} was not ingested`);
        return found;
      });
    };
    const [W, I] = await ids('inboxes', ['W', 'I']);
    const [ana, bruno, bot] = await ids('agents', ['ana', 'bruno', 'bot']);
    const [suporte, vendas] = await ids('teams', ['suporte', 'vendas']);
    const [entrega, cancelado] = await ids('topics', ['entrega', 'cancelado']);
    const [urgente, vip] = await ids('tags', ['urgente', 'vip']);
    const [C1, C2] = await ids('contacts', ['C1', 'C2']);
    const [X, Y, Z, Wc, V, U] = await ids('conversations', ['X', 'Y', 'Z', 'Wc', 'V', 'U']);
    const messageIds = await ids('messages', FIXTURE_MESSAGES);
    const attributes: Array<{ name: string; id: string }> = await runner.query(
      `SELECT name, id::text AS id FROM contact_attributes WHERE account_id = $1 ORDER BY id`,
      [id],
    );
    const attribute = (name: string) => attributes.find((row) => row.name === name)?.id as string;
    const presences: Array<{ id: string }> = await runner.query(
      `SELECT id::text AS id FROM agent_presences WHERE account_id = $1 ORDER BY id`,
      [id],
    );
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
      messages: Object.fromEntries(FIXTURE_MESSAGES.map((name, index) => [name, messageIds[index]])),
      attributes: { plano: attribute('plano'), cidade: attribute('cidade'), idade: attribute('idade') },
      presences: presences.map((row) => row.id),
    };
  });
}
