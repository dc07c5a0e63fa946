import { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import { Logger } from '../logger';
import { INTERNAL_MESSAGE } from './error-format';
import { requestIdOf } from './request-scope';

/** A GraphQL-shaped error body for requests refused before GraphQL sees them, so clients parse one format. */
export function sendError(res: Response, status: number, message: string, extensions: { code: ErrorCode } & Record<string, unknown>): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}

/**
 * Only JSON bodies are parsed. Without this a POST of another type reached Apollo with no body
 * and got a plain-text 500 from the express integration; form and text posts are also the
 * shape of a cross-site request, which this refuses before any work.
 */
export const requireJsonPost: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    sendError(res, 415, 'Send GraphQL requests as POST with Content-Type: application/json.', {
      code: 'BAD_USER_INPUT',
      reason: 'UNSUPPORTED_MEDIA_TYPE',
    });
    return;
  }
  next();
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Last error handler of the app: body-parser refusals become coded JSON errors, anything else is
 * logged with the request id and masked (Express's own handler would print the stack outside
 * production).
 */
export function httpErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { type, status, expose } = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
    if (type === 'entity.too.large') {
      sendError(res, 413, `The request body is larger than ${maxBodyBytes} bytes.`, {
        code: 'QUERY_TOO_COMPLEX',
        reason: 'PAYLOAD_TOO_LARGE',
      });
    } else if (type === 'entity.parse.failed') {
      sendError(res, 400, 'The request body is not valid JSON (or not a JSON object).', {
        code: 'BAD_USER_INPUT',
        reason: 'MALFORMED_JSON',
      });
    } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      sendError(res, 415, 'Send the request body as UTF-8 JSON without content encoding.', {
        code: 'BAD_USER_INPUT',
        reason: 'UNSUPPORTED_MEDIA_TYPE',
      });
    } else if (expose && typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, status, 'The request could not be read.', { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' });
    } else {
      const requestId = requestIdOf(res);
      logger.error({ err: error, requestId }, 'internal error');
      sendError(res, 500, INTERNAL_MESSAGE, { code: 'INTERNAL_SERVER_ERROR', requestId });
    }
  };
}
