import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';

const HEADER = 'X-Request-Id';

/** The id `requestScope` gave the request this response answers. */
export function requestIdOf(res: Pick<Response, 'getHeader'>): string | undefined {
  const id = res.getHeader(HEADER);
  return typeof id === 'string' ? id : undefined;
}

/**
 * Gives every request an id, returned in `X-Request-Id` and attached to the server-side log of
 * any internal error, so a client quoting the id leads support straight to the log entry.
 * Always generated here: an id taken from the client could forge or flood log correlations.
 * The id travels on the response (and in the GraphQL request context), not in an
 * AsyncLocalStorage, whose promise hooks would cost every promise of every request.
 */
export function requestScope(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(HEADER, randomUUID());
  next();
}

const errorRequests = new WeakMap<object, string>();

/** Marks an error with the request it happened in, for formatters that are given the error alone (Apollo's formatError). */
export function tagErrorRequest(error: unknown, requestId: string | undefined): void {
  if (requestId && typeof error === 'object' && error !== null && !errorRequests.has(error)) errorRequests.set(error, requestId);
}

/** The request an error (or the error it wraps) was tagged with. */
export function requestIdOfError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return errorRequests.get(error) ?? requestIdOfError((error as { originalError?: unknown }).originalError);
}
