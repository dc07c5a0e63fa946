export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Token bucket per API key, in this process's memory: a check costs no database round trip and
 * no row lock on a hot key. The price is that each process counts on its own (N replicas allow
 * N times the rate) and a restart refills every bucket. Buckets are keyed by authenticated key
 * ids, so their number is bounded by the keys in the database.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends `cost` tokens (an ingest batch costs by its size); a cost above the burst is capped at it, or it could never pass. */
  take(key: string, cost = 1): RateDecision {
    const price = Math.min(cost, this.burst);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, refilledAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.perSecond);
    bucket.refilledAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= price) {
      bucket.tokens -= price;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((price - bucket.tokens) / this.perSecond)) };
  }
}
