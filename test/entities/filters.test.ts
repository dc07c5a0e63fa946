import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { buildChatFixture, ChatFixture } from './support/chat-fixture';

/** Each filter criterion alone and combined, against the hand-built chat account. */
describe('connections: filters', () => {
  let app: TestApp;
  let account: TestAccount;
  let f: ChatFixture;

  const run = (text: string, variables: Record<string, unknown>) => app.graphql<Record<string, any>>(text, { key: account.key, variables });

  /** The list's node values of `pick`, in order; fails on any error. */
  const list = async (field: string, filter: Record<string, unknown>, pick: string) => {
    const [type] = field.split('(');
    const filterType = {
      conversations: 'ConversationFilter',
      messages: 'MessageFilter',
      agents: 'AgentFilter',
      agentPresences: 'AgentPresenceFilter',
      dispatches: 'DispatchFilter',
      contacts: 'ContactFilter',
    }[type];
    const response = await run(`query ($filter: ${filterType}) { ${field}(filter: $filter) { totalCount nodes { ${pick} } } }`, { filter });
    expect(response.errors).toBeUndefined();
    const { totalCount, nodes } = response.data![type];
    expect(totalCount).toBe(nodes.length);
    return nodes.map((node: Record<string, unknown>) => node[pick]);
  };

  const expectBadInput = async (field: string, filterType: string, filter: Record<string, unknown>, at: string) => {
    const response = await run(`query ($filter: ${filterType}) { ${field}(filter: $filter) { nodes { id } } }`, { filter });
    expect(response.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: at })]);
  };

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db, { name: 'Filters Co' });
    f = await buildChatFixture(app.db, account.id);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('conversations', () => {
    it.each<[string, () => Record<string, unknown>, number[]]>([
      ['statuses', () => ({ statuses: ['OPEN', 'NEW'] }), [3, 2]],
      ['an empty status list', () => ({ statuses: [] }), []],
      ['inboxIds', () => ({ inboxIds: [f.inboxes.whatsapp] }), [2, 1]],
      ['teamIds', () => ({ teamIds: [f.teams.sales] }), [1]],
      ['assigneeIds', () => ({ assigneeIds: [f.agents.bruno, f.agents.ana] }), [2, 1]],
      ['contactIds', () => ({ contactIds: [f.contacts.diego] }), [3, 2]],
      ['createdFrom (inclusive)', () => ({ createdFrom: '2026-02-02T10:00:00Z' }), [3, 2]],
      ['createdTo (exclusive)', () => ({ createdTo: '2026-02-02T10:00:00Z' }), [1]],
      ['a created range', () => ({ createdFrom: '2026-02-02T00:00:00Z', createdTo: '2026-02-03T00:00:00Z' }), [2]],
      ['resolvedFrom', () => ({ resolvedFrom: '2026-02-01T00:00:00Z' }), [1]],
      ['resolvedTo (exclusive)', () => ({ resolvedTo: '2026-02-01T11:00:00Z' }), []],
      ['statuses and inboxIds together', () => ({ statuses: ['OPEN', 'NEW'], inboxIds: [f.inboxes.whatsapp] }), [2]],
    ])('by %s', async (_label, filter, displayIds) => {
      expect(await list('conversations', filter(), 'displayId')).toEqual(displayIds);
    });

    it('applies to a child connection too', async () => {
      const response = await run(
        `query ($id: ID!) { inbox(id: $id) { conversations(filter: { statuses: [OPEN] }) { totalCount nodes { displayId } } } }`,
        { id: f.inboxes.whatsapp },
      );
      expect(response.data!.inbox.conversations).toEqual({ totalCount: 1, nodes: [{ displayId: 2 }] });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['createdFrom after createdTo', { createdFrom: '2026-02-03T00:00:00Z', createdTo: '2026-02-02T00:00:00Z' }, 'filter.createdTo'],
      ['an empty resolved range', { resolvedFrom: '2026-02-01T00:00:00Z', resolvedTo: '2026-02-01T00:00:00Z' }, 'filter.resolvedTo'],
      ['a non-numeric inbox id', { inboxIds: ['abc'] }, 'filter.inboxIds'],
      ['an out-of-range assignee id', { assigneeIds: ['99999999999999999999'] }, 'filter.assigneeIds'],
    ])('rejects %s', async (_label, filter, at) => {
      await expectBadInput('conversations', 'ConversationFilter', filter, at);
    });
  });

  describe('messages', () => {
    it.each<[string, () => Record<string, unknown>, string[]]>([
      [
        'nothing (private notes left out)',
        () => ({}),
        ['Hi, I am Botty.', 'Hello?', 'Conversation resolved', 'Segue a fatura.', 'Oi, minha fatura?'],
      ],
      ['conversationIds', () => ({ conversationIds: [f.conversations.second] }), ['Hi, I am Botty.', 'Hello?']],
      ['direction', () => ({ direction: 'INCOMING' }), ['Hello?', 'Oi, minha fatura?']],
      ['messageTypes', () => ({ messageTypes: ['ACTIVITY'] }), ['Conversation resolved']],
      [
        'a created range',
        () => ({ createdFrom: '2026-02-01T10:05:00Z', createdTo: '2026-02-02T00:00:00Z' }),
        ['Conversation resolved', 'Segue a fatura.'],
      ],
      [
        'includePrivate',
        () => ({ includePrivate: true, conversationIds: [f.conversations.first] }),
        ['Conversation resolved', 'cliente antigo', 'Segue a fatura.', 'Oi, minha fatura?'],
      ],
      [
        'direction with private notes',
        () => ({ direction: 'OUTGOING', includePrivate: true, createdTo: '2026-02-02T00:00:00Z' }),
        ['Conversation resolved', 'cliente antigo', 'Segue a fatura.'],
      ],
    ])('by %s', async (_label, filter, contents) => {
      expect(await list('messages', filter(), 'content')).toEqual(contents);
    });

    it('leaves private notes out of a list requested without any filter', async () => {
      const response = await run(`query ($id: ID!) { agent(id: $id) { messages { totalCount nodes { content } } } }`, { id: f.agents.ana });
      expect(response.data!.agent.messages).toEqual({ totalCount: 1, nodes: [{ content: 'Segue a fatura.' }] });
    });

    it('rejects an inverted created range', async () => {
      await expectBadInput(
        'messages',
        'MessageFilter',
        { createdFrom: '2026-02-02T00:00:00Z', createdTo: '2026-02-01T00:00:00Z' },
        'filter.createdTo',
      );
    });
  });

  it.each([
    ['VIRTUAL', ['Botty']],
    ['HUMAN', ['Bruno', 'Ana']],
  ])('agents by kind %s', async (kind, names) => {
    expect(await list('agents', { kind }, 'name')).toEqual(names);
  });

  describe('agent presences', () => {
    it.each<[string, () => Record<string, unknown>, () => string[]]>([
      ['agentIds', () => ({ agentIds: [f.agents.ana] }), () => [f.presences.anaLunch, f.presences.anaMorning]],
      ['statuses', () => ({ statuses: ['AWAY'] }), () => [f.presences.anaLunch]],
      ['from: still going on at or after it', () => ({ from: '2026-02-01T12:30:00Z' }), () => [f.presences.anaLunch, f.presences.brunoNow]],
      ['to: started before it', () => ({ to: '2026-02-01T09:00:00Z' }), () => [f.presences.anaMorning]],
      [
        'an overlapping range (an interval ending at `from` is out)',
        () => ({ from: '2026-02-01T12:00:00Z', to: '2026-02-01T12:30:00Z' }),
        () => [f.presences.anaLunch, f.presences.brunoNow],
      ],
    ])('by %s', async (_label, filter, ids) => {
      expect(await list('agentPresences', filter(), 'id')).toEqual(ids());
    });

    it('applies to one agent’s presences', async () => {
      const response = await run(
        `query ($id: ID!) { agent(id: $id) { presences(filter: { statuses: [AWAY] }) { nodes { awayState } } } }`,
        { id: f.agents.ana },
      );
      expect(response.data!.agent.presences.nodes).toEqual([{ awayState: 'lunch' }]);
    });

    it('rejects an inverted range', async () => {
      await expectBadInput(
        'agentPresences',
        'AgentPresenceFilter',
        { from: '2026-02-01T13:00:00Z', to: '2026-02-01T12:00:00Z' },
        'filter.to',
      );
    });
  });

  describe('dispatches', () => {
    it.each<[string, () => Record<string, unknown>, string[]]>([
      ['inboxIds', () => ({ inboxIds: [f.inboxes.whatsapp] }), ['welcome', 'invoice_ready']],
      ['an inbox without dispatches', () => ({ inboxIds: [f.inboxes.widget] }), []],
      ['requestedFrom', () => ({ requestedFrom: '2026-02-01T09:15:00Z' }), ['welcome']],
      ['requestedTo', () => ({ requestedTo: '2026-02-01T09:15:00Z' }), ['invoice_ready']],
    ])('by %s', async (_label, filter, names) => {
      expect(await list('dispatches', filter(), 'templateName')).toEqual(names);
    });

    it('rejects an inverted requested range', async () => {
      await expectBadInput(
        'dispatches',
        'DispatchFilter',
        { requestedFrom: '2026-02-02T00:00:00Z', requestedTo: '2026-02-01T00:00:00Z' },
        'filter.requestedTo',
      );
    });
  });

  describe('contacts', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['medium', { medium: 'whatsapp' }, ['Carla']],
      ['search in the name or e-mail, ignoring case', { search: 'DIEGO' }, ['Diego']],
      ['search in the phone number', { search: '8888' }, ['Carla']],
      ['search in the secondary identifier', { search: 'carlinha' }, ['Carla']],
      ['search for a LIKE wildcard, taken literally', { search: '%' }, []],
      ['a blank search', { search: '   ' }, ['Diego', 'Carla']],
      ['medium and search together', { medium: 'web', search: 'carl' }, []],
    ])('by %s', async (_label, filter, names) => {
      expect(await list('contacts', filter, 'name')).toEqual(names);
    });

    it('rejects a search longer than 100 characters', async () => {
      await expectBadInput('contacts', 'ContactFilter', { search: 'x'.repeat(101) }, 'filter.search');
    });
  });
});
