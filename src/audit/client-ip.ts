import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The address of the HTTP request being served, for audit events recorded by resolvers: the
 * request context is built elsewhere, and the address is needed only when an audited action
 * happens, so it travels with the request's async flow instead.
 */
const storage = new AsyncLocalStorage<string | null>();

/** Runs `next` (the rest of one request's handling) with `ip` as its client address. */
export function runWithClientIp(ip: string | null, next: () => void): void {
  storage.run(ip, next);
}

export function currentClientIp(): string | null {
  return storage.getStore() ?? null;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is stored as the IPv4 address it is. */
export function normalizeIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}
