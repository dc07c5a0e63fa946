import { Database } from '../../../src/db/database';
import { insertRows } from '../../support/fixtures';

/**
 * A small account whose every relation has a known, hand-checkable answer. Times are fixed and
 * distinct, so the lists' orders are known too. The names in comments are what tests assert.
 */
export async function buildChatFixture(db: Database, accountId: string) {
  const insert = (table: string, rows: Array<Record<string, unknown>>) => insertRows(db, accountId, table, uniform(rows));

  const [whatsapp, widget] = await insert('inboxes', [
    {
      name: 'wa-main',
      display_name: 'WhatsApp Main',
      channel_type: 'whatsapp',
      medium: 'whatsapp',
      provider: 'Gupshup',
      official: true,
      portfolio: 'Retail',
      sender_number: '+5511999990000',
      server: 'srv-1',
      created_at: '2026-01-01T00:00:00Z',
    },
    {
      name: 'site',
      display_name: 'Website',
      channel_type: 'web_widget',
      medium: 'web',
      official: true,
      created_at: '2026-01-02T00:00:00Z',
    },
  ]);
  const [ana, bruno, bot] = await insert('agents', [
    {
      kind: 'human',
      name: 'Ana',
      email: 'ana@example.com',
      reference: 'E-1',
      created_at: '2026-01-01T00:00:00Z',
      last_sign_in_at: '2026-02-01T07:55:00Z',
    },
    { kind: 'human', name: 'Bruno', email: 'bruno@example.com', created_at: '2026-01-02T00:00:00Z' },
    { kind: 'virtual', name: 'Botty', created_at: '2026-01-03T00:00:00Z' },
  ]);
  const [sales, support] = await insert('teams', [
    { name: 'Sales', created_at: '2026-01-01T00:00:00Z' },
    { name: 'Support', created_at: '2026-01-02T00:00:00Z' },
  ]);
  await insert('team_members', [
    { team_id: sales, agent_id: ana },
    { team_id: sales, agent_id: bruno },
    { team_id: support, agent_id: bruno },
  ]);
  await insert('inbox_members', [
    { inbox_id: whatsapp, agent_id: ana },
    { inbox_id: whatsapp, agent_id: bruno },
    { inbox_id: widget, agent_id: bruno },
  ]);
  const [carla, diego] = await insert('contacts', [
    {
      medium: 'whatsapp',
      name: 'Carla',
      phone_number: '+5581988887777',
      primary_identifier: '+5581988887777',
      secondary_identifier: 'carlinha',
      created_at: '2026-01-10T00:00:00Z',
      updated_at: '2026-01-10T00:00:00Z',
    },
    {
      medium: 'web',
      name: 'Diego',
      email: 'diego@example.com',
      primary_identifier: 'diego@example.com',
      created_at: '2026-01-11T00:00:00Z',
      updated_at: '2026-01-11T00:00:00Z',
    },
  ]);
  await insert('contact_attributes', [
    { contact_id: carla, name: 'plan', value: 'gold', type: 'custom' },
    { contact_id: carla, name: 'city', value: 'Recife', type: 'default' },
  ]);
  const [billing, delivery] = await insert('topics', [
    { name: 'Billing', active: true, created_at: '2026-01-01T00:00:00Z' },
    { name: 'Delivery', active: false, created_at: '2026-01-02T00:00:00Z' },
  ]);
  const [urgent, vip] = await insert('tags', [
    { name: 'urgent', created_at: '2026-01-01T00:00:00Z' },
    { name: 'vip', created_at: '2026-01-02T00:00:00Z' },
  ]);
  // #1 resolved by Ana (Sales); #2 open with Bruno (Support); #3 new and unassigned.
  const [first, second, third] = await insert('conversations', [
    {
      display_id: 1,
      inbox_id: whatsapp,
      contact_id: carla,
      status: 'resolved',
      created_at: '2026-02-01T10:00:00Z',
      updated_at: '2026-02-01T11:00:00Z',
      first_resolved_at: '2026-02-01T11:00:00Z',
      resolved_at: '2026-02-01T11:00:00Z',
      resolved_by: 'agent',
      resolve_trigger: 'human_agent',
      resolved_by_agent_id: ana,
      resolve_reason: 'answered',
      last_status_change_agent_id: ana,
      last_status_change_team_id: sales,
      assignee_id: ana,
      team_id: sales,
      csat_score: 5,
      csat_status: 'completed',
      language: 'pt-BR',
    },
    {
      display_id: 2,
      inbox_id: whatsapp,
      contact_id: diego,
      status: 'open',
      created_at: '2026-02-02T10:00:00Z',
      updated_at: '2026-02-02T10:00:00Z',
      assignee_id: bruno,
      team_id: support,
    },
    {
      display_id: 3,
      inbox_id: widget,
      contact_id: diego,
      status: 'new',
      created_at: '2026-02-03T10:00:00Z',
      updated_at: '2026-02-03T10:00:00Z',
    },
  ]);
  await insert('conversation_topics', [
    { conversation_id: first, topic_id: billing, applied_by_agent_id: ana, applied_at: '2026-02-01T10:30:00Z' },
    {
      conversation_id: first,
      topic_id: delivery,
      applied_by_agent_id: ana,
      applied_at: '2026-02-01T10:20:00Z',
      removed_at: '2026-02-01T10:25:00Z',
    },
    { conversation_id: second, topic_id: billing, applied_at: '2026-02-02T10:10:00Z' },
  ]);
  await insert('conversation_events', [
    {
      conversation_id: first,
      kind: 'assigned',
      occurred_at: '2026-02-01T10:01:00Z',
      agent_id: ana,
      team_id: sales,
      assignee_id: ana,
      handover_due_to_error: false,
    },
    {
      conversation_id: first,
      kind: 'status_changed',
      occurred_at: '2026-02-01T11:00:00Z',
      agent_id: ana,
      team_id: sales,
      from_status: 'open',
      to_status: 'resolved',
      handover_due_to_error: false,
    },
    {
      conversation_id: second,
      kind: 'handed_over',
      occurred_at: '2026-02-02T10:02:00Z',
      agent_id: bot,
      handover_reason: 'asked for human',
      handover_due_to_error: false,
    },
  ]);
  const base = { updated_at: '2026-02-01T00:00:00Z', private: false };
  const [fromCarla, fromAna, anaNote, activity, fromDiego, fromBot] = await insert('messages', [
    {
      ...base,
      conversation_id: first,
      direction: 'incoming',
      message_type: 'text',
      origin: 'contact',
      content: 'Oi, minha fatura?',
      sender_contact_id: carla,
      created_at: '2026-02-01T10:00:00Z',
    },
    {
      ...base,
      conversation_id: first,
      direction: 'outgoing',
      message_type: 'text',
      origin: 'agent',
      outbound_type: 'reply',
      content: 'Segue a fatura.',
      sender_agent_id: ana,
      team_id: sales,
      created_at: '2026-02-01T10:05:00Z',
      delivery_status: 'read',
    },
    {
      ...base,
      conversation_id: first,
      direction: 'outgoing',
      message_type: 'text',
      origin: 'agent',
      private: true,
      content: 'cliente antigo',
      sender_agent_id: ana,
      created_at: '2026-02-01T10:06:00Z',
    },
    {
      ...base,
      conversation_id: first,
      direction: 'outgoing',
      message_type: 'activity',
      origin: 'system',
      system_user_type: 'system',
      content: 'Conversation resolved',
      created_at: '2026-02-01T11:00:00Z',
    },
    {
      ...base,
      conversation_id: second,
      direction: 'incoming',
      message_type: 'text',
      origin: 'contact',
      content: 'Hello?',
      sender_contact_id: diego,
      created_at: '2026-02-02T10:00:00Z',
    },
    {
      ...base,
      conversation_id: second,
      direction: 'outgoing',
      message_type: 'text',
      origin: 'virtual_agent',
      system_user_type: 'virtual_agent',
      content: 'Hi, I am Botty.',
      sender_agent_id: bot,
      created_at: '2026-02-02T10:01:00Z',
    },
  ]);
  await insert('message_tags', [
    { message_id: fromCarla, tag_id: urgent, applied_by_agent_id: ana, applied_at: '2026-02-01T10:02:00Z' },
    {
      message_id: fromCarla,
      tag_id: vip,
      applied_by_agent_id: ana,
      applied_at: '2026-02-01T10:01:00Z',
      removed_at: '2026-02-01T10:03:00Z',
    },
    { message_id: fromDiego, tag_id: urgent, applied_at: '2026-02-02T10:00:30Z' },
  ]);
  const [anaMorning, anaLunch, brunoNow] = await insert('agent_presences', [
    { agent_id: ana, status: 'available', started_at: '2026-02-01T08:00:00Z', ended_at: '2026-02-01T12:00:00Z' },
    { agent_id: ana, status: 'away', away_state: 'lunch', started_at: '2026-02-01T12:00:00Z', ended_at: '2026-02-01T13:00:00Z' },
    { agent_id: bruno, status: 'available', started_at: '2026-02-01T09:00:00Z' },
  ]);
  const [toCarla, toDiego] = await insert('dispatches', [
    {
      inbox_id: whatsapp,
      contact_id: carla,
      conversation_id: first,
      requested_by_agent_id: ana,
      template_name: 'invoice_ready',
      content: 'Sua fatura chegou',
      recipient_number: '+5581988887777',
      requested_at: '2026-02-01T09:00:00Z',
      sent_at: '2026-02-01T09:00:01Z',
    },
    {
      inbox_id: whatsapp,
      contact_id: diego,
      template_name: 'welcome',
      content: 'Bem-vindo',
      recipient_number: '+5511911112222',
      requested_at: '2026-02-01T09:30:00Z',
      failed_at: '2026-02-01T09:30:05Z',
      failure_reason: 'invalid number',
    },
  ]);

  return {
    inboxes: { whatsapp, widget },
    agents: { ana, bruno, bot },
    teams: { sales, support },
    contacts: { carla, diego },
    topics: { billing, delivery },
    tags: { urgent, vip },
    conversations: { first, second, third },
    messages: { fromCarla, fromAna, anaNote, activity, fromDiego, fromBot },
    presences: { anaMorning, anaLunch, brunoNow },
    dispatches: { toCarla, toDiego },
  };
}

export type ChatFixture = Awaited<ReturnType<typeof buildChatFixture>>;

/** insertRows takes its columns from the first row; give every row every column (null when absent). */
export function uniform(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
}
