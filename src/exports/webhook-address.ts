import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The IPv4 address an IPv6 form carries, when the network would deliver it to that IPv4 host:
 * IPv4-compatible (`::7f00:1`), IPv4-mapped (`::ffff:7f00:1`), IPv4-translated (`::ffff:0:7f00:1`),
 * NAT64 with the well-known prefix (`64:ff9b::a9fe:a9fe`) and 6to4 (`2002:7f00:1::1`). Without
 * this, a loopback or metadata address written in IPv6 would look public.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const fromLast32 = () => ipaddr.IPv4.parse(`${parts[6] >> 8}.${parts[6] & 0xff}.${parts[7] >> 8}.${parts[7] & 0xff}`);
  if (parts.slice(0, 6).every((part) => part === 0)) return fromLast32();
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return fromLast32();
  if (parts[0] === 0x64 && parts[1] === 0xff9b && parts.slice(2, 6).every((part) => part === 0)) return fromLast32();
  if (range === '6to4') return ipaddr.IPv4.parse(`${parts[1] >> 8}.${parts[1] & 0xff}.${parts[2] >> 8}.${parts[2] & 0xff}`);
  return null;
}

/**
 * Whether a notification may reach this address without EXPORT_WEBHOOK_ALLOW_PRIVATE: only
 * ipaddr.js's `unicast` class, i.e. none of loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, multicast, broadcast, unspecified, benchmarking, documentation (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) or other reserved ranges. IPv6 forms that embed
 * an IPv4 address are judged by that address; the other translation ranges (NAT64 local-use
 * 64:ff9b:1::/48, Teredo) are not `unicast` and so refused.
 */
export function isPublicAddress(address: string): boolean {
  if (net.isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
  return embedded ? embedded.range() === 'unicast' : parsed.range() === 'unicast';
}

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The URL's own checks, run when the export is requested and again before every delivery (an IP
 * literal is never resolved, so the delivery's DNS guard would not see it); names are checked
 * address by address when they are resolved at delivery.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must be an http or https URL' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) !== 0 && !isPublicAddress(host)))) {
    return { ok: false, reason: 'points at a loopback or private address' };
  }
  return { ok: true, url };
}
