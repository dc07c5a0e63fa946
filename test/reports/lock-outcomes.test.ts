import { catalog } from '../../src/catalog';
import { withTenant } from '../../src/db/tenant-transaction';
import { compilePage, ResolvedFilter } from '../../src/reports/compiler';
import { startTestApp, TestApp } from '../support/app';
import { createAccount } from '../support/fixtures';
import { ingestEvents } from '../support/ingest';

/**
 * The edges of a lock's outcome, by hand. Times are UTC on 10 March 2026 unless said otherwise;
 * Ana and Bruno are human agents, A and B conversations (both reopened or new, so
 * conversations_open lists them). Every "reply" is a public human reply by the agent named.
 *
 * A: 1 Ana locks 10:00, replies 10:00 (at the lock), unlocks 10:05          handle 300
 *    2 Ana locks 11:00, unlocks 11:04, replies 11:04 (at the unlock)        handle 240
 *    3 Ana locks 12:00, resolves 12:03, unlocks 12:03, replies 12:03:30     no_reply 180
 *      (12:30 reopened)
 *    4 Ana locks 13:00, locks again 13:02, replies 13:04, unlocks 13:06:
 *      13:00–13:02 ends at the second lock, without a reply                 cherry 120
 *      13:02–13:06                                                          handle 240
 *    5 Ana locks 14:00 twice (same instant), replies 14:05, unlocks 14:10:
 *      the first ends where the second starts                               cherry 0
 *      the second                                                           handle 600
 *    6 Ana locks 15:00, unlocks 15:10; between, Bruno locks 15:01, unlocks
 *      15:02 and replies 15:05: another agent's events end no lock of Ana's,
 *      and Bruno's reply is after his lock                                  Ana cherry 600, Bruno cherry 60
 *    7 Ana locks 16:00, replies 16:25, unlocks 16:30                        handle 1800
 * B: 8 Ana locks 23:50 on the 9th, replies 00:05, unlocks 00:10             handle 1200
 *    9 Ana locks 23:50, replies 00:10 on the 11th, unlocks 00:20 on the 11th handle 1800
 */
