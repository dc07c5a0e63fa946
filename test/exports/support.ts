import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Config } from '../../src/config';
import { ExportWorker, startExportWorker } from '../../src/exports/worker';
import { createLogger, Logger } from '../../src/logger';
import { startTestApp, TestApp } from '../support/app';

export const TEST_TOKEN_SECRET = 'exports-test-token-secret-0123456789abcdef';

export interface ExportTestApp extends TestApp {
  config: Config;
  exportDir: string;
  worker: ExportWorker | null;
}

/**
 * The real server plus, unless told otherwise, an export worker in this process, writing into a
 * fresh temporary directory. Loopback webhooks are allowed and the rate limit is out of the way.
 */
export async function startExportTestApp(
  options: { worker?: boolean; configure?: (config: Config) => Config; logger?: Logger } = {},
): Promise<ExportTestApp> {
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-test-'));
  let config: Config | undefined;
  const app = await startTestApp({
    logger: options.logger,
    configure: (loaded) => {
      const adjusted: Config = {
        ...loaded,
        security: { ...loaded.security, rateLimitBurst: 100_000, rateLimitPerSecond: 100_000 },
        exports: { ...loaded.exports, dir: exportDir, tokenSecret: TEST_TOKEN_SECRET, webhookAllowPrivate: true, pollIntervalMs: 500 },
      };
      config = options.configure ? options.configure(adjusted) : adjusted;
      return config;
    },
  });
  const finalConfig = config as Config;
  const worker =
    options.worker === false
      ? null
      : await startExportWorker({ owner: app.db.owner, runtime: app.db.runtime, config: finalConfig, logger: createLogger('silent') });
  return {
    ...app,
    config: finalConfig,
    exportDir,
    worker,
    async close() {
      await worker?.stop();
      await app.close();
      fs.rmSync(exportDir, { recursive: true, force: true });
    },
  };
}

export const EXPORT_JOB_FIELDS = `id report status progress rowCount byteSize sha256 fileName downloadUrl createdAt startedAt finishedAt expiresAt attempts
  requestedBy { keyId name } columns options { locale delimiter bom gzip } filter { from to timeZone asOf } error { code message }`;

export interface ExportJobView {
  id: string;
  report: string;
  status: string;
  progress: number;
  rowCount: number | null;
  byteSize: number | null;
  sha256: string | null;
  fileName: string;
  downloadUrl: string | null;
  attempts: number;
  requestedBy: { keyId: string; name: string };
  columns: string[];
  error: { code: string; message: string } | null;
  [field: string]: unknown;
}

export async function requestExport(app: TestApp, key: string, input: Record<string, unknown>) {
  return app.graphql<{ exportReport: ExportJobView }>(
    `mutation($input: ExportReportInput!) { exportReport(input: $input) { ${EXPORT_JOB_FIELDS} } }`,
    {
      key,
      variables: { input },
    },
  );
}

export async function exportJob(app: TestApp, key: string, id: string) {
  return app.graphql<{ exportJob: ExportJobView }>(`query($id: ID!) { exportJob(id: $id) { ${EXPORT_JOB_FIELDS} } }`, {
    key,
    variables: { id },
  });
}

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];

/** Polls the export until it finishes (or `statuses` names where to stop). */
export async function waitForExport(
  app: TestApp,
  key: string,
  id: string,
  statuses = FINISHED,
  timeoutMs = 60_000,
): Promise<ExportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await exportJob(app, key, id);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    const job = response.data?.exportJob as ExportJobView;
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
}

export async function download(app: TestApp, url: string): Promise<Download> {
  const response = await fetch(url.startsWith('http') ? url : `${app.url}${url}`);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

export function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Parses a downloaded file (BOM stripped if present) into rows of cells. */
export function parseCsv(body: Buffer, delimiter: string): string[][] {
  const text = body.subarray(0, 3).equals(BOM) ? body.subarray(3) : body;
  return parse(text, { delimiter, relax_quotes: false, record_delimiter: '\n' }) as string[][];
}
