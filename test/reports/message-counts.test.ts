import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { withTenant } from '../../src/db/tenant-transaction';
import { compileCount } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { ingestEvents } from '../support/ingest';
import { buildReportFixture, ReportFixture } from './fixture';
import { fixtureDayFilter } from './plans';

/**
 * The `messages` and `chat_conversations` counts read `message_counts` for the 15-minute buckets
 * wholly inside their range and the messages themselves at its edges. Worked out by hand on the
 * report fixture (times UTC on 10 March; see fixture.ts), non-activity messages only (x5 is one):
 *   W: w1 02:30 · z1 12:00 · z2 12:30 · z3 12:45 (Bruno, Vendas) · x1 14:00 · x2 14:01 (bot) ·
 *      x3 14:30 and x4 14:31 (Ana, Suporte; x4 a private note)
 *   I: y1 13:00 · y2 16:00 · y4 16:05 (deleted) · y3 16:20 (Bruno, Vendas) · v1 19:00 · v2 19:01 (bot) ·
 *      u1 20:00 · u2 20:01 (bot)
 * `messages` counts deleted messages, `chat_conversations` does not; both count private notes.
 * Each count is also checked against its own rows (one page holds them all).
 */
describe('message counts where the rollup meets the range edges', () => {
  let app: TestApp;
  let f: ReportFixture;

  beforeAll(async () => {
    app = await startTestApp();
    f = await buildReportFixture(app.db);
    // D in W with Carla on New York's spring-forward day (8 March: 02:00 EST → 03:00 EDT at 07:00Z): d1 06:50, d2 07:10,
    // d3 07:20, Ana's reply d4 07:40 for Suporte, d5 07:47; then, in a later round, d3 deleted.
    const at = (time: string) => `2026-03-08T${time}:00Z`;
    const inbound = (message: string, time: string) => ({
      id: `mc-${message}`,
      type: 'message.created',
      occurredAt: at(time),
      data: { message, conversation: 'D', direction: 'incoming', origin: 'contact', senderContact: 'C1', content: 'Oi' },
    });
    const created = await ingestEvents(app.db, f.accountId, [
      {
        id: 'mc-d',
        type: 'conversation.created',
        occurredAt: at('06:50'),
        data: { conversation: 'D', inbox: 'W', contact: 'C1', displayId: 7 },
      },
      inbound('d1', '06:50'),
      inbound('d2', '07:10'),
      inbound('d3', '07:20'),
      {
        id: 'mc-d4',
        type: 'message.created',
        occurredAt: at('07:40'),
        data: {
          message: 'd4',
          conversation: 'D',
          direction: 'outgoing',
          origin: 'agent',
          outboundType: 'reply',
          senderAgent: 'ana',
          team: 'suporte',
          content: 'Olá',
        },
      },
      inbound('d5', '07:47'),
    ]);
    const deleted = await ingestEvents(app.db, f.accountId, [
      { id: 'mc-del', type: 'message.deleted', occurredAt: at('08:00'), data: { message: 'd3' } },
    ]);
    expect(created.applied.rejected + deleted.applied.rejected).toBe(0);
  });

  afterAll(async () => {
    await app.close();
  });

  async function totalCount(report: string, filter: Record<string, unknown>): Promise<number> {
    const field = reportQueryField(report);
    const response = await app.graphql<Record<string, { totalCount: number; nodes: unknown[] }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 1000) { totalCount nodes { messageId } } }`,
      { key: f.key, variables: { filter } },
    );
    expect(response.errors).toBeUndefined();
    const connection = response.data![field];
    expect(connection.totalCount).toBe(connection.nodes.length);
    return connection.totalCount;
  }

  const counts = async (filter: Record<string, unknown>) => ({
    messages: await totalCount('messages', filter),
    chat_conversations: await totalCount('chat_conversations', filter),
  });

  it('counts a day of whole buckets', async () => {
    // São Paulo's 10 March is [03:00Z 10th, 03:00Z 11th): every message above but w1 (02:30Z, the 9th there) = 15; y4 deleted: 14.
    expect(await counts({ from: '2026-03-10', to: '2026-03-11' })).toEqual({ messages: 15, chat_conversations: 14 });
    // Asia/Kolkata (UTC+05:30): 10 March is [18:30Z 9th, 18:30Z 10th): w1 z1 z2 z3 x1 x2 x3 x4 y1 y2 y4 y3 = 12, y4 deleted: 11.
    expect(await counts({ from: '2026-03-10', to: '2026-03-11', timeZone: 'Asia/Kolkata' })).toEqual({
      messages: 12,
      chat_conversations: 11,
    });
  });

  it('reads the partial buckets at both edges from the messages, in a half-hour zone, with an inbox filter', async () => {
    // 19:31 to 21:51 in Kolkata is [14:01Z, 16:21Z): the edge [14:01, 14:15) holds x2, the whole buckets 14:15–16:15 x3 x4 y2 y4
    // (x5 is activity), the edge [16:15, 16:21) y3: 6 messages, 5 without the deleted y4.
    const range = { from: '2026-03-10T19:31:00', to: '2026-03-10T21:51:00', timeZone: 'Asia/Kolkata' };
    expect(await counts(range)).toEqual({ messages: 6, chat_conversations: 5 });
    // W: x2 x3 x4; I: y2 y4 y3 (y4 deleted)
    expect(await counts({ ...range, inboxIds: [f.inboxes.W] })).toEqual({ messages: 3, chat_conversations: 3 });
    expect(await counts({ ...range, inboxIds: [f.inboxes.I] })).toEqual({ messages: 3, chat_conversations: 2 });
    // Instagram is I's channel type
    expect(await counts({ ...range, channelTypes: ['INSTAGRAM'] })).toEqual({ messages: 3, chat_conversations: 2 });
  });

  it('filters the messages count by team and agent in the rollup and at the edges alike', async () => {
    const range = { from: '2026-03-10T19:31:00', to: '2026-03-10T21:51:00', timeZone: 'Asia/Kolkata' };
    // Suporte: x3 x4 (whole buckets); Vendas: y3 (the edge)
    expect(await totalCount('messages', { ...range, teamIds: [f.teams.suporte] })).toBe(2);
    expect(await totalCount('messages', { ...range, teamIds: [f.teams.vendas] })).toBe(1);
    // Ana: x3 x4; the bot: x2 (the edge); Ana for Vendas: none; Bruno or the bot for Vendas: y3
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.ana] })).toBe(2);
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.bot] })).toBe(1);
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.ana], teamIds: [f.teams.vendas] })).toBe(0);
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.bruno, f.agents.bot], teamIds: [f.teams.vendas] })).toBe(1);
    // Bruno in I: y3; in W: none in this range (z3 is at 12:45)
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.bruno], inboxIds: [f.inboxes.I] })).toBe(1);
    expect(await totalCount('messages', { ...range, agentIds: [f.agents.bruno], inboxIds: [f.inboxes.W] })).toBe(0);
  });

  it('counts a daylight-saving day and a range across its change, a deletion included', async () => {
    // New York's 8 March is [05:00Z 8th, 04:00Z 9th), 23 hours: d1–d5; d3 was deleted after the rollup held it.
    expect(await counts({ from: '2026-03-08', to: '2026-03-09', timeZone: 'America/New_York' })).toEqual({
      messages: 5,
      chat_conversations: 4,
    });
    // 01:55 EST to 03:50 EDT is [06:55Z, 07:50Z): the edge [06:55, 07:00) is empty, the whole buckets 07:00–07:45 hold d2 d3 d4,
    // the edge [07:45, 07:50) d5: 4 messages, 3 without d3; Suporte: d4.
    const range = { from: '2026-03-08T01:55:00', to: '2026-03-08T03:50:00', timeZone: 'America/New_York' };
    expect(await counts(range)).toEqual({ messages: 4, chat_conversations: 3 });
    expect(await totalCount('messages', { ...range, teamIds: [f.teams.suporte] })).toBe(1);
  });

  it('counts up to asOf inside a bucket', async () => {
    const countAsOf = async (key: string, asOf: string): Promise<number> => {
      const query = compileCount(
        catalog.find((r) => r.key === key)!,
        { ...fixtureDayFilter(), asOf: new Date(asOf) },
      );
      const [row] = await withTenant(app.db.runtime, f.accountId, (runner) => runner.query(query.text, query.values));
      return row.count;
    };
    // asOf 14:30:30: z1 z2 z3 y1 x1 x2 x3 (14:30, in the bucket 14:30–14:45 with x4 at 14:31, which is not) = 7
    expect(await countAsOf('messages', '2026-03-10T14:30:30Z')).toBe(7);
    expect(await countAsOf('chat_conversations', '2026-03-10T14:30:30Z')).toBe(7);
    // asOf 16:05 itself: those 7, x4, y2 and y4 (at asOf) = 10; without the deleted y4: 9
    expect(await countAsOf('messages', '2026-03-10T16:05:00Z')).toBe(10);
    expect(await countAsOf('chat_conversations', '2026-03-10T16:05:00Z')).toBe(9);
  });
});
