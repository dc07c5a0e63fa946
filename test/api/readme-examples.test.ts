import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { withTenant } from '../../src/db/tenant-transaction';
import { createApiKey } from '../../src/auth/api-keys';
import { seedDemoData } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');

/** The fenced blocks of one README section, by language. */
function sectionBlocks(heading: string): { sh: string[]; graphql: string[] } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  const section = readme.slice(start, readme.indexOf('\n## ', start + heading.length));
  const blocks = (language: string) => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
  return { sh: blocks('sh'), graphql: blocks('graphql') };
}

/**
 * Issue 9: the README's examples, run as written (with KEY and API set as it says) against demo
 * data seeded today, as the first start seeds it: they must return rows on any date, in any account.
 */
describe('README: Example queries', () => {
  let app: TestApp;
  let key: string;
  const { sh, graphql } = sectionBlocks('## Example queries');
  const [setup, accountAndInboxes, lastSevenDays] = sh;

  /** Asynchronously: the server answering curl runs in this process. */
  async function run(block: string): Promise<{ data: Record<string, any>; errors?: unknown }> {
    const { stdout, stderr } = await promisify(execFile)('bash', ['-e', '-c', block], {
      cwd: ROOT,
      env: { ...process.env, KEY: key, API: `${app.url}/graphql` },
      timeout: 30_000,
    });
    expect(stderr).toBe('');
    return JSON.parse(stdout);
  }

  beforeAll(async () => {
    app = await startTestApp();
    // The second demo account, so that nothing can lean on account 1's ids.
    const [, account] = await seedDemoData(app.db.owner, { now: new Date(), conversationsPerAccount: 60 });
    key = (
      await withTenant(app.db.owner, account.id, (runner) => createApiKey(runner, { accountId: account.id, role: 'admin', name: 'readme' }))
    ).key;
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('says how to set KEY and API', () => {
    expect(setup).toMatch(/^export KEY=/m);
    expect(setup).toMatch(/^export API=http:\/\/127\.0\.0\.1:4000\/graphql/m);
  });

  it('lists the account and its inboxes, and shows an inbox conversations by the id found there', async () => {
    const answer = await run(accountAndInboxes);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.account.name).toBe('Northwind Support');
    expect(answer.data.inboxes.nodes.length).toBeGreaterThan(0);

    const [recent] = graphql;
    const response = await app.graphql<{
      inbox: { conversations: { totalCount: number; nodes: Array<{ messages: { nodes: unknown[] } }> } };
    }>(recent, {
      key,
      variables: { inbox: answer.data.inboxes.nodes[0].id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.inbox.conversations.totalCount).toBeGreaterThan(0);
    expect(response.data!.inbox.conversations.nodes[0].messages.nodes.length).toBeGreaterThan(0);
  });

  it('reports the last seven days, whatever today is', async () => {
    const answer = await run(lastSevenDays);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.chatSummaryReport.totalCount).toBeGreaterThan(0);
    expect(answer.data.chatSummaryReport.nodes[0].totalMessages).toBeGreaterThan(0);
  });
});
