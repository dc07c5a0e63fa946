import { catalog } from '../../src/catalog';

function column(report: string, field: string): string {
  const definition = catalog.find((r) => r.key === report);
  const found = definition?.columns.find((c) => c.field === field);
  if (!found) throw new Error(`${report}.${field} is not in the catalog`);
  return found.description;
}

/**
 * Issue 9: the published definitions say what the SQL does. The source starts the first-response
 * clock at "a transferência do VA/AR para a fila Nova": a virtual agent's handover or the
 * auto-responder's, and the SQL counts every handover event, the auto-responder's included.
 */
describe('column definitions that match the code', () => {
  it.each([
    ['conversations_resolved', 'firstResponseTimeSeconds'],
    ['conversations_open', 'firstResponseTimeSeconds'],
  ])('%s.%s starts the clock at a virtual-agent or auto-responder handover', (report, field) => {
    expect(column(report, field)).toContain('first handover to the human (New) queue by a virtual agent or the auto-responder (VA/AR)');
  });

  it('the responses report says an auto-responder handover is VA_HANDED_OVER_CONVERSATION too', () => {
    expect(column('responses', 'initiatedBy')).toContain(
      'when a virtual agent or the auto-responder (VA/AR) handed the conversation to the human (New) queue',
    );
  });

  it.each(['totalConversations', 'totalIncomingMessages', 'totalOutgoingMessages'])(
    'chat_conversations_by_hour.%s says deleted messages are left out',
    (field) => {
      expect(column('chat_conversations_by_hour', field)).toMatch(/[Dd]eleted messages (are )?excluded/);
    },
  );
});
