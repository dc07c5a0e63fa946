import { IncomingMessage } from 'node:http';
import { RequestHandler } from 'express';
import { hashApiKey } from '../auth/api-keys';
import { sendError } from './http-errors';

/**
 * Caps on requests running at once, per API key and per account, in this process's memory. A
 * request holds one pooled connection from start to end, so without a cap one tenant could hold
 * the whole pool and every other tenant would wait behind it. Over a cap the request is refused at
 * once (RATE_LIMITED with Retry-After) rather than queued: a queue would only move the wait.
 * Entries drop when their last request ends, so memory is bounded by the requests in flight.
 */
export class InFlightLimiter {
  /** By the hash of the presented key, so a key at its cap is refused before it costs a connection. */
  private readonly keys = new Map<string, { count: number; revoked: boolean }>();
  private readonly accounts = new Map<string, number>();

  constructor(
    readonly perKey: number,
    readonly perAccount: number,
  ) {}

  /**
   * Counts one more request of the key. `revoked` when a revocation was announced while the key
   * had requests in flight; `full` at its cap; otherwise `leave` hands the slot back.
   */
  enterKey(keyHash: string): { kind: 'entered'; leave: () => void } | { kind: 'revoked' } | { kind: 'full' } {
    const entry = this.keys.get(keyHash) ?? { count: 0, revoked: false };
    if (entry.revoked) return { kind: 'revoked' };
    if (entry.count >= this.perKey) return { kind: 'full' };
    entry.count++;
    this.keys.set(keyHash, entry);
    return {
      kind: 'entered',
      leave: once(() => {
        entry.count--;
        if (entry.count === 0) this.keys.delete(keyHash);
      }),
    };
  }

  /** What `enterKey` would answer now, without counting anything. */
  peekKey(keyHash: string): 'open' | 'revoked' | 'full' {
    const entry = this.keys.get(keyHash);
    if (entry?.revoked) return 'revoked';
    return entry && entry.count >= this.perKey ? 'full' : 'open';
  }

  /** A key with nothing in flight is not remembered: its next request looks it up and finds it revoked. */
  markRevoked(keyHash: string): void {
    const entry = this.keys.get(keyHash);
    if (entry) entry.revoked = true;
  }

  /** Counts one more request of the account; null (and nothing counted) at its cap. The result hands the slot back. */
  enterAccount(accountId: string): (() => void) | null {
    const current = this.accounts.get(accountId) ?? 0;
    if (current >= this.perAccount) return null;
    this.accounts.set(accountId, current + 1);
    return once(() => {
      const left = (this.accounts.get(accountId) ?? 1) - 1;
      if (left === 0) this.accounts.delete(accountId);
      else this.accounts.set(accountId, left);
    });
  }
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}

/**
 * Refuses a key that is revoked or at its cap before its body is read or GraphQL sees it. The
 * request context counts the request for real; this only makes refusals cheap: a key at its cap
 * retrying in a loop would otherwise cost the event loop a parse and a pipeline per attempt, and
 * every other tenant's request waits behind those in the loop.
 */
export function inFlightGate(
  limiter: InFlightLimiter,
  retryAfterSeconds: number,
  tokenOf: (req: IncomingMessage) => string | undefined,
): RequestHandler {
  return (req, res, next) => {
    const token = tokenOf(req);
    const state = token ? limiter.peekKey(hashApiKey(token)) : 'open';
    if (state === 'revoked') {
      sendError(res, 401, 'The API key is unknown or revoked.', { code: 'UNAUTHENTICATED' });
    } else if (state === 'full') {
      res.setHeader('Retry-After', String(retryAfterSeconds));
      sendError(res, 429, `This API key already has ${limiter.perKey} requests in flight; retry when one has ended.`, {
        code: 'RATE_LIMITED',
        reason: 'IN_FLIGHT_PER_KEY',
        retryAfter: retryAfterSeconds,
      });
    } else {
      next();
    }
  };
}
