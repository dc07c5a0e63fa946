// Code passed to page.evaluate runs in the browser and is typed against the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Browser, BrowserContext, HTTPRequest, Page } from 'puppeteer-core';
import { createApiKey } from '../../src/auth/api-keys';
import { withTenant } from '../../src/db/tenant-transaction';
import { SeededAccount, seedDemoData } from '../../src/seed/demo-data';
import { ChildWorker, startChildWorker, stopChildWorker } from '../exports/child-worker';
import { ExportTestApp, exportJob, startExportTestApp } from '../exports/support';
import { accessibilityFindings, launchChromium, overflowing, portuguesePage, screenshot, setInput } from './browser';

/** Its own database, so the demo accounts are the only ones and their data is what `seedDemoData` makes. */
const DATABASE = 'console_browser';
const NOW = new Date('2026-11-20T15:00:00Z');
// The period the analyst picks: 1–19 November, both days included, in the account's zone.
const FROM = '2026-11-01';
const TO = '2026-11-19';

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Reads numbers as the pt-BR page writes them (1.234) or the English one (1,234). */
function parseCount(text: string): number {
  return Number(text.replace(/[.,\s]/g, ''));
}

interface Traffic {
  operations: string[];
  streams: number;
}

/** Records which GraphQL operations the page posts and how many event streams it opens. */
function watchTraffic(page: Page): Traffic {
  const traffic: Traffic = { operations: [], streams: 0 };
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    if (request.method() !== 'POST') return;
    if (url.pathname === '/graphql/stream') traffic.streams++;
    if (url.pathname === '/graphql') {
      const query = String((JSON.parse(request.postData() ?? '{}') as { query?: string }).query ?? '');
      traffic.operations.push(/(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?');
    }
  });
  return traffic;
}

/** Keeps every (export id, status) the page's file list has shown since now, in order. */
async function recordRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenRows: string[] }).seenRows = seen;
    const note = () => {
      for (const row of document.querySelectorAll('tr[data-job]')) {
        const entry = `${row.getAttribute('data-job')}:${row.getAttribute('data-status')}`;
        if (seen[seen.length - 1] !== entry && !seen.includes(entry)) seen.push(entry);
      }
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
    note();
  });
}

async function seenRows(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { seenRows: string[] }).seenRows);
}

async function signIn(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle0' });
  // Keyboard only: the key field, then Enter submits the form.
  await page.focus('#api-key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#account-name');
}

