import { startTestApp, TestApp } from '../support/app';
import { createAccount, TestAccount } from '../support/fixtures';
import { buildChatFixture, ChatFixture } from './support/chat-fixture';

type Lookup = { field: string; id: (f: ChatFixture) => string; shows: string; expected: string | number };

const LOOKUPS: Lookup[] = [
  { field: 'conversation', id: (f) => f.conversations.first, shows: 'displayId', expected: 1 },
  { field: 'inbox', id: (f) => f.inboxes.whatsapp, shows: 'name', expected: 'wa-main' },
  { field: 'message', id: (f) => f.messages.anaNote, shows: 'content', expected: 'cliente antigo' },
  { field: 'agent', id: (f) => f.agents.bruno, shows: 'name', expected: 'Bruno' },
  { field: 'team', id: (f) => f.teams.support, shows: 'name', expected: 'Support' },
  { field: 'contact', id: (f) => f.contacts.carla, shows: 'name', expected: 'Carla' },
  { field: 'topic', id: (f) => f.topics.delivery, shows: 'name', expected: 'Delivery' },
  { field: 'tag', id: (f) => f.tags.vip, shows: 'name', expected: 'vip' },
];

/**
 * Single lookups by id. Two accounts hold the same rows under different ids; under Row Level
 * Security the other account's ids must look exactly like ids that do not exist.
 */
describe('single lookups', () => {
  let app: TestApp;
  let mine: TestAccount;
  let theirs: TestAccount;
  let own: ChatFixture;
  let foreign: ChatFixture;

  const lookup = (field: string, shows: string, id: string) =>
    app.graphql<Record<string, any>>(`query ($id: ID!) { ${field}(id: $id) { id ${shows} } }`, { key: mine.key, variables: { id } });

  beforeAll(async () => {
    app = await startTestApp();
    mine = await createAccount(app.db, { name: 'Mine' });
    own = await buildChatFixture(app.db, mine.id);
    theirs = await createAccount(app.db, { name: 'Theirs' });
    foreign = await buildChatFixture(app.db, theirs.id);
  });

  afterAll(async () => {
    await app.close();
  });

  describe.each(LOOKUPS)('$field(id)', ({ field, id, shows, expected }) => {
    it('finds a row of the account', async () => {
      const response = await lookup(field, shows, id(own));
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ [field]: { id: id(own), [shows]: expected } });
    });

    it.each([
      ['another account', () => id(foreign)],
      ['nobody', () => '999999999'],
    ])('answers NOT_FOUND for the id of %s', async (_label, missing) => {
      const response = await lookup(field, shows, missing());
      expect(response.status).toBe(200);
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ path: [field], extensions: { code: 'NOT_FOUND' }, message: expect.stringContaining(missing()) }),
      ]);
    });

    it('answers BAD_USER_INPUT for an id that is not a number', async () => {
      const response = await lookup(field, shows, 'abc');
      expect(response.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'id' }]);
    });
  });

  it('finds the other account’s ids with that account’s key: they exist, just not for us', async () => {
    const response = await app.graphql<Record<string, any>>(`query ($id: ID!) { conversation(id: $id) { id } account { name } }`, {
      key: theirs.key,
      variables: { id: foreign.conversations.first },
    });
    expect(response.data).toEqual({ conversation: { id: foreign.conversations.first }, account: { name: 'Theirs' } });
  });

  it('matches nothing when a filter names another account’s ids', async () => {
    const response = await app.graphql<Record<string, any>>(
      `query ($ids: [ID!]) { conversations(filter: { inboxIds: $ids }) { totalCount nodes { id } } }`,
      { key: mine.key, variables: { ids: [foreign.inboxes.whatsapp, foreign.inboxes.widget] } },
    );
    expect(response.data).toEqual({ conversations: { totalCount: 0, nodes: [] } });
  });
});
