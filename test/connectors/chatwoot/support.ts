import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { Database } from '../../../src/db/database';
import { withTenant } from '../../../src/db/tenant-transaction';
import { applyAccount } from '../../../src/ingest/applier/apply-account';
import { chatwootSignature } from '../../../src/connectors/chatwoot/signature';
import { TestApp } from '../../support/app';

export const PAYLOAD_DIR = path.join(__dirname, 'payloads');

/** The reference deliveries of conversation 482 (see payloads/README.md), by file name, as raw bytes. */
export function referencePayloads(): Array<{ name: string; body: Buffer }> {
  return fs
    .readdirSync(PAYLOAD_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, body: fs.readFileSync(path.join(PAYLOAD_DIR, name)) }));
}

export interface CreatedConnector {
  id: string;
  webhookUrl: string;
}

export async function createChatwootConnector(app: TestApp, key: string, signingSecret?: string): Promise<CreatedConnector> {
  const response = await app.graphql<{ createConnector: { connector: { id: string }; webhookUrl: string } }>(
    `mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } webhookUrl } }`,
    { key, variables: { input: { kind: 'CHATWOOT', name: 'Casa Verde', chatwootAccountId: 3, signingSecret } } },
  );
  expect(response.errors).toBeUndefined();
  return { id: response.data!.createConnector.connector.id, webhookUrl: response.data!.createConnector.webhookUrl };
}

export interface Delivered {
  status: number;
  body: Record<string, any>;
}

/** Posts one delivery as Chatwoot does; with `sign`, with the headers of a signing Chatwoot (≥ 4.11.2). */
export async function deliver(
  app: TestApp,
  webhookPath: string,
  body: Buffer | string,
  sign?: { secret: string; timestamp?: number; delivery?: string; omit?: string[] },
): Promise<Delivered> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (sign) {
    const timestamp = String(sign.timestamp ?? Math.floor(Date.now() / 1000));
    headers['x-chatwoot-timestamp'] = timestamp;
    headers['x-chatwoot-signature'] = chatwootSignature(sign.secret, timestamp, raw);
    headers['x-chatwoot-delivery'] = sign.delivery ?? crypto.randomUUID();
    for (const name of sign.omit ?? []) delete headers[name];
  }
  const response = await fetch(`${app.url}${webhookPath}`, { method: 'POST', headers, body: new Uint8Array(raw) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Runs the applier over the account until its log is drained. */
export async function applyAll(db: Database, accountId: string): Promise<void> {
  await applyAccount(db.owner, accountId, { ...loadConfig().ingest, applyRoundsPerJob: 1_000_000 });
}

export function ownerQuery<T = Record<string, any>>(db: Database, accountId: string, text: string, values: unknown[] = []): Promise<T[]> {
  return withTenant(db.owner, accountId, (runner) => runner.query(text, values));
}
