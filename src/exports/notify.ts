import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { DataSource } from 'typeorm';
import { ExportConfig } from '../config';
import { withTenant } from '../db/tenant-transaction';
import { Logger } from '../logger';
import { DeliveryAttemptOutcome, recordDeliveryAttempt } from './deliveries';
import { findExportJob } from './export-job.store';
import { ExportJobData } from './queue';
import { ExportServices, downloadLinkFor } from './services';
import { checkWebhookUrl, isPublicAddress } from './webhook-address';
import { exportWebhookPayload } from './webhook-payload';
import { findWebhookSecret, signWebhookBody } from './webhook-secret';

export interface NotifierDeps {
  runtime: DataSource;
  services: ExportServices;
  logger: Logger;
}

class RefusedAddressError extends Error {}
class WebhookStatusError extends Error {}

/**
 * Resolves like the default lookup, but refuses the connection when any address of the name is
 * not public: checking the addresses actually connected to, not an earlier resolution, closes
 * the DNS-rebinding gap.
 */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(new RefusedAddressError(`${hostname} resolves to the non-public address ${refused.address}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function post(url: URL, body: string, headers: Record<string, string>, config: ExportConfig): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'chat-reporting-api-webhook',
          ...headers,
        },
        lookup: guardedLookup(config.webhookAllowPrivate),
        timeout: config.webhookTimeoutSeconds * 1000,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${config.webhookTimeoutSeconds} s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POSTs the export as JSON to its notifyUrl, signed with the account's secret. A failure throws,
 * so pg-boss retries with backoff; an address the configuration forbids is not retried.
 */
export async function deliverNotification(deps: NotifierDeps, data: ExportJobData): Promise<void> {
  const { config } = deps.services;
  const found = await withTenant(deps.runtime, data.accountId, async (runner) => {
    const job = await findExportJob(runner.manager, data.exportId);
    if (!job?.notifyUrl) return null;
    const secret = await findWebhookSecret(runner.manager);
    const [key] = await runner.query('SELECT role, read_only, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE id = $1', [
      job.requestedByKeyId,
    ]);
    return secret ? { job: { ...job, notifyUrl: job.notifyUrl }, secret, key } : null;
  });
  if (!found) return;
  const { job, secret, key } = found;
  // A scheduled export shows how its webhook went; for other exports there is no delivery row and nothing is written.
  const record = (outcome: DeliveryAttemptOutcome) =>
    withTenant(deps.runtime, job.accountId, (runner) => recordDeliveryAttempt(runner.manager, job.id, 'webhook', outcome));
  const check = checkWebhookUrl(job.notifyUrl, config.webhookAllowPrivate);
  if (!check.ok) {
    deps.logger.warn({ exportId: job.id, reason: check.reason }, 'export notification not sent');
    await record({ ok: false, target: job.notifyUrl, code: 'ADDRESS_REFUSED', message: `The URL ${check.reason}.`, final: true });
    return;
  }
  const link =
    key && !key.revoked
      ? downloadLinkFor(deps.services, { id: job.requestedByKeyId, accountId: job.accountId, role: key.role, readOnly: key.read_only }, job)
      : null;
  const body = JSON.stringify(exportWebhookPayload(job, link));
  try {
    const status = await post(check.url, body, { 'x-signature': signWebhookBody(secret, body), 'x-export-id': job.id }, config);
    if (status < 200 || status > 299) throw new WebhookStatusError(`the webhook answered HTTP ${status}`);
    deps.logger.info({ exportId: job.id, status }, 'export notification delivered');
    await record({ ok: true, target: job.notifyUrl });
  } catch (error) {
    if (error instanceof RefusedAddressError) {
      deps.logger.warn({ exportId: job.id, reason: error.message }, 'export notification not sent');
      await record({ ok: false, target: job.notifyUrl, code: 'ADDRESS_REFUSED', message: error.message, final: true });
      return;
    }
    const code =
      error instanceof WebhookStatusError
        ? 'HTTP_STATUS'
        : /no answer within|ETIMEDOUT/.test(String((error as Error).message))
          ? 'TIMEOUT'
          : 'UNREACHABLE';
    await record({ ok: false, target: job.notifyUrl, code, message: (error as Error).message });
    throw error;
  }
}
