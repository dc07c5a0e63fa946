import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { normalizeIp } from '../audit/client-ip';
import { withTenant } from '../db/tenant-transaction';
import { verifyDownloadToken } from '../exports/download-token';
import { ExportJobRecord } from '../exports/export-job';
import { ExportStatus } from '../exports/export.enums';
import { findExportJob } from '../exports/export-job.store';
import { canSeeExport, ExportServices } from '../exports/services';
import { Logger } from '../logger';
import { isPoolWaitTimeout } from '../security/pool-wait';
import { RateLimiter } from '../security/rate-limit';

export interface ExportRouteDeps {
  runtime: DataSource;
  services: ExportServices;
  logger: Logger;
  /** The GraphQL endpoint's limiter: a download spends from the same per-key bucket as a request. */
  rateLimiter: RateLimiter;
}

type Lookup = { status: 404 | 410 } | { status: 200; job: ExportJobRecord; file: fs.promises.FileHandle };

/**
 * Re-checks everything the token stands for, inside a transaction bound to the token's account:
 * the key still exists, is not revoked or read-only, and may see the export; the export is
 * SUCCEEDED and not past retention; the file is there. The download is recorded before a byte leaves.
 */
async function lookUp(
  runtime: DataSource,
  services: ExportServices,
  req: Request,
  claims: { exportId: string; accountId: string; keyId: string },
): Promise<Lookup> {
  return withTenant(runtime, claims.accountId, async (runner) => {
    const [key] = await runner.query(
      `SELECT id::text AS id, role, read_only AS "readOnly" FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
      [claims.keyId],
    );
    if (!key || key.readOnly) return { status: 404 };
    const job = await findExportJob(runner.manager, claims.exportId);
    if (!job || !canSeeExport(key, job)) return { status: 404 };
    const past = job.expiresAt !== null && job.expiresAt.getTime() <= Date.now();
    if (job.status === ExportStatus.EXPIRED || (job.status === ExportStatus.SUCCEEDED && past)) return { status: 410 };
    if (job.status !== ExportStatus.SUCCEEDED || !job.storagePath) return { status: 404 };
    let file: fs.promises.FileHandle;
    try {
      file = await fs.promises.open(path.join(services.config.dir, job.storagePath), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 410 };
      throw error;
    }
    try {
      await recordAuditEvent(runner.manager, {
        action: AuditAction.EXPORT_DOWNLOADED,
        keyId: key.id,
        exportId: job.id,
        report: job.report,
        filter: job.filter,
        rowCount: job.rowCount,
        clientIp: normalizeIp(req.ip),
      });
    } catch (error) {
      await file.close();
      throw error;
    }
    return { status: 200, job, file };
  });
}

/**
 * `GET /exports/:id/download?token=…`: streams a finished export. Unknown, foreign, hidden or
 * unfinished exports and bad tokens get 404, expired tokens and files 410, a key past its rate
 * limit 429 with Retry-After, always with an empty body.
 */
export function exportRoutes(deps: ExportRouteDeps): Router {
  const { services } = deps;
  const router = Router();
  router.get('/exports/:id/download', async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const check = verifyDownloadToken(services.tokenSecret, typeof req.query.token === 'string' ? req.query.token : '');
    if (!check.ok) return void res.status(check.reason === 'expired' ? 410 : 404).end();
    if (check.claims.exportId !== String(req.params.id).toLowerCase()) return void res.status(404).end();
    const decision = deps.rateLimiter.take(check.claims.keyId);
    if (!decision.allowed) return void res.status(429).set('Retry-After', String(decision.retryAfterSeconds)).end();
    let found: Lookup;
    try {
      found = await lookUp(deps.runtime, services, req, check.claims);
    } catch (error) {
      if (isPoolWaitTimeout(error)) return void res.status(503).set('Retry-After', '1').end();
      deps.logger.error({ err: error, exportId: check.claims.exportId }, 'export download failed');
      return void res.status(500).end();
    }
    if (found.status !== 200) return void res.status(found.status).end();
    const { job, file } = found;
    let size = 0;
    let sent = 0;
    try {
      ({ size } = await file.stat());
      res.status(200).set({
        'Content-Type': job.gzip ? 'application/gzip' : 'text/csv; charset=utf-8',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${job.fileName}"`,
        'X-Content-SHA256': job.sha256 ?? '',
      });
      const stream = file.createReadStream({ autoClose: false });
      stream.on('data', (chunk) => (sent += chunk.length));
      await pipeline(stream, res);
    } catch (error) {
      const hungUp = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
      // A client holding every byte may close the connection before the file stream has even seen
      // its end: a premature close to the stream, a finished download to everyone else.
      if (hungUp && sent === size) deps.logger.debug({ exportId: job.id }, 'export downloaded');
      else if (hungUp) deps.logger.info({ exportId: job.id }, 'export download cancelled by the client');
      else deps.logger.warn({ err: error, exportId: job.id }, 'export download interrupted');
      res.destroy();
    } finally {
      await file.close();
    }
  });
  return router;
}
