import { reportEnumValue } from '../../src/catalog/naming';
import { insertRows } from '../support/fixtures';
import { buildReportFixture, ReportFixture } from '../reports/fixture';
import { ExportTestApp, download, parseCsv, requestExport, startExportTestApp, waitForExport } from './support';

/** São Paulo's 10 March 2026 = [03:00Z 10th, 03:00Z 11th), the fixture account's own zone (UTC-3). */
const SP_DAY = { from: '2026-03-10', to: '2026-03-11' };

/**
 * Cell by cell, on the hand-built fixture (test/reports/fixture.ts; times UTC on 10 March): the
 * values the report tests check through GraphQL, as a spreadsheet gets them.
 */
describe('CSV content', () => {
  let app: ExportTestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startExportTestApp();
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  /** Exports and downloads; returns the raw text (no BOM asked) and the parsed rows, header first. */
  async function exportCsv(report: string, options: Record<string, unknown>, delimiter = ','): Promise<{ text: string; rows: string[][] }> {
    const requested = await requestExport(app, f.key, { report: reportEnumValue(report), filter: SP_DAY, ...options });
    expect(requested.errors).toBeUndefined();
    const job = await waitForExport(app, f.key, requested.data!.exportReport.id);
    expect(job.status).toBe('SUCCEEDED');
    const file = await download(app, job.downloadUrl as string);
    expect(file.status).toBe(200);
    return { text: file.body.toString('utf8'), rows: parseCsv(file.body, delimiter) };
  }

  const resolvedColumns = [
    'conversationId',
    'currentStatus',
    'resolvedBy',
    'firstResponseTimeSeconds',
    'resolvedAt',
    'topicNames',
    'csatScore',
  ];

  it('writes instants in the filter zone with their offset, labels in English, durations in whole seconds, lists joined', async () => {
    const { text, rows } = await exportCsv('conversations_resolved', { locale: 'EN', columns: resolvedColumns });
    expect(rows).toEqual([
      ['Conversation ID', 'Current Status', 'Resolved By', 'First Response Time (s)', 'Resolved at', 'Topic Names', 'CSAT Score'],
      // X: handover 14:02 → Ana 14:30 = 1680 s; resolved 14:40Z = 11:40 in São Paulo; CSAT 5
      [f.conversations.X, 'Resolved', 'Agent', '1680', '2026-03-10T11:40:00-03:00', 'Entrega', '5'],
      // Y: 13:00 → 16:20 = 12000 s; first resolved 13:12Z; pending again now; no CSAT
      [f.conversations.Y, 'Pending', 'Agent', '12000', '2026-03-10T10:12:00-03:00', 'Entrega', ''],
      // Z: 12:30 → 12:45 = 900 s; bulk resolve 18:00Z; no topic; CSAT 2
      [f.conversations.Z, 'Resolved', 'Bulk resolve', '900', '2026-03-10T15:00:00-03:00', '', '2'],
      // U: no human reply (null); the bot resolved at 20:05Z
      [f.conversations.U, 'Resolved', 'Virtual agent', '', '2026-03-10T17:05:00-03:00', 'Entrega', ''],
    ]);
    // An empty list is an empty string (quoted), a missing value is nothing at all.
    expect(text).toContain(`\n${f.conversations.Z},Resolved,Bulk resolve,900,2026-03-10T15:00:00-03:00,"",2\n`);
    expect(text).toContain(`\n${f.conversations.U},Resolved,Virtual agent,,2026-03-10T17:05:00-03:00,Entrega,\n`);
  });

  it('writes the Portuguese headers and labels, and the offset of another zone (New York, UTC-4 on 10 March)', async () => {
    const { rows } = await exportCsv(
      'conversations_resolved',
      {
        locale: 'PT_BR',
        delimiter: 'SEMICOLON',
        columns: resolvedColumns,
        filter: { from: '2026-03-10T03:00:00Z', to: '2026-03-11T03:00:00Z', timeZone: 'America/New_York' },
      },
      ';',
    );
    expect(rows[0]).toEqual([
      'ID da conversa',
      'Status atual',
      'Resolvido por',
      'Tempo (s) da primeira resposta',
      'Resolvido em',
      'Nomes de tópicos',
      'Pontuação CSAT',
    ]);
    // 14:40Z = 10:40 in New York (EDT since 8 March)
    expect(rows[1]).toEqual([f.conversations.X, 'Resolvido', 'Agente', '1680', '2026-03-10T10:40:00-04:00', 'Entrega', '5']);
    expect(rows[3].slice(1, 3)).toEqual(['Resolvido', 'Resolução em massa']);
    expect(rows[4].slice(1, 3)).toEqual(['Resolvido', 'Agente virtual']);
  });

  it('writes chat-module booleans as 0/1 and quotes what needs quoting (RFC 4180)', async () => {
    const { text, rows } = await exportCsv('chat_conversations', { locale: 'PT_BR', delimiter: 'SEMICOLON' }, ';');
    const [header, ...data] = rows;
    expect(header).toEqual([
      'ACCOUNT_ID',
      'ACCOUNT_NAME',
      'INBOX_ID',
      'INBOX_NAME',
      'CONTACT_NAME',
      'CONTACT_EMAIL',
      'CONTACT_PHONE_NUMBER',
      'CHANNEL_TYPE',
      'CONVERSATION_ID',
      'CONVERSATION_CREATED_AT',
      'MESSAGE_CREATED_AT',
      'MESSAGE_ID',
      'MESSAGE_TYPE',
      'MESSAGE_PRIVATE',
      'MESSAGE_CONTENT',
    ]);
    // 14 public and private messages of the day (see reports.test.ts: x5 activity, y4 deleted, w1 on the 9th are not rows)
    expect(data).toHaveLength(14);
    const byId = new Map(data.map((row) => [row[11], row]));
    // x4: Ana's private note at 14:31Z in X (created 14:00Z); the phone number starts with + and is neutralised
    expect(byId.get(f.messages.x4)).toEqual([
      f.accountId,
      'Fixture Co',
      f.inboxes.W,
      'WA Vendas',
      'Carla',
      'carla@example.com',
      "'+5511988887777",
      'WhatsApp',
      f.conversations.X,
      '2026-03-10T11:00:00-03:00',
      '2026-03-10T11:31:00-03:00',
      f.messages.x4,
      'Enviado',
      '1',
      'cliente recorrente',
    ]);
    // x1: received, public; the quotes and the ; round-trip
    expect(byId.get(f.messages.x1)?.slice(12)).toEqual(['Recebido', '0', 'Oi, meu pedido "123"; atrasou']);
    expect(text).toContain(';Recebido;0;"Oi, meu pedido ""123""; atrasou"\n');
    // Dan has no e-mail or phone: empty cells, not quoted
    expect(byId.get(f.messages.v1)?.slice(4, 8)).toEqual(['Dan', '', '', 'Instagram']);

    const english = await exportCsv('chat_conversations', { locale: 'EN', columns: ['messageId', 'messageType', 'messagePrivate'] });
    expect(english.rows.find((row) => row[0] === f.messages.x4)).toEqual([f.messages.x4, 'Sent', '1']);
    expect(english.rows.find((row) => row[0] === f.messages.y1)).toEqual([f.messages.y1, 'Received', '0']);
  });

  it('neutralises formulas in text cells but never in numbers', async () => {
    const { rows } = await exportCsv('messages', {
      locale: 'EN',
      columns: ['messageId', 'content', 'deletedAt', 'tagIds', 'tagNames', 'agentId'],
    });
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    // y4 "=1+1", deleted at 16:06Z = 13:06 in São Paulo
    expect(byId.get(f.messages.y4)).toEqual([f.messages.y4, "'=1+1", '2026-03-10T13:06:00-03:00', '', '', '']);
    // u1 carries urgente and vip (name order); y2 lost its tag at 16:23
    expect(byId.get(f.messages.u1)?.slice(3, 5)).toEqual([`${f.tags.urgente}, ${f.tags.vip}`, 'urgente, vip']);
    expect(byId.get(f.messages.y2)?.slice(3, 5)).toEqual(['', '']);
    expect(byId.get(f.messages.x3)?.[5]).toBe(f.agents.ana);
    for (const row of rows.slice(1)) expect(row[0]).toMatch(/^[0-9]+$/);

    const counts = await exportCsv('chat_summary', { columns: ['date', 'inboxId', 'totalMessages'] });
    // the source's yyyy/mm/dd layout; W: 6 public messages, I: 7 (reports.test.ts)
    expect(counts.rows.slice(1)).toEqual([
      ['2026/03/10', f.inboxes.W, '6'],
      ['2026/03/10', f.inboxes.I, '7'],
    ]);
    const hours = await exportCsv('chat_conversations_by_hour', { columns: ['conversationDate', 'conversationHour'] });
    expect(hours.rows[1][0]).toBe('2026-03-10');
    const topics = await exportCsv('topics', { locale: 'EN', columns: ['topicName', 'active'] });
    expect(topics.rows.slice(1)).toEqual([
      ['Entrega', '1'],
      ['Entrega', '1'],
      ['Cancelado', '0'],
    ]);
  });

  it('round-trips hostile text through a CSV parser, changing only formula starts', async () => {
    const hostile = [
      'plain',
      'Ação; "citação", vírgula',
      'linha 1\nlinha 2\r\nlinha 3',
      '  espaços  ',
      '',
      '😊 emoji e acentos: ç ã é ü',
      'x=1+1 no meio',
      '=SUM(A1:A2)',
      '+55 11 91234-5678',
      '-5',
      '@cmd',
      '\tcomeça com tab',
      '\rcomeça com CR',
      '\ncomeça com LF',
    ];
    const [conversation] = await insertRows(app.db, f.accountId, 'conversations', [
      {
        display_id: 7,
        inbox_id: f.inboxes.W,
        contact_id: f.contacts.C1,
        status: 'open',
        created_at: '2026-03-12T12:00:00Z',
        updated_at: '2026-03-12T12:00:00Z',
      },
    ]);
    const ids = await insertRows(
      app.db,
      f.accountId,
      'messages',
      hostile.map((content, index) => ({
        conversation_id: conversation,
        direction: 'incoming',
        message_type: 'text',
        origin: 'contact',
        sender_contact_id: f.contacts.C1,
        content,
        created_at: `2026-03-12T12:${String(index).padStart(2, '0')}:00Z`,
        updated_at: `2026-03-12T12:${String(index).padStart(2, '0')}:00Z`,
      })),
    );
    const expected = hostile.map((content) => (/^[=+\-@\t\r\n]/.test(content) ? `'${content}` : content));
    for (const [delimiter, name] of [
      [';', 'SEMICOLON'],
      [',', 'COMMA'],
      ['\t', 'TAB'],
    ] as const) {
      const { rows } = await exportCsv(
        'messages',
        { columns: ['messageId', 'content'], delimiter: name, filter: { from: '2026-03-12', to: '2026-03-13' } },
        delimiter,
      );
      expect(rows.slice(1)).toEqual(ids.map((id, index) => [id, expected[index]]));
    }
  });
});