async function waitForDownload(dir: string, fileName: string, timeoutMs = 20_000): Promise<Buffer> {
  const file = path.join(dir, fileName);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file) || fs.readdirSync(dir).some((name) => name.endsWith('.crdownload'))) {
    if (Date.now() > deadline) throw new Error(`no download ${fileName} in ${dir}: ${fs.readdirSync(dir).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return fs.readFileSync(file);
}

/** Issue 14: the analyst console in Debian's Chromium, against the demo data. */
describe('the analyst console in a real browser', () => {
  let app: ExportTestApp;
  let worker: ChildWorker;
  let browser: Browser;
  let accounts: SeededAccount[];
  let keys: string[];
  let workDir: string;
  let downloads: string;
  let page: Page;
  let traffic: Traffic;
  let otherContext: BrowserContext;
  let firstJobId: string;

  beforeAll(async () => {
    const server = process.env.DATABASE_URL as string;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    const url = databaseUrl(server, DATABASE);
    // No worker in the test process: every export is written by a worker in a child process.
    app = await startExportTestApp({ worker: false, configure: (config) => ({ ...config, databaseUrl: url }) });
    accounts = await seedDemoData(app.db.owner, { now: NOW, conversationsPerAccount: 240 });
    keys = await Promise.all(
      accounts.map(
        async (account) =>
          (
            await withTenant(app.db.owner, account.id, (runner) =>
              createApiKey(runner, { accountId: account.id, role: 'analyst', name: 'console' }),
            )
          ).key,
      ),
    );
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-browser-'));
    downloads = path.join(workDir, 'downloads');
    fs.mkdirSync(downloads);
    worker = await startChildWorker(app.exportDir, path.join(workDir, 'worker-data'), {
      DATABASE_URL: url,
      EXPORT_PROGRESS_INTERVAL_MS: '50',
    });
    browser = await launchChromium();
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    page = await portuguesePage(browser);
    traffic = watchTraffic(page);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (worker) await stopChildWorker(worker);
    await app?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('signs in with an API key, in the browser language, and says so when the key is wrong', async () => {
    await page.goto(`${app.url}/`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('html', (html) => html.lang)).toBe('pt-BR');
    expect(await page.$eval('label[for], label', (label) => label.textContent)).toBeTruthy();
    await page.focus('#api-key');
    await page.keyboard.type('crk_not-a-key');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-error');
    expect(await page.$eval('#sign-in-error', (e) => e.textContent)).toBe(
      'Chave de API inválida, revogada ou expirada. Confira a chave e entre de novo.',
    );
    expect(await page.$eval('#api-key', (e) => e.getAttribute('aria-invalid'))).toBe('true');
    expect(await accessibilityFindings(page)).toEqual({ unlabelled: [], lowContrast: [] });
    await screenshot(page, 'sign-in');

    await setInput(page, '#api-key', '');
    await signIn(page, app.url, keys[0]);
    expect(await page.$eval('#account-name', (e) => e.textContent)).toBe(accounts[0].name);
    // Kept in the tab's session storage: a reload stays signed in.
    expect(await page.evaluate(() => sessionStorage.getItem('console.apiKey'))).toBe(keys[0]);
    // Not networkidle: the page keeps its event stream open.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#account-name');
    expect(await page.$eval('#nav-summary', (e) => e.textContent)).toBe('Resumo');
    // The zone defaults to the account's.
    expect(await page.$eval('#summary-zone', (e) => (e as HTMLSelectElement).value)).toBe(accounts[0].timeZone);
  });

  it('"Buscar" shows the totals chatSummaryReport gives for the same filter, with both charts', async () => {
    // First a period over the limit: the API's refusal, said in Portuguese. 2025-01-01 to 2026-11-20 is 365 + 323 = 688 days.
    await setInput(page, '#summary-from', '2025-01-01');
    await setInput(page, '#summary-to', TO);
    await page.click('#summary-title ~ form button[type=submit]');
    await page.waitForSelector('#summary-title ~ .error');
    expect(await page.$eval('#summary-title ~ .error', (e) => e.textContent)).toBe(
      'O período tem 688 dias; o máximo permitido é 366. Escolha um período menor.',
    );

    await setInput(page, '#summary-from', FROM);
    await setInput(page, '#summary-to', TO);
    expect(await page.$eval('#summary-range', (e) => (e as HTMLSelectElement).value)).toBe('custom');
    // Enter in a field submits the search, as the button does.
    await page.focus('#summary-to');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#summary-table tfoot');

    const response = await app.graphql<any>(
      `query($filter: ReportFilter!) { chatSummaryReport(filter: $filter, first: 1000) {
        nodes { totalContacts totalConversations totalMessages } pageInfo { hasNextPage } } }`,
      { key: keys[0], variables: { filter: { from: FROM, to: '2026-11-20', timeZone: accounts[0].timeZone } } },
    );
    const report = response.data.chatSummaryReport;
    expect(report.pageInfo.hasNextPage).toBe(false);
    const sum = (field: string) => report.nodes.reduce((total: number, row: Record<string, number | null>) => total + (row[field] ?? 0), 0);
    const expected = { contacts: sum('totalContacts'), conversations: sum('totalConversations'), messages: sum('totalMessages') };
    expect(expected.conversations).toBeGreaterThan(0);

    const shown = await page.$$eval('#summary-table tfoot [data-total]', (cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-total'), cell.textContent ?? ''])),
    );
    expect({
      contacts: parseCount(shown.contacts),
      conversations: parseCount(shown.conversations),
      messages: parseCount(shown.messages),
    }).toEqual(expected);
    expect(await page.$$eval('#summary-table tbody tr', (rows) => rows.length)).toBe(report.nodes.length);

    // The per-day chart adds up the same conversations; the canvas carries its gist for screen readers.
    const perDay = await page.$eval('#chart-per-day', (canvas) => canvas.getAttribute('aria-label') ?? '');
    expect(parseCount(/: ([\d.]+) conversas no total/.exec(perDay)?.[1] ?? '')).toBe(expected.conversations);
    expect(await page.$eval('#chart-per-hour', (canvas) => (canvas as HTMLCanvasElement).width)).toBeGreaterThan(0);
    expect(await accessibilityFindings(page)).toEqual({ unlabelled: [], lowContrast: [] });
    await screenshot(page, 'summary', 1200);
  });

  it('generates a PT_BR export with reordered columns; it reaches SUCCEEDED through the stream and downloads as exportJob describes', async () => {
    const catalog = await app.graphql<any>(`{ reportCatalog { key columns { field } } }`, { key: keys[0] });
    const fields: string[] = catalog.data.reportCatalog
      .find((r: { key: string }) => r.key === 'CHAT_CONVERSATIONS')
      .columns.map((c: { field: string }) => c.field);

    // Keyboard: Tab from "Resumo" reaches "Exportar", Enter opens it.
    await page.focus('#nav-summary');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nav-export');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#export-report');
    expect(await page.$$eval('#export-report option', (options) => options.length)).toBe(17);
    expect(await page.$eval('#export-report', (e) => (e as HTMLSelectElement).value)).toBe('CHAT_CONVERSATIONS');
    expect(await page.$eval('#export-locale', (e) => (e as HTMLSelectElement).value)).toBe('PT_BR');
    expect(await page.$eval('#export-delimiter', (e) => (e as HTMLSelectElement).value)).toBe('SEMICOLON');
    // The period chosen on "Resumo" carries over.
    expect(await page.$eval('#export-from', (e) => (e as HTMLInputElement).value)).toBe(FROM);

    // The fourth column moves up one place; the last one is left out.
    await page.click(`#move-up-${fields[3]}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`move-up-${fields[3]}`);
    await page.click(`#export-columns input[value="${fields[fields.length - 1]}"]`);
    await page.click('#export-bom');
    const expectedColumns = [fields[0], fields[1], fields[3], fields[2], ...fields.slice(4, -1)];
    expect(await accessibilityFindings(page)).toEqual({ unlabelled: [], lowContrast: [] });
    await screenshot(page, 'export', 1000);

    await recordRows(page);
    const before = traffic.operations.length;
    const streamsBefore = traffic.streams;
    await page.click('#export-submit');
    await page.waitForSelector('#files-table tr[data-job]');
    firstJobId = (await page.$eval('#files-table tr[data-job]', (row) => row.getAttribute('data-job'))) as string;
    await page.waitForSelector(`tr[data-job="${firstJobId}"][data-status="SUCCEEDED"]`, { timeout: 60_000 });

    // Pushed, not polled: after the mutation the page asked for no export, and its one stream stayed open.
    expect(traffic.operations.slice(before)).toEqual(['ConsoleExportReport']);
    expect(traffic.streams).toBe(streamsBefore);
    expect(streamsBefore).toBeGreaterThan(0);
    expect(await page.$eval('#live-mode', (e) => e.getAttribute('data-mode'))).toBe('stream');
    const statuses = (await seenRows(page)).filter((entry) => entry.startsWith(`${firstJobId}:`)).map((entry) => entry.split(':')[1]);
    expect(statuses[0]).toBe('QUEUED');
    expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    const toast = await page.$eval('.toast-success', (e) => e.textContent ?? '');
    expect(toast).toMatch(/^Arquivo pronto: .+\.csv \([\d.]+ linhas\)\.Fechar$/);

    const job = (await exportJob(app, keys[0], firstJobId)).data!.exportJob;
    expect(job).toMatchObject({ status: 'SUCCEEDED', report: 'CHAT_CONVERSATIONS', columns: expectedColumns });
    expect(job.options).toEqual({ locale: 'PT_BR', delimiter: 'SEMICOLON', bom: true, gzip: false });
    expect(await page.$eval(`tr[data-job="${firstJobId}"] td.num`, (cell) => cell.textContent)).toBe(
      new Intl.NumberFormat('pt-BR').format(job.rowCount as number),
    );
    await screenshot(page, 'files');

    await page.click(`tr[data-job="${firstJobId}"] button.primary`);
    const file = await waitForDownload(downloads, job.fileName);
    expect(file.length).toBe(job.byteSize);
    expect(crypto.createHash('sha256').update(file).digest('hex')).toBe(job.sha256);
    // BOM, then the pt-BR headers in the chosen order, separated by semicolons.
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.toString('utf8', 3).split('\n')[0].split(';').length).toBe(expectedColumns.length);
  }, 120_000);

  it("keeps two accounts' pages apart: neither ever shows the other's exports", async () => {
    otherContext = await browser.createBrowserContext();
    const other = await otherContext.newPage();
    await other.setViewport({ width: 1200, height: 860 });
    const otherTraffic = watchTraffic(other);
    await signIn(other, app.url, keys[1]);
    expect(await other.$eval('html', (html) => html.lang)).toBe('en');
    await other.click('#nav-files');
    await other.waitForSelector('#files-title');
    await recordRows(other);
    expect(await other.$$('tr[data-job]')).toHaveLength(0);

    await other.click('#nav-export');
    await other.waitForSelector('#export-report');
    await other.select('#export-report', 'CHAT_SUMMARY');
    // English files default to commas.
    await other.select('#export-locale', 'EN');
    expect(await other.$eval('#export-delimiter', (e) => (e as HTMLSelectElement).value)).toBe('COMMA');
    await other.click('#export-submit');
    await other.waitForSelector('#files-table tr[data-job]');
    const otherJobId = (await other.$eval('#files-table tr[data-job]', (row) => row.getAttribute('data-job'))) as string;
    await other.waitForSelector(`tr[data-job="${otherJobId}"][data-status="SUCCEEDED"]`, { timeout: 60_000 });
    expect(otherTraffic.streams).toBe(1);

    // The first page had its stream open all along: a later export of its own still arrives, the other's never did.
    await page.click('#nav-export');
    await page.waitForSelector('#export-report');
    await page.select('#export-report', 'CHAT_SUMMARY');
    await page.click('#export-submit');
    await page.waitForFunction(
      (id) => document.querySelectorAll('tr[data-job]').length === 2 && !document.querySelector(`tr[data-job="${id}"]`),
      {},
      otherJobId,
    );
    const laterId = (await page.$eval('#files-table tr[data-job]', (row) => row.getAttribute('data-job'))) as string;
    await page.waitForSelector(`tr[data-job="${laterId}"][data-status="SUCCEEDED"]`, { timeout: 60_000 });

    const ids = (entries: string[]) => new Set(entries.map((entry) => entry.split(':')[0]));
    expect([...ids(await seenRows(page))].sort()).toEqual([firstJobId, laterId].sort());
    expect([...ids(await seenRows(other))]).toEqual([otherJobId]);
    expect(await other.$$eval('.toast', (toasts) => toasts.map((t) => t.textContent).join(' '))).not.toContain('chat_conversations');
    await other.close();
  }, 120_000);

  it('falls back to polling when the event stream cannot be had, and still shows the export finish', async () => {
    const context = await browser.createBrowserContext();
    const cut = await portuguesePage(browser, context);
    await cut.setRequestInterception(true);
    cut.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql/stream') void request.abort('connectionrefused');
      else void request.continue();
    });
    await signIn(cut, app.url, keys[0]);
    await cut.click('#nav-files');
    await cut.waitForSelector('#live-mode[data-mode="polling"]', { timeout: 60_000 });
    expect(await cut.$eval('#live-mode', (e) => e.textContent)).toContain('consultando a cada 5 s');

    const started = await app.graphql<any>(`mutation($input: ExportReportInput!) { exportReport(input: $input) { id } }`, {
      key: keys[0],
      variables: { input: { report: 'TAGS', filter: { from: FROM, to: '2026-11-20' }, locale: 'PT_BR', delimiter: 'SEMICOLON' } },
    });
    const id = started.data.exportReport.id as string;
    await cut.waitForSelector(`tr[data-job="${id}"][data-status="SUCCEEDED"]`, { timeout: 60_000 });
    await context.close();
  }, 120_000);

  it('switches language, and every screen fits a phone-width screen', async () => {
    await page.select('#language', 'en');
    expect(await page.$eval('#nav-summary', (e) => e.textContent)).toBe('Summary');
    expect(await page.$eval('html', (html) => html.lang)).toBe('en');
    expect(await page.$eval('#files-title', (e) => e.textContent)).toBe('My files');
    await page.select('#language', 'pt-BR');
    expect(await page.$eval('#files-title', (e) => e.textContent)).toBe('Meus arquivos');

    // A phone's viewport reloads the page; the tab's session storage keeps it signed in.
    await page.setViewport({ width: 375, height: 760, isMobile: true, hasTouch: true });
    await page.waitForSelector('#nav-summary');
    for (const screen of ['summary', 'export', 'files']) {
      await page.click(`#nav-${screen}`);
      await page.waitForSelector(`#${screen}-title`);
      expect(await overflowing(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await accessibilityFindings(page)).toEqual({ unlabelled: [], lowContrast: [] });
    }
    await screenshot(page, 'phone-files');
  }, 60_000);
});
