import express, { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { normalizeIp } from '../audit/client-ip';
import { AuthenticatedKey, authenticateApiKey, hashApiKey } from '../auth/api-keys';
import { Config } from '../config';
import { openTransaction, closeTenantTransaction, withTenant } from '../db/tenant-transaction';
import { IngestBatchError, EventRejection } from '../ingest/errors';
import { storeBatch } from '../ingest/event-log';
import { batchFormat, parseBatch } from '../ingest/parse-batch';
import { validateEvent, ValidEvent } from '../ingest/validate';
import { Logger } from '../logger';
import { RateLimiter } from '../security/rate-limit';
import { RETRY_AFTER_SECONDS, RequestGuards, bearerToken } from '../security/request-guards';
import { requestIdOf } from '../security/request-scope';

export interface IngestRouteDeps {
  runtime: DataSource;
  config: Config;
  logger: Logger;
  /** The API's limiter: a batch spends from the key's bucket by its size. */
  rateLimiter: RateLimiter;
  /** The API's in-flight caps and key-use recorder: a batch holds a slot of its key and account like any request. */
  guards: RequestGuards;
}

/** The id space of events posted to the generic API. */
export const API_SOURCE = 'api';

function sendBatchError(res: Response, error: IngestBatchError): void {
  if (error.code === 'RATE_LIMITED') res.setHeader('Retry-After', String(error.details.retryAfter));
  res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

function inFlightRefusal(message: string, reason: string): IngestBatchError {
  return new IngestBatchError('RATE_LIMITED', message, { retryAfter: RETRY_AFTER_SECONDS, reason });
}

/**
 * Finds the key in a transaction of its own, so no connection is held while the body uploads,
 * after taking a slot of the key's in-flight cap (before any connection) and then of its
 * account's. Returns the key and the release of both slots.
 */
async function authenticate(
  runtime: DataSource,
  guards: RequestGuards,
  req: Request,
): Promise<{ key: AuthenticatedKey; leave: () => void }> {
  const token = bearerToken(req);
  if (!token) throw new IngestBatchError('UNAUTHENTICATED', 'An ingest API key is required: send "Authorization: Bearer <key>".');
  const entered = guards.inFlight.enterKey(hashApiKey(token));
  if (entered.kind === 'revoked') throw new IngestBatchError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
  if (entered.kind === 'full') {
    throw inFlightRefusal(
      `This API key already has ${guards.inFlight.perKey} requests in flight; retry when one has ended.`,
      'IN_FLIGHT_PER_KEY',
    );
  }
  let leaveAccount: (() => void) | null = null;
  const leave = () => {
    leaveAccount?.();
    entered.leave();
  };
  try {
    const runner = await openTransaction(runtime);
    let authentication: Awaited<ReturnType<typeof authenticateApiKey>> = null;
    try {
      authentication = await authenticateApiKey(runner, token);
    } finally {
      await closeTenantTransaction(runner, authentication !== null);
    }
    if (!authentication) throw new IngestBatchError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
    const { key } = authentication;
    if (key.role !== 'ingest') {
      throw new IngestBatchError('FORBIDDEN', 'Only ingest keys send events; create one with createApiKey(role: INGEST).', {
        reason: 'NOT_AN_INGEST_KEY',
      });
    }
    leaveAccount = guards.inFlight.enterAccount(key.accountId);
    if (!leaveAccount) {
      throw inFlightRefusal(
        `This account already has ${guards.inFlight.perAccount} requests in flight; retry when one has ended.`,
        'IN_FLIGHT_PER_ACCOUNT',
      );
    }
    if (authentication.lastUseStale) guards.keyUsage.record(key);
    return { key, leave };
  } catch (error) {
    leave();
    throw error;
  }
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
    let leave: (() => void) | undefined;
    try {
      const authenticated = await authenticate(deps.runtime, deps.guards, req);
      const { key } = authenticated;
      leave = authenticated.leave;
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
    } finally {
      leave?.();
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
    const requestId = requestIdOf(res);
    deps.logger.error({ err: error, requestId }, 'ingest request failed');
    sendBatchError(
      res,
      new IngestBatchError('INTERNAL_SERVER_ERROR', 'Internal server error; nothing of the batch was stored.', { requestId }),
    );
  });
  return router;
}
