/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is stored as the IPv4 address it is. */
export function normalizeIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}
