import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';

const scope = new AsyncLocalStorage<string>();

/** The id of the request being served, for code that gets no request (Apollo's formatError). */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/**
 * Gives every request an id, returned in `X-Request-Id` and attached to the server-side log of
 * any internal error, so a client quoting the id leads support straight to the log entry.
 * Always generated here: an id taken from the client could forge or flood log correlations.
 */
export function requestScope(_req: Request, res: Response, next: NextFunction): void {
  const id = randomUUID();
  res.setHeader('X-Request-Id', id);
  scope.run(id, next);
}
