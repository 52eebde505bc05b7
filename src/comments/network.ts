import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address to its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] {
  const [head, tail] = ip.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').filter(Boolean).map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/** `::ffff:1.2.3.4` is the IPv4 address it carries. */
export function normalizeIp(ip: string): string {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return mapped ? mapped[1] : ip.toLowerCase();
}

/** The network an address belongs to for rate limits and blocks: its /24 (IPv4) or /64 (IPv6). */
export function networkOf(ip: string): string {
  const address = normalizeIp(ip);
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  return address;
}

/**
 * An address with what identifies a person removed, as the privacy notice promises after
 * 30 days: the last octet of IPv4, the last 80 bits of IPv6 (the first 48 bits stay: the
 * provider and region, enough to see a flood from one network in old data).
 */
export function reduceIp(ip: string): string {
  const address = normalizeIp(ip);
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0`;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 3).map((g) => g.toString(16)).join(':')}::`;
  return '';
}

/** Whether an address is inside a network written as CIDR (`203.0.113.0/24`, `2001:db8::/32`). */
export function inNetwork(ip: string, cidr: string): boolean {
  const address = normalizeIp(ip);
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIPv4(address) && isIPv4(base)) {
    const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const prefix = Number.isInteger(bits) ? bits : 32;
    const mask = prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix);
    return (toInt(address) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
  }
  if (isIPv6(address) && isIPv6(base)) {
    const a = ipv6Groups(address);
    const b = ipv6Groups(base);
    let remaining = Number.isInteger(bits) ? bits : 128;
    for (let i = 0; i < 8 && remaining > 0; i++, remaining -= 16) {
      const take = Math.min(16, remaining);
      const mask = (0xffff << (16 - take)) & 0xffff;
      if ((a[i] & mask) !== (b[i] & mask)) return false;
    }
    return true;
  }
  return false;
}

export function isNetwork(value: string): boolean {
  const [base, bits] = value.split('/');
  const n = Number(bits);
  return (isIPv4(base) && Number.isInteger(n) && n >= 0 && n <= 32) || (isIPv6(base) && Number.isInteger(n) && n >= 0 && n <= 128);
}
