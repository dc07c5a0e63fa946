/**
 * Caps on requests running at once, per API key and per account, in this process's memory. A
 * request holds one pooled connection from start to end, so without a cap one tenant could hold
 * the whole pool and every other tenant would wait behind it. Over a cap the request is refused at
 * once (RATE_LIMITED with Retry-After) rather than queued: a queue would only move the wait.
 * Counters drop to nothing when their last request ends, so memory is bounded by requests in flight.
 */
export class InFlightLimiter {
  private readonly keys = new Map<string, number>();
  private readonly accounts = new Map<string, number>();

  constructor(
    readonly perKey: number,
    readonly perAccount: number,
  ) {}

  /** Counts one more request of the key; null (and nothing counted) when it is at its cap. The result hands the slot back. */
  enterKey(keyId: string): (() => void) | null {
    return enter(this.keys, keyId, this.perKey);
  }

  enterAccount(accountId: string): (() => void) | null {
    return enter(this.accounts, accountId, this.perAccount);
  }
}

function enter(counts: Map<string, number>, id: string, cap: number): (() => void) | null {
  const current = counts.get(id) ?? 0;
  if (current >= cap) return null;
  counts.set(id, current + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(id) ?? 1) - 1;
    if (left === 0) counts.delete(id);
    else counts.set(id, left);
  };
}
