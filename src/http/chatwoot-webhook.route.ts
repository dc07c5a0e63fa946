import express, { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { normalizeIp } from '../audit/client-ip';
import { Config } from '../config';
import { AdmissionRefusal, DeliveryAdmission, DeliveryCode, receiveChatwootDelivery } from '../connectors/chatwoot/receive';
import { hashConnectorToken } from '../connectors/connector.store';
import { RefusalCounter } from '../connectors/refusal-counts';
import { Logger } from '../logger';
import { RateLimiter } from '../security/rate-limit';
import { RETRY_AFTER_SECONDS, RequestGuards } from '../security/request-guards';
import { requestIdOf } from '../security/request-scope';

export interface ChatwootWebhookRouteDeps {
  runtime: DataSource;
  config: Config;
  logger: Logger;
  /** The API's limiter: a delivery spends from its connector's bucket by the events it stores, as a batch does from its key's. */
  rateLimiter: RateLimiter;
  /** The API's in-flight caps: a delivery holds a slot of its connector (as of a key) and of its account. */
  guards: RequestGuards;
  /** The API's server: the refusals counted since the last write are written when it closes. */
  httpServer?: { once(event: 'close', listener: () => void): unknown };
}

const STATUS: Record<DeliveryCode, number> = {
  NOT_FOUND: 404,
  MISSING_SIGNATURE_HEADERS: 401,
  BAD_SIGNATURE: 401,
  STALE_TIMESTAMP: 401,
  MALFORMED_JSON: 400,
  MALFORMED_PAYLOAD: 400,
  UNKNOWN_EVENT: 400,
  INVALID_EVENT: 400,
  RATE_LIMITED: 429,
};

function sendError(res: Response, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...details } }] });
}

function sendRateLimited(res: Response, refusal: AdmissionRefusal): void {
  res.setHeader('Retry-After', String(refusal.retryAfter));
  sendError(res, 429, 'RATE_LIMITED', refusal.message, { reason: refusal.reason, retryAfter: refusal.retryAfter });
}

/** The in-flight entry of a connector, by its token's hash (known before any connection), apart from API keys' entries. */
const connectorSlot = (token: string): string => `connector:${hashConnectorToken(token)}`;

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /ingest/chatwoot/<token>`: Chatwoot's account webhook. The answer is 200 only once the
 * delivery's events are committed, since most Chatwoot versions never retry; an unknown token gets
 * the same bare 404 whatever it looks like. It is held to the generic ingest route's limits: the
 * connector's slot is taken before the body is read, so a slow upload holds it.
 */
export function chatwootWebhookRoutes(deps: ChatwootWebhookRouteDeps): Router {
  const router = Router();
  const { inFlight } = deps.guards;
  const { eventsPerToken } = deps.config.ingest;
  // Chatwoot sends application/json; the signature is over the raw bytes, so they are read as they are.
  const readBody = express.raw({ type: () => true, limit: deps.config.ingest.maxBytes });
  const refusals = new RefusalCounter(deps.runtime, (error) =>
    deps.logger.warn({ err: error }, 'could not write connector refusal counts'),
  );
  deps.httpServer?.once(
    'close',
    () => void refusals.stop().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not write connector refusal counts')),
  );
  router.post('/ingest/chatwoot/:token', async (req: Request, res: Response, next: NextFunction) => {
    const leaves: Array<() => void> = [];
    try {
      const token = String(req.params.token);
      // A connector's token hash is never announced as revoked (only API keys' are), so the entry is either taken or full.
      const entered = inFlight.enterKey(connectorSlot(token));
      if (entered.kind !== 'entered') {
        refusals.countToken(hashConnectorToken(token), 'IN_FLIGHT_PER_CONNECTOR');
        return sendRateLimited(res, {
          message: `This connector already has ${inFlight.perKey} deliveries in flight; retry when one has ended.`,
          retryAfter: RETRY_AFTER_SECONDS,
          reason: 'IN_FLIGHT_PER_CONNECTOR',
        });
      }
      leaves.push(entered.leave);
      await new Promise<void>((resolve, reject) => readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      const admission: DeliveryAdmission = {
        enterAccount(accountId) {
          const leave = inFlight.enterAccount(accountId);
          if (!leave) {
            return {
              message: `This account already has ${inFlight.perAccount} requests in flight; retry when one has ended.`,
              retryAfter: RETRY_AFTER_SECONDS,
              reason: 'IN_FLIGHT_PER_ACCOUNT',
            };
          }
          leaves.push(leave);
          return null;
        },
        spend(connectorId, eventCount) {
          const decision = deps.rateLimiter.take(`connector:${connectorId}`, Math.max(1, Math.ceil(eventCount / eventsPerToken)));
          if (decision.allowed) return null;
          return {
            message: `Too many events for this connector; retry in ${decision.retryAfterSeconds} s.`,
            retryAfter: decision.retryAfterSeconds,
            reason: 'RATE_LIMIT',
          };
        },
        refused(accountId, connectorId, refusal) {
          refusals.countConnector(accountId, connectorId, refusal.reason);
        },
      };
      const outcome = await receiveChatwootDelivery(
        deps.runtime,
        {
          token,
          headers: {
            signature: header(req, 'x-chatwoot-signature'),
            timestamp: header(req, 'x-chatwoot-timestamp'),
            delivery: header(req, 'x-chatwoot-delivery'),
          },
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          clientIp: normalizeIp(req.ip),
          nowMs: Date.now(),
        },
        deps.config.ingest,
        admission,
        deps.config.schedules,
      );
      if (!outcome.ok) {
        if (outcome.code === 'RATE_LIMITED') return sendRateLimited(res, outcome);
        return sendError(res, STATUS[outcome.code], outcome.code, outcome.message, outcome.path ? { path: outcome.path } : {});
      }
      const { ok: _ok, ...receipt } = outcome;
      res.status(200).json(receipt);
    } catch (error) {
      next(error);
    } finally {
      for (const leave of leaves) leave();
    }
  });
  router.use('/ingest/chatwoot', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.too.large')
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `A delivery is at most ${deps.config.ingest.maxBytes} bytes.`);
    if (type === 'request.aborted') return next(error);
    const requestId = requestIdOf(res);
    deps.logger.error({ err: error, requestId }, 'chatwoot delivery failed');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', `Internal server error; nothing of the delivery was stored (request ${requestId}).`);
  });
  return router;
}
