import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { DataSource } from 'typeorm';
import { withTenant } from '../db/tenant-transaction';
import { DeliveryAttemptOutcome, recordDeliveryAttempt } from '../exports/deliveries';
import { findExportJob } from '../exports/export-job.store';
import { ExportStatus } from '../exports/export.enums';
import { ExportServices } from '../exports/services';
import { finalPath } from '../exports/storage';
import { isPublicAddress } from '../exports/webhook-address';
import { Logger } from '../logger';
import { renderFileName } from './file-name';
import { findScheduleEvenDeleted, findScheduleSecret } from './schedule.store';
import { SftpTarget } from './schedule';
import { decryptSecret } from './secrets';

export interface SftpDeliveryDeps {
  runtime: DataSource;
  services: ExportServices;
  logger: Logger;
}

/** A failed attempt with a code a person can act on; `final` when a retry cannot mend it. */
class DeliveryFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly final = false,
  ) {
    super(message);
  }
}

/** Reads what the SSH and SFTP layers say into a code; the message keeps their words for people. */
function classify(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  const message = (error as Error).message ?? String(error);
  const code = (error as { code?: string }).code ?? '';
  const kind = /authentication methods failed|authentication failed/i.test(message)
    ? 'AUTHENTICATION_FAILED'
    : /host denied|verification failed|host key/i.test(message)
      ? 'HOST_KEY_MISMATCH'
      : /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET/.test(`${code} ${message}`)
        ? 'UNREACHABLE'
        : /timed out|timeout|ETIMEDOUT/i.test(`${code} ${message}`)
          ? 'TIMEOUT'
          : /no such file|permission denied|bad path|not exist/i.test(message)
            ? 'REMOTE_PATH'
            : 'REMOTE_ERROR';
  return new DeliveryFailure(kind, message);
}

/** The address to connect to; every address of a name must be public unless SCHEDULE_SFTP_ALLOW_PRIVATE (no DNS rebinding: we connect to what we checked). */
async function addressOf(host: string, allowPrivate: boolean): Promise<string> {
  const addresses = net.isIP(host)
    ? [host]
    : (
        await dns.lookup(host, { all: true }).catch((error: unknown) => {
          throw classify(error);
        })
      ).map((a) => a.address);
  const refused = allowPrivate ? undefined : addresses.find((address) => !isPublicAddress(address));
  if (refused) throw new DeliveryFailure('ADDRESS_REFUSED', `${host} resolves to the non-public address ${refused}.`, true);
  return addresses[0];
}

function fingerprintOf(key: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function targetOf(sftp: SftpTarget, remoteFile: string): string {
  return `sftp://${encodeURIComponent(sftp.username)}@${sftp.host.includes(':') ? `[${sftp.host}]` : sftp.host}:${sftp.port}/${remoteFile.replace(/^\/+/, '')}`;
}

/**
 * Uploads a finished scheduled export to its schedule's SFTP server: to a temporary name in the
 * remote folder, then renamed over the final name, so a reader never sees half a file. Each
 * attempt's outcome is recorded on the export's delivery; a failure that a retry may mend is
 * thrown, and pg-boss retries it with backoff.
 */
export async function deliverBySftp(deps: SftpDeliveryDeps, data: { accountId: string; exportId: string }): Promise<void> {
  const { services } = deps;
  const settings = services.schedules;
  const loaded = await withTenant(deps.runtime, data.accountId, async (runner) => {
    const job = await findExportJob(runner.manager, data.exportId);
    const schedule = job?.scheduleId ? await findScheduleEvenDeleted(runner.manager, job.scheduleId) : null;
    const secret = schedule ? await findScheduleSecret(runner.manager, schedule.id) : null;
    return { job, schedule, secret };
  });
  const { job, schedule, secret } = loaded;
  if (!job) return;
  const record = (outcome: DeliveryAttemptOutcome) =>
    withTenant(deps.runtime, data.accountId, (runner) => recordDeliveryAttempt(runner.manager, job.id, 'sftp', outcome));

  let target: string | null = null;
  // The library's default listeners print to the console; a connection's end is no news, and its errors reach the attempt.
  const client = new SftpClient('chat-reporting-sftp', {
    error: (error: unknown) => deps.logger.debug({ err: error, exportId: job.id }, 'SFTP connection error'),
    end: () => undefined,
    close: () => undefined,
  });
  try {
    if (job.status !== ExportStatus.SUCCEEDED || !job.storagePath)
      throw new DeliveryFailure('FILE_UNAVAILABLE', `The export is ${job.status.toUpperCase()}: there is no file to upload.`, true);
    if (!schedule?.sftp || !secret || schedule.deletedAt)
      throw new DeliveryFailure('SCHEDULE_DELETED', 'The schedule was deleted or lost its SFTP delivery before the upload.', true);
    const sftp = schedule.sftp;
    const credentials = decryptSecret(settings, { accountId: schedule.accountId, scheduleId: schedule.id }, secret);
    const fileName = renderFileName(sftp.fileNamePattern, {
      report: job.report,
      window: { from: new Date(job.filter.from), to: new Date(job.filter.to) },
      timeZone: job.filter.timeZone,
      gzip: job.gzip,
    });
    const remoteFile = path.posix.join(sftp.remoteDirectory, fileName);
    target = targetOf(sftp, remoteFile);
    const address = await addressOf(sftp.host, settings.sftpAllowPrivate);
    await client.connect({
      host: address,
      port: sftp.port,
      username: sftp.username,
      ...credentials,
      readyTimeout: settings.sftpTimeoutSeconds * 1000,
      timeout: settings.sftpTimeoutSeconds * 1000,
      ...(sftp.hostKeyFingerprint ? { hostVerifier: (key: Buffer) => fingerprintOf(key) === sftp.hostKeyFingerprint } : {}),
    });
    const temporary = path.posix.join(sftp.remoteDirectory, `.${fileName}.${crypto.randomUUID()}.part`);
    try {
      await client.put(finalPath(services.config.dir, job.accountId, job.id, job.gzip), temporary);
      await client.posixRename(temporary, remoteFile);
    } catch (error) {
      await client.delete(temporary, true).catch(() => undefined);
      throw error;
    }
    await record({ ok: true, target });
    deps.logger.info({ exportId: job.id, target }, 'export delivered by SFTP');
  } catch (error) {
    const failure = classify(error);
    await record({ ok: false, target, code: failure.code, message: failure.message, final: failure.final });
    deps.logger.warn({ exportId: job.id, code: failure.code, reason: failure.message }, 'SFTP delivery failed');
    if (!failure.final) throw failure;
  } finally {
    await client.end().catch(() => undefined);
  }
}
