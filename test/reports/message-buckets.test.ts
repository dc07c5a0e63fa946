import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { withTenant } from '../../src/db/tenant-transaction';
import { compilePage } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { ingestEvents } from '../support/ingest';
import { buildReportFixture, ReportFixture } from './fixture';
import { fixtureDayFilter } from './plans';
import { pick, Row, SP_DAY } from './values/support';

/**
 * chat_summary, chat_conversations_by_hour, contacts and contact_attributes read the 15-minute
 * rollup for the buckets wholly inside their range and the messages themselves at its edges. These
 * are the cases where the two meet, worked out by hand on the report fixture (times UTC on 10 March;
 * see fixture.ts): W holds Z (z1 out 12:00, z2 in 12:30, z3 out 12:45) and X (x1 in 14:00, x2 out
 * 14:01, x3 out 14:30, x4 private 14:31), I holds Y (y1 in 13:00, …).
 */
describe('rollup reports where the rollup meets the range edges', () => {
  let app: TestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
  });

  afterAll(async () => {
    await app.close();
  });

  async function rows(report: string, filter: Record<string, unknown>): Promise<Row[]> {
    const definition = catalog.find((r) => r.key === report)!;
    const field = reportQueryField(report);
    const response = await app.graphql<Record<string, { totalCount: number; nodes: Row[] }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1000) { totalCount nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
      { key: f.key, variables: { filter } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.[field].totalCount).toBe(response.data?.[field].nodes.length);
    return response.data?.[field].nodes ?? [];
  }

  const hourFields = [
    'conversationDate',
    'conversationHour',
    'inboxId',
    'totalConversations',
    'totalIncomingMessages',
    'totalOutgoingMessages',
  ];
  const summaryFields = ['date', 'inboxId', 'totalContacts', 'totalConversations', 'totalMessages'];

  it('a range that ends inside a bucket counts only its messages before the end', async () => {
    // [12:10, 12:40): the rollup holds the bucket 12:15–12:30 (empty); 12:10–12:15 and 12:30–12:40 are read from
    // the messages: z2 (12:30) only. The bucket 12:30–12:45 whole would bring z3 (12:45) in too.
    const range = { from: '2026-03-10T12:10:00Z', to: '2026-03-10T12:40:00Z' };
    expect(pick(await rows('chat_conversations_by_hour', range), hourFields)).toEqual([
      // 12:30Z is 09:30 in São Paulo
      {
        conversationDate: '2026-03-10',
        conversationHour: 9,
        inboxId: f.inboxes.W,
        totalConversations: 1,
        totalIncomingMessages: 1,
        totalOutgoingMessages: 0,
      },
    ]);
    // Z was created at 12:00, before the range: no conversation; Carla wrote z2.
    expect(pick(await rows('chat_summary', range), summaryFields)).toEqual([
      { date: '2026-03-10', inboxId: f.inboxes.W, totalContacts: 1, totalConversations: 0, totalMessages: 1 },
    ]);
    expect(
      pick(await rows('contacts', range), [
        'contactProfileId',
        'createdAt',
        'conversationCount',
        'inboundMessageCount',
        'outboundMessageCount',
      ]),
    ).toEqual([
      {
        contactProfileId: f.contacts.C1,
        createdAt: '2026-03-10T12:30:00.000Z',
        conversationCount: 1,
        inboundMessageCount: 1,
        outboundMessageCount: 0,
      },
    ]);
    // Carla's two attributes (plano, cidade)
    expect((await rows('contact_attributes', range)).map((r) => r.contactProfileId)).toEqual([f.contacts.C1, f.contacts.C1]);
  });

  it('a range that starts inside a bucket leaves that bucket’s earlier messages out', async () => {
    // [12:40, 13:10): 12:40–12:45 from the messages (none), the bucket 12:45–13:00 from the rollup (z3), 13:00–13:10 from
    // the messages (y1). The bucket 12:30–12:45 whole would bring z2 in.
    const range = { from: '2026-03-10T12:40:00Z', to: '2026-03-10T13:10:00Z' };
    expect(pick(await rows('chat_conversations_by_hour', range), hourFields)).toEqual([
      {
        conversationDate: '2026-03-10',
        conversationHour: 9,
        inboxId: f.inboxes.W,
        totalConversations: 1,
        totalIncomingMessages: 0,
        totalOutgoingMessages: 1,
      },
      {
        conversationDate: '2026-03-10',
        conversationHour: 10,
        inboxId: f.inboxes.I,
        totalConversations: 1,
        totalIncomingMessages: 1,
        totalOutgoingMessages: 0,
      },
    ]);
    // Y was created at 13:00, inside the range
    expect(pick(await rows('chat_summary', range), summaryFields)).toEqual([
      { date: '2026-03-10', inboxId: f.inboxes.W, totalContacts: 1, totalConversations: 0, totalMessages: 1 },
      { date: '2026-03-10', inboxId: f.inboxes.I, totalContacts: 1, totalConversations: 1, totalMessages: 1 },
    ]);
  });

  it('groups buckets into the hours of a half-hour zone (Asia/Kolkata, UTC+05:30)', async () => {
    // Kolkata's 10 March is [18:30Z 9th, 18:30Z 10th): w1 02:30Z = 08:00; z1 12:00 = 17:30; z2 12:30 = 18:00 and z3 12:45 = 18:15;
    // y1 13:00 = 18:30; x1 14:00 = 19:30 and x2 14:01 = 19:31; x3 14:30 = 20:00 (x4 private); y2 16:00 = 21:30 and y3 16:20 = 21:50
    // (y4 deleted); v1 at 19:00Z is already the 11th.
    const result = await rows('chat_conversations_by_hour', { ...SP_DAY, timeZone: 'Asia/Kolkata' });
    const byHour = (hour: number, inbox: string) => {
      const row = result.find((r) => r.conversationHour === hour && r.inboxId === inbox);
      return row && [row.totalConversations, row.totalIncomingMessages, row.totalOutgoingMessages];
    };
    expect(result.map((r) => `${r.conversationDate} ${r.conversationHour}`)).toEqual([
      '2026-03-10 8',
      '2026-03-10 17',
      '2026-03-10 18',
      '2026-03-10 18',
      '2026-03-10 19',
      '2026-03-10 20',
      '2026-03-10 21',
    ]);
    expect(byHour(8, f.inboxes.W)).toEqual([1, 0, 1]);
    expect(byHour(17, f.inboxes.W)).toEqual([1, 0, 1]);
    expect(byHour(18, f.inboxes.W)).toEqual([1, 1, 1]);
    expect(byHour(18, f.inboxes.I)).toEqual([1, 1, 0]);
    expect(byHour(19, f.inboxes.W)).toEqual([1, 1, 1]);
    expect(byHour(20, f.inboxes.W)).toEqual([1, 0, 1]);
    expect(byHour(21, f.inboxes.I)).toEqual([1, 1, 1]);
  });

  it('reads as of an instant inside a bucket', async () => {
    // asOf 14:00:30: x1 (14:00) is in, x2 (14:01) of the same bucket is not; X (created 14:00) counts, later conversations do not.
    const asOf = new Date('2026-03-10T14:00:30Z');
    const page = async (key: string, fields: string[]) => {
      const report = catalog.find((r) => r.key === key)!;
      const query = compilePage(report, { ...fixtureDayFilter(), asOf }, { fields, after: null, limit: 100 });
      const result: Row[] = await withTenant(app.db.runtime, f.accountId, (runner) => runner.query(query.text, query.values));
      return pick(result, fields);
    };
    expect(await page('chat_conversations_by_hour', hourFields)).toEqual([
      // z1 z2 z3 at 09h, y1 at 10h, x1 at 11h
      {
        conversationDate: '2026-03-10',
        conversationHour: 9,
        inboxId: f.inboxes.W,
        totalConversations: 1,
        totalIncomingMessages: 1,
        totalOutgoingMessages: 2,
      },
      {
        conversationDate: '2026-03-10',
        conversationHour: 10,
        inboxId: f.inboxes.I,
        totalConversations: 1,
        totalIncomingMessages: 1,
        totalOutgoingMessages: 0,
      },
      {
        conversationDate: '2026-03-10',
        conversationHour: 11,
        inboxId: f.inboxes.W,
        totalConversations: 1,
        totalIncomingMessages: 1,
        totalOutgoingMessages: 0,
      },
    ]);
    expect(await page('chat_summary', summaryFields)).toEqual([
      // W: Z and X created, z1 z2 z3 x1; I: Y created, y1
      { date: '2026-03-10', inboxId: f.inboxes.W, totalContacts: 1, totalConversations: 2, totalMessages: 4 },
      { date: '2026-03-10', inboxId: f.inboxes.I, totalContacts: 1, totalConversations: 1, totalMessages: 1 },
    ]);
  });

  describe('after more events reach rows the rollup already holds', () => {
    beforeAll(async () => {
      const at = (time: string, day = '10') => `2026-03-${day}T${time}:00Z`;
      const { applied } = await ingestEvents(app.db, f.accountId, [
        // z2 deleted; Dan erased
        { id: 'mb-1', type: 'message.deleted', occurredAt: at('21:00'), data: { message: 'z2' } },
        { id: 'mb-2', type: 'contact.erased', occurredAt: at('21:00'), data: { contact: 'C2' } },
        // D in W with Carla on New York's spring-forward day (8 March: 02:00 EST → 03:00 EDT at 07:00Z)
        {
          id: 'mb-3',
          type: 'conversation.created',
          occurredAt: at('06:50', '08'),
          data: { conversation: 'D', inbox: 'W', contact: 'C1', displayId: 7 },
        },
        ...[
          ['d1', '06:50'],
          ['d2', '07:10'],
          ['d3', '07:20'],
        ].map(([message, time], i) => ({
          id: `mb-${4 + i}`,
          type: 'message.created',
          occurredAt: at(time, '08'),
          data: { message, conversation: 'D', direction: 'incoming', origin: 'contact', senderContact: 'C1', content: 'Oi' },
        })),
      ]);
      expect(applied.rejected).toBe(0);
    });

    it('a deleted message leaves the public counts; an erased contact keeps every count', async () => {
      // W: x1 x2 x3 z1 z3 = 5 (z2 deleted); I unchanged: y1 y2 y3 v1 v2 u1 u2 = 7 with Dan, now erased
      expect(pick(await rows('chat_summary', SP_DAY), summaryFields)).toEqual([
        { date: '2026-03-10', inboxId: f.inboxes.W, totalContacts: 1, totalConversations: 2, totalMessages: 5 },
        { date: '2026-03-10', inboxId: f.inboxes.I, totalContacts: 1, totalConversations: 3, totalMessages: 7 },
      ]);
      // 09h São Paulo in W: z1 and z3 out, nothing in
      const nine = (await rows('chat_conversations_by_hour', SP_DAY)).find((r) => r.conversationHour === 9);
      expect(nine).toMatchObject({ totalConversations: 1, totalIncomingMessages: 0, totalOutgoingMessages: 2 });
      // contacts counts deleted messages: Carla still has x1 and z2 in
      const contacts = await rows('contacts', SP_DAY);
      expect(pick(contacts, ['contactProfileId', 'contactPrimaryIdentifier', 'inboundMessageCount'])).toEqual([
        { contactProfileId: f.contacts.C1, contactPrimaryIdentifier: '+5511988887777', inboundMessageCount: 2 },
        { contactProfileId: f.contacts.C2, contactPrimaryIdentifier: 'erased', inboundMessageCount: 5 },
      ]);
    });

    it('groups the buckets of a daylight-saving day into New York hours', async () => {
      // New York's 8 March is [05:00Z 8th, 04:00Z 9th): d1 06:50Z = 01:50 EST; d2 07:10Z = 03:10 EDT, d3 07:20Z = 03:20 EDT.
      const day = { from: '2026-03-08', to: '2026-03-09', timeZone: 'America/New_York' };
      expect(pick(await rows('chat_conversations_by_hour', day), hourFields)).toEqual([
        {
          conversationDate: '2026-03-08',
          conversationHour: 1,
          inboxId: f.inboxes.W,
          totalConversations: 1,
          totalIncomingMessages: 1,
          totalOutgoingMessages: 0,
        },
        {
          conversationDate: '2026-03-08',
          conversationHour: 3,
          inboxId: f.inboxes.W,
          totalConversations: 1,
          totalIncomingMessages: 2,
          totalOutgoingMessages: 0,
        },
      ]);
      expect(pick(await rows('chat_summary', day), summaryFields)).toEqual([
        { date: '2026-03-08', inboxId: f.inboxes.W, totalContacts: 1, totalConversations: 1, totalMessages: 3 },
      ]);
    });
  });
});