describe('lock outcomes at their edges', () => {
  let app: TestApp;
  let accountId: string;
  /** The conversations' external ids (A, B) by id. */
  let conversations: Map<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    accountId = (await createAccount(app.db, { name: 'Locks Co', timeZone: 'UTC' })).id;
    const events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }> = [];
    const at = (time: string, day = '10') => `2026-03-${day}T${time.length === 5 ? `${time}:00` : time}Z`;
    const add = (type: string, occurredAt: string, data: Record<string, unknown>) =>
      events.push({ id: `l-${events.length + 1}`, type, occurredAt, data });
    add('inbox.upserted', at('09:00', '01'), { inbox: 'W', name: 'WA', displayName: 'WA', channelType: 'whatsapp', medium: 'WhatsApp' });
    add('agent.upserted', at('09:00', '01'), { agent: 'ana', kind: 'human', name: 'Ana' });
    add('agent.upserted', at('09:00', '01'), { agent: 'bruno', kind: 'human', name: 'Bruno' });
    add('contact.upserted', at('09:00', '01'), { contact: 'C', medium: 'WhatsApp', primaryIdentifier: '+5511900000000' });
    for (const conversation of ['A', 'B']) {
      add('conversation.created', at('23:00', '09'), { conversation, inbox: 'W', contact: 'C' });
    }
    let replies = 0;
    const reply = (conversation: string, agent: string, time: string, day?: string) =>
      add('message.created', at(time, day), {
        message: `r${++replies}`,
        conversation,
        direction: 'outgoing',
        origin: 'agent',
        senderAgent: agent,
        content: 'Oi',
      });
    const lockEvent = (kind: 'locked' | 'unlocked', conversation: string, agent: string, time: string, day?: string) =>
      add(`conversation.${kind}`, at(time, day), { conversation, agent });
    // 1, 2
    lockEvent('locked', 'A', 'ana', '10:00');
    reply('A', 'ana', '10:00');
    lockEvent('unlocked', 'A', 'ana', '10:05');
    lockEvent('locked', 'A', 'ana', '11:00');
    lockEvent('unlocked', 'A', 'ana', '11:04');
    reply('A', 'ana', '11:04');
    // 3
    lockEvent('locked', 'A', 'ana', '12:00');
    add('conversation.status_changed', at('12:03'), { conversation: 'A', status: 'resolved', agent: 'ana', resolvedBy: 'agent' });
    lockEvent('unlocked', 'A', 'ana', '12:03');
    reply('A', 'ana', '12:03:30');
    add('conversation.status_changed', at('12:30'), { conversation: 'A', status: 'open', agent: 'ana' });
    // 4, 5
    lockEvent('locked', 'A', 'ana', '13:00');
    lockEvent('locked', 'A', 'ana', '13:02');
    reply('A', 'ana', '13:04');
    lockEvent('unlocked', 'A', 'ana', '13:06');
    lockEvent('locked', 'A', 'ana', '14:00');
    lockEvent('locked', 'A', 'ana', '14:00');
    reply('A', 'ana', '14:05');
    lockEvent('unlocked', 'A', 'ana', '14:10');
    // 6, 7
    lockEvent('locked', 'A', 'ana', '15:00');
    lockEvent('locked', 'A', 'bruno', '15:01');
    lockEvent('unlocked', 'A', 'bruno', '15:02');
    reply('A', 'bruno', '15:05');
    lockEvent('unlocked', 'A', 'ana', '15:10');
    lockEvent('locked', 'A', 'ana', '16:00');
    reply('A', 'ana', '16:25');
    lockEvent('unlocked', 'A', 'ana', '16:30');
    // 8, 9
    lockEvent('locked', 'B', 'ana', '23:50', '09');
    reply('B', 'ana', '00:05');
    lockEvent('unlocked', 'B', 'ana', '00:10');
    lockEvent('locked', 'B', 'ana', '23:50');
    reply('B', 'ana', '00:10', '11');
    lockEvent('unlocked', 'B', 'ana', '00:20', '11');
    const { applied } = await ingestEvents(app.db, accountId, events);
    expect(applied.waiting + applied.rejected).toBe(0);
    const rows: Array<{ id: string; external_id: string }> = await withTenant(app.db.owner, accountId, (runner) =>
      runner.query(`SELECT id::text AS id, external_id FROM conversations WHERE account_id = $1`, [accountId]),
    );
    conversations = new Map(rows.map((row) => [row.id, row.external_id]));
  });

  afterAll(async () => {
    await app.close();
  });

  /** The 10th (UTC), read as of `asOf`. */
  const tenth = (asOf: string): ResolvedFilter => ({
    from: new Date('2026-03-10T00:00:00Z'),
    to: new Date('2026-03-11T00:00:00Z'),
    timeZone: 'UTC',
    asOf: new Date(asOf),
    inboxIds: null,
    channelTypes: null,
    teamIds: null,
    agentIds: null,
  });

  async function rowsOf(key: string, filter: ResolvedFilter, fields: string[]): Promise<Array<Record<string, unknown>>> {
    const page = compilePage(
      catalog.find((r) => r.key === key)!,
      filter,
      { fields, after: null, limit: 101 },
    );
    const rows: Array<Record<string, unknown>> = await withTenant(app.db.runtime, accountId, (runner) =>
      runner.query(page.text, page.values),
    );
    const value = (field: string, v: unknown) =>
      field === 'conversationId' ? conversations.get(String(v)) : typeof v === 'string' && /^\d/.test(v) ? Number(v) : v;
    return rows.map((row) => Object.fromEntries(fields.map((field) => [field, value(field, row[field])])));
  }

  const agentFields = [
    'userName',
    'totalHandleTimeSeconds',
    'totalNoReplyTimeSeconds',
    'totalCherryPickingTimeSeconds',
    'avgHandleTimeSeconds',
  ];
  const conversationFields = ['conversationId', 'handleTimeSeconds', 'noReplyTimeSeconds', 'cherryPickingTimeSeconds'];

  it('agent_metrics counts the locks taken in the range, up to their release after it', async () => {
    expect(await rowsOf('agent_metrics', tenth('2026-03-11T12:00:00Z'), agentFields)).toEqual([
      {
        userName: 'Ana',
        // 300 + 240 + 240 + 600 + 1800 + 1800 (lock 9, released on the 11th); lock 8 was taken on the 9th
        totalHandleTimeSeconds: 4980,
        totalNoReplyTimeSeconds: 180,
        // 120 + 0 + 600
        totalCherryPickingTimeSeconds: 720,
        // 4980 over the 2 conversations with handle time
        avgHandleTimeSeconds: 2490,
      },
      {
        userName: 'Bruno',
        totalHandleTimeSeconds: 0,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 60,
        avgHandleTimeSeconds: null,
      },
    ]);
  });

  it('agent_metrics as of 16:20: a lock held then ends there, a reply after it does not count, a later lock is not there', async () => {
    expect(await rowsOf('agent_metrics', tenth('2026-03-10T16:20:00Z'), agentFields)).toEqual([
      {
        userName: 'Ana',
        // 300 + 240 + 240 + 600
        totalHandleTimeSeconds: 1380,
        totalNoReplyTimeSeconds: 180,
        // 120 + 0 + 600 + 1200 (lock 7, 16:00–16:20, its reply at 16:25)
        totalCherryPickingTimeSeconds: 1920,
        // A only
        avgHandleTimeSeconds: 1380,
      },
      {
        userName: 'Bruno',
        totalHandleTimeSeconds: 0,
        totalNoReplyTimeSeconds: 0,
        totalCherryPickingTimeSeconds: 60,
        avgHandleTimeSeconds: null,
      },
    ]);
  });

  it('a conversation counts every lock of its own, whatever the range, taken by asOf', async () => {
    expect(await rowsOf('conversations_open', tenth('2026-03-11T12:00:00Z'), conversationFields)).toEqual([
      // 300 + 240 + 240 + 600 + 1800; cherry-picking 120 + 0 + 600 + Bruno's 60
      { conversationId: 'A', handleTimeSeconds: 3180, noReplyTimeSeconds: 180, cherryPickingTimeSeconds: 780 },
      // locks 8 (1200) and 9 (1800)
      { conversationId: 'B', handleTimeSeconds: 3000, noReplyTimeSeconds: 0, cherryPickingTimeSeconds: 0 },
    ]);
    expect(await rowsOf('conversations_open', tenth('2026-03-10T16:20:00Z'), conversationFields)).toEqual([
      // 300 + 240 + 240 + 600; cherry-picking 120 + 0 + 600 + 60 + 1200
      { conversationId: 'A', handleTimeSeconds: 1380, noReplyTimeSeconds: 180, cherryPickingTimeSeconds: 1980 },
      // lock 8 only
      { conversationId: 'B', handleTimeSeconds: 1200, noReplyTimeSeconds: 0, cherryPickingTimeSeconds: 0 },
    ]);
  });
});
