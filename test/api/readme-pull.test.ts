import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { seedDemoData } from '../../src/seed/demo-data';
import { startTestApp, TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');

function shellBlocks(heading: string): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  const section = readme.slice(start, readme.indexOf('\n## ', start + heading.length));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The README's curl examples of the pull endpoint, run as written but for BASE, against demo data seeded today. */
describe('README: Pull endpoint for BI', () => {
  let app: TestApp;
  let key: string;
  const [csvBlock, ndjsonBlock] = shellBlocks('## Pull endpoint for BI');

  async function run(block: string): Promise<string> {
    const script = block.replace(/^BASE=.*$/m, `BASE=${app.url}`);
    expect(script).not.toBe(block);
    const { stdout, stderr } = await promisify(execFile)('bash', ['-e', '-c', script], {
      cwd: ROOT,
      env: { ...process.env, KEY: key },
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stderr).toBe('');
    return stdout;
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [account] = await seedDemoData(app.db.owner, { now: new Date(), conversationsPerAccount: 60 });
    key = (
      await withTenant(app.db.owner, account.id, (runner) =>
        createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'bi', readOnly: true }),
      )
    ).key;
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  it('pulls the last seven days of resolved conversations as a Brazilian Excel CSV', async () => {
    const text = await run(csvBlock);
    expect(text.startsWith('\uFEFFID da conversa;')).toBe(true);
    expect(text.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('pulls yesterday’s and today’s WhatsApp messages as NDJSON', async () => {
    const lines = (await run(ndjsonBlock)).trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(Object.keys(JSON.parse(line))).toEqual(['messageId', 'createdAt', 'content']);
  });
});
