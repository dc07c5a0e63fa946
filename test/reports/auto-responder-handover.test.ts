import { startTestApp, TestApp } from '../support/app';
import { createAccount, insertRows, TestAccount } from '../support/fixtures';

const at = (time: string) => `2026-03-10T${time}Z`;
const DAY = { from: '2026-03-10', to: '2026-03-11', timeZone: 'UTC' };

/**
 * Issue 9: the source starts the first-response clock at "a transferência do VA/AR para a fila
 * Nova", a virtual agent's handover or the auto-responder's. One conversation, UTC 10 March:
 * 10:00:00 the contact writes; 10:00:05 the auto-responder answers; 10:00:06 it hands the
 * conversation to the New queue (a handover event with no agent); 10:10:06 Ana replies.
 */
describe('an auto-responder handover starts the first-response clock', () => {
  let app: TestApp;
  let account: TestAccount;
  let conversation: string;

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { timeZone: 'UTC' });
    const insert = (table: string, rows: Record<string, unknown>[]) => insertRows(app.db, account.id, table, rows);
    const [inbox] = await insert('inboxes', [{ name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' }]);
    const [ana] = await insert('agents', [{ kind: 'human', name: 'Ana', email: 'ana@ar.test' }]);
    const [contact] = await insert('contacts', [{ medium: 'WhatsApp', name: 'Carla', primary_identifier: '+5511988887777' }]);
    [conversation] = await insert('conversations', [
      {
        display_id: 1,
        inbox_id: inbox,
        contact_id: contact,
        status: 'open',
        assignee_id: ana,
        created_at: at('10:00:00'),
        updated_at: at('10:10:06'),
      },
    ]);
    await insert('messages', [
      {
        conversation_id: conversation,
        direction: 'incoming',
        message_type: 'text',
        origin: 'contact',
        sender_contact_id: contact,
        content: 'Oi',
        created_at: at('10:00:00'),
        updated_at: at('10:00:00'),
      },
      {
        conversation_id: conversation,
        direction: 'outgoing',
        message_type: 'text',
        origin: 'auto_responder',
        system_user_type: 'auto_responder',
        outbound_type: 'auto_reply',
        content: 'Já vamos atender.',
        created_at: at('10:00:05'),
        updated_at: at('10:00:05'),
      },
      {
        conversation_id: conversation,
        direction: 'outgoing',
        message_type: 'text',
        origin: 'agent',
        outbound_type: 'reply',
        sender_agent_id: ana,
        content: 'Olá!',
        created_at: at('10:10:06'),
        updated_at: at('10:10:06'),
      },
    ]);
    await insert('conversation_events', [
      {
        conversation_id: conversation,
        kind: 'handed_over',
        occurred_at: at('10:00:06'),
        agent_id: null,
        handover_reason: 'Fora do horário',
      },
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('in the first response time: 10:00:06 → 10:10:06 = 600 s, not 606 s from the first message', async () => {
    const response = await app.graphql<{
      conversationsOpenReport: { nodes: Array<{ conversationId: string; firstResponseTimeSeconds: number }> };
    }>(`query($filter: ReportFilter!) { conversationsOpenReport(filter: $filter) { nodes { conversationId firstResponseTimeSeconds } } }`, {
      key: account.key,
      variables: { filter: DAY },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.conversationsOpenReport.nodes).toEqual([{ conversationId: conversation, firstResponseTimeSeconds: 600 }]);
  });

  it('in the responses report: initiated by VA_HANDED_OVER_CONVERSATION at 10:00:06, 600 s', async () => {
    const response = await app.graphql<{ responsesReport: { nodes: unknown[] } }>(
      `query($filter: ReportFilter!) { responsesReport(filter: $filter) { nodes { initiatedBy handoverReason initiatedAt agentResponseTimeSeconds } } }`,
      { key: account.key, variables: { filter: DAY } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.responsesReport.nodes).toEqual([
      {
        initiatedBy: 'VA_HANDED_OVER_CONVERSATION',
        handoverReason: 'Fora do horário',
        initiatedAt: '2026-03-10T10:00:06.000Z',
        agentResponseTimeSeconds: 600,
      },
    ]);
  });
});
