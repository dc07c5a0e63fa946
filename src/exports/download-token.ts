import crypto from 'node:crypto';

/** What a download link is good for: one export of one account, for one API key, until `expiresAt` (seconds). */
export interface DownloadClaims {
  exportId: string;
  accountId: string;
  keyId: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: DownloadClaims } | { ok: false; reason: 'invalid' | 'expired' };

const VERSION = 1;

function mac(secret: string, payload: string): Buffer {
  return crypto.createHmac('sha256', secret).update(payload).digest();
}

/** `<base64url JSON claims>.<base64url HMAC-SHA256>`: stateless, so any API or worker process with the secret can check it. */
export function signDownloadToken(secret: string, claims: Omit<DownloadClaims, 'expiresAt'>, ttlSeconds: number, now = Date.now()): string {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  const payload = Buffer.from(JSON.stringify([VERSION, claims.exportId, claims.accountId, claims.keyId, expiresAt])).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

function isClaims(value: unknown): value is [number, string, string, string, number] {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    value[0] === VERSION &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    typeof value[3] === 'string' &&
    Number.isInteger(value[4])
  );
}

/** The signature is checked before anything in the payload is trusted, in constant time. */
export function verifyDownloadToken(secret: string, token: string, now = Date.now()): TokenCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'invalid' };
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!isClaims(decoded)) return { ok: false, reason: 'invalid' };
  const [, exportId, accountId, keyId, expiresAt] = decoded;
  if (expiresAt * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { exportId, accountId, keyId, expiresAt } };
}

/** The download route of an export, absolute when a public URL is configured. */
export function downloadUrl(publicUrl: string | undefined, exportId: string, token: string): string {
  return `${publicUrl ?? ''}/exports/${encodeURIComponent(exportId)}/download?token=${encodeURIComponent(token)}`;
}
