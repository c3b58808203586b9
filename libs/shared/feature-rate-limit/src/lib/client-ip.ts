import { BlockList, isIP } from 'node:net';

/** Which header a trusted proxy maintains: `x-forwarded-for` (the default) or RFC 7239 `forwarded`. */
export type ForwardedHeader = 'x-forwarded-for' | 'forwarded';

/**
 * The proxies whose forwarding headers are believed, from IPs and CIDRs (`10.0.0.0/8`, `::1`,
 * `fd00::/8`). Built once at start-up; throws naming the entry that is neither.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly isEmpty: boolean;

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim();
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? undefined : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (
        !family ||
        extra !== undefined ||
        (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
      ) {
        throw new Error(`Invalid trusted proxy "${raw}": expected an IP address or CIDR such as 10.0.0.0/8`);
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, prefix, type);
    }
    this.isEmpty = entries.length === 0;
  }

  /** Whether `address` (already normalised, see `normaliseIp`) is one of the trusted proxies. */
  has(address: string): boolean {
    if (this.isEmpty) return false;
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/**
 * The client's address for rate limiting: the socket's peer, unless that peer is a trusted proxy — then
 * the forwarding header is walked from the right (the entry the nearest proxy added), skipping trusted
 * hops, and the first untrusted address is the client. What an untrusted peer sends changes nothing, and
 * entries a client prepended are never reached as long as a trusted proxy appended the real one.
 * A malformed entry (`unknown`, an obfuscated `_node`) ends the walk at the last proxy seen.
 *
 * Only one header is read: a proxy that maintains `X-Forwarded-For` passes a client's forged `Forwarded`
 * through untouched (and vice versa), so reading both would let a client choose.
 */
export function clientIp(
  remoteAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  trusted: TrustedProxies,
  header: ForwardedHeader = 'x-forwarded-for',
): string {
  let current = normaliseIp(remoteAddress ?? '') ?? 'unknown';
  if (!trusted.has(current)) return current;
  const hops =
    header === 'forwarded' ? forwardedFor(headers['forwarded']) : xForwardedFor(headers['x-forwarded-for']);
  for (let i = hops.length - 1; i >= 0 && trusted.has(current); i--) {
    const hop = normaliseIp(hops[i]);
    if (!hop) break;
    current = hop;
  }
  return current;
}

/** An IP without port, brackets or IPv4-mapped IPv6 prefix; undefined if it is not an IP at all. */
export function normaliseIp(value: string): string | undefined {
  let text = value.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  return isIP(text) ? text.toLowerCase() : undefined;
}

function joined(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function xForwardedFor(value: string | string[] | undefined): string[] {
  const text = joined(value);
  return text ? text.split(',') : [];
}

function forwardedFor(value: string | string[] | undefined): string[] {
  const text = joined(value);
  if (!text) return [];
  return text.split(',').map((element) => {
    const pair = element
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith('for='));
    return pair ? pair.slice(4) : '';
  });
}
