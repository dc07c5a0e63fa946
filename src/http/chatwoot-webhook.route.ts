import express, { NextFunction, Request, Response, Router } from 'express';
import { DataSource } from 'typeorm';
import { normalizeIp } from '../audit/client-ip';
import { Config } from '../config';
import { DeliveryCode, receiveChatwootDelivery } from '../connectors/chatwoot/receive';
import { Logger } from '../logger';
import { currentRequestId } from '../security/request-scope';

export interface ChatwootWebhookRouteDeps {
  runtime: DataSource;
  config: Config;
  logger: Logger;
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
};

function sendError(res: Response, status: number, code: string, message: string, path?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(path ? { path } : {}) } }] });
}

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /ingest/chatwoot/<token>`: Chatwoot's account webhook. The answer is 200 only once the
 * delivery's events are committed, since most Chatwoot versions never retry; an unknown token gets
 * the same bare 404 whatever it looks like.
 */
export function chatwootWebhookRoutes(deps: ChatwootWebhookRouteDeps): Router {
  const router = Router();
  // Chatwoot sends application/json; the signature is over the raw bytes, so they are read as they are.
  const readBody = express.raw({ type: () => true, limit: deps.config.ingest.maxBytes });
  router.post('/ingest/chatwoot/:token', readBody, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const outcome = await receiveChatwootDelivery(
        deps.runtime,
        {
          token: String(req.params.token),
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
      );
      if (!outcome.ok) return sendError(res, STATUS[outcome.code], outcome.code, outcome.message, outcome.path);
      const { ok: _ok, ...receipt } = outcome;
      res.status(200).json(receipt);
    } catch (error) {
      next(error);
    }
  });
  router.use('/ingest/chatwoot', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.too.large')
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `A delivery is at most ${deps.config.ingest.maxBytes} bytes.`);
    if (type === 'request.aborted') return next(error);
    const requestId = currentRequestId();
    deps.logger.error({ err: error, requestId }, 'chatwoot delivery failed');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', `Internal server error; nothing of the delivery was stored (request ${requestId}).`);
  });
  return router;
}
