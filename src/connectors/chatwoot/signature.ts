import crypto from 'node:crypto';

/** Chatwoot's recommendation (webhooks.md §6.1): a signed delivery older than this is refused. */
export const MAX_DELIVERY_AGE_SECONDS = 5 * 60;

export interface DeliveryHeaders {
  signature: string | undefined;
  timestamp: string | undefined;
  delivery: string | undefined;
}

export type Verification =
  | { ok: true; dedupeKey: string }
  | { ok: false; reason: 'MISSING_SIGNATURE_HEADERS' | 'BAD_SIGNATURE' | 'STALE_TIMESTAMP'; message: string };

export function bodyDigest(body: Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"), as Chatwoot (≥ 4.11.2) signs. */
export function chatwootSignature(secret: string, timestamp: string, body: Buffer): string {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Checks a delivery before its body is parsed. Signed: the signature over the raw bytes (in
 * constant time), a timestamp within five minutes either way, and Chatwoot's delivery id as the
 * deduplication key (a retry keeps it). Unsigned (no secret set): the body's hash is the key.
 */
export function verifyDelivery(secret: string | null, headers: DeliveryHeaders, body: Buffer, nowMs: number): Verification {
  if (secret === null) return { ok: true, dedupeKey: `body:${bodyDigest(body)}` };
  const { signature, timestamp, delivery } = headers;
  if (!signature || !timestamp || !delivery) {
    return {
      ok: false,
      reason: 'MISSING_SIGNATURE_HEADERS',
      message: 'This connector has a signing secret: X-Chatwoot-Signature, X-Chatwoot-Timestamp and X-Chatwoot-Delivery are required.',
    };
  }
  const expected = Buffer.from(chatwootSignature(secret, timestamp, body));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'BAD_SIGNATURE', message: 'The signature does not match the connector’s signing secret.' };
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > MAX_DELIVERY_AGE_SECONDS) {
    return {
      ok: false,
      reason: 'STALE_TIMESTAMP',
      message: `X-Chatwoot-Timestamp is more than ${MAX_DELIVERY_AGE_SECONDS} s away from now.`,
    };
  }
  return { ok: true, dedupeKey: `delivery:${delivery.slice(0, 200)}` };
}
