import { DataSource } from 'typeorm';
import { RefusalCounter } from '../../src/connectors/refusal-counts';
import { startTestApp, TestApp } from '../support/app';
import { createAccount } from '../support/fixtures';
import { createChatwootConnector, ownerQuery } from './chatwoot/support';

/** The in-memory refusal counts of the Chatwoot route, written through a connection that goes away and comes back. */
describe('RefusalCounter', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps the counts a write could not store and writes them, with the later ones, once it can', async () => {
    const account = await createAccount(app.db);
    const connector = await createChatwootConnector(app, account.key);
    const runtime = new DataSource(app.db.runtime.options);
    await runtime.initialize();
    const counter = new RefusalCounter(runtime, () => undefined);
    counter.countConnector(account.id, connector.id, 'RATE_LIMIT');
    counter.countConnector(account.id, connector.id, 'RATE_LIMIT');
    await runtime.destroy();
    await expect(counter.flush()).rejects.toThrow();
    await runtime.initialize();
    counter.countConnector(account.id, connector.id, 'RATE_LIMIT');
    await counter.stop();
    await runtime.destroy();
    // The two counted before the failed write and the one after it.
    const rows = await ownerQuery(app.db, account.id, `SELECT reason, count::int AS count FROM connector_refusals WHERE account_id = $1`, [
      account.id,
    ]);
    expect(rows).toEqual([{ reason: 'RATE_LIMIT', count: 3 }]);
  });
});
