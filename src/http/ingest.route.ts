import express, { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { normalizeIp } from '../audit/client-ip';
import { AuthenticatedKey, authenticateApiKey } from '../auth/api-keys';
import { Config } from '../config';
import { openTransaction, closeTenantTransaction, withTenant } from '../db/tenant-transaction';
import { IngestBatchError, EventRejection } from '../ingest/errors';
import { storeBatch } from '../ingest/event-log';
import { batchFormat, parseBatch } from '../ingest/parse-batch';
import { validateEvent, ValidEvent } from '../ingest/validate';
import { Logger } from '../logger';
import { RateLimiter } from '../security/rate-limit';
import { bearerToken } from '../security/request-guards';
import { currentRequestId } from '../security/request-scope';

export interface IngestRouteDeps {
  runtime: DataSource;
  config: Config;
  logger: Logger;
  /** The API's limiter: a batch spends from the key's bucket by its size. */
  rateLimiter: RateLimiter;
}

/** The id space of events posted to the generic API. */
export const API_SOURCE = 'api';

function sendBatchError(res: Response, error: IngestBatchError): void {
  if (error.code === 'RATE_LIMITED') res.setHeader('Retry-After', String(error.details.retryAfter));
  res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

/** Finds the key in a transaction of its own, so no connection is held while the body uploads. */
async function authenticate(runtime: DataSource, req: Request): Promise<AuthenticatedKey> {
  const token = bearerToken(req);
  if (!token) throw new IngestBatchError('UNAUTHENTICATED', 'An ingest API key is required: send "Authorization: Bearer <key>".');
  const runner = await openTransaction(runtime);
  let key: AuthenticatedKey | null = null;
  try {
    key = (await authenticateApiKey(runner, token))?.key ?? null;
  } finally {
    await closeTenantTransaction(runner, key !== null);
  }
  if (!key) throw new IngestBatchError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
  if (key.role !== 'ingest') {
    throw new IngestBatchError('FORBIDDEN', 'Only ingest keys send events; create one with createApiKey(role: INGEST).', {
      reason: 'NOT_AN_INGEST_KEY',
    });
  }
  return key;
}

/**
 * `POST /ingest/v1/events`: authenticate, read the body within the size limit, validate each
 * event alone, spend from the rate limit by size, store the batch durably, then answer 202.
 */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const settings = deps.config.ingest;
  const router = Router();
  const readBody = express.raw({ type: () => true, limit: settings.maxBytes });

  router.post('/ingest/v1/events', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const key = await authenticate(deps.runtime, req);
      const format = batchFormat(req.headers['content-type']);
      await new Promise<void>((resolve, reject) => readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const items = parseBatch(body, format, settings.maxEvents);
      const decision = deps.rateLimiter.take(key.id, Math.ceil(items.length / settings.eventsPerToken));
      if (!decision.allowed) {
        throw new IngestBatchError('RATE_LIMITED', `Too many events for this API key; retry in ${decision.retryAfterSeconds} s.`, {
          retryAfter: decision.retryAfterSeconds,
        });
      }
      const events: ValidEvent[] = [];
      const rejected: EventRejection[] = [];
      items.forEach((item, index) => {
        if ('malformed' in item) {
          rejected.push({
            index,
            id: null,
            code: 'MALFORMED_JSON',
            path: '$',
            message: `Line ${index + 1} is not valid JSON: ${item.malformed}`,
          });
          return;
        }
        const result = validateEvent(item.value, index);
        if (result.ok) events.push(result.event);
        else rejected.push(result.rejection);
      });
      const receipt = await withTenant(deps.runtime, key.accountId, (runner) =>
        storeBatch(runner.manager, { source: API_SOURCE, keyId: key.id, clientIp: normalizeIp(req.ip), events, rejected }, settings),
      );
      res.status(202).json(receipt);
    } catch (error) {
      next(error);
    }
  });

  router.use('/ingest', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof IngestBatchError) return sendBatchError(res, error);
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.too.large') {
      return sendBatchError(
        res,
        new IngestBatchError('BATCH_TOO_LARGE', `A batch is at most ${settings.maxBytes} bytes.`, {
          reason: 'MAX_BYTES',
          limit: settings.maxBytes,
        }),
      );
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return sendBatchError(res, new IngestBatchError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 without content encoding.'));
    }
    if (type === 'request.aborted') return next(error);
    const requestId = currentRequestId();
    deps.logger.error({ err: error, requestId }, 'ingest request failed');
    sendBatchError(
      res,
      new IngestBatchError('INTERNAL_SERVER_ERROR', 'Internal server error; nothing of the batch was stored.', { requestId }),
    );
  });
  return router;
}
