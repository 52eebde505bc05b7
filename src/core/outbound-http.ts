/**
 * Every request Herald sends to another server goes through `outboundRequest`: partner feeds,
 * webhooks, featured images downloaded on import, machine translation and the CDN purge hook.
 *
 * - Size: the body is streamed and counted (after decompression too) and the connection cut as
 *   soon as it passes `maxBytes`; a Content-Length above it is refused before reading.
 * - Time: a connect timeout (DNS, TCP and TLS) and a deadline for the whole exchange, redirects
 *   and body included.
 * - Addresses: only public unicast addresses are reached. The address the DNS lookup returned
 *   is checked as the socket connects (so a name that resolves elsewhere a second later, DNS
 *   rebinding, gains nothing), a literal address before connecting, and redirects are followed
 *   here, a bounded number, each one checked again. `allow` (HERALD_OUTBOUND_ALLOW) names the
 *   hosts, addresses and CIDR ranges deliberately reachable although not public.
 *
 * Written on node:http rather than fetch: fetch has no hook between the DNS answer and the
 * connection, and follows redirects without letting us check where they lead.
 */
import { lookup as dnsLookup } from 'node:dns';
import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// The only IPv6 addresses routed on the Internet; ipaddr.js calls some others "unicast" too.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export type OutboundErrorCode = 'BAD_URL' | 'REFUSED_ADDRESS' | 'TOO_LARGE' | 'TIMEOUT' | 'TOO_MANY_REDIRECTS' | 'NETWORK' | 'BAD_CONFIG';

/** Why an outbound request did not get its answer; `message` names the host and the reason. */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  /** Body bytes read before giving up (TOO_LARGE). */
  readonly bytesRead: number;

  constructor(code: OutboundErrorCode, message: string, extra: { bytesRead?: number; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'OutboundError';
    this.code = code;
    this.bytesRead = extra.bytesRead ?? 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Address policy

/**
 * The IP address a host names, read as a URL parser reads it: 2130706433, 0177.0.0.1, 0x7f.1
 * and 127.1 are all 127.0.0.1, [::ffff:127.0.0.1] is too (IPv4-mapped addresses become the
 * IPv4 address). Null when the host is a name, or not a valid host at all.
 */
export function parseAddress(host: string): Address | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  let canonical: string;
  try {
    canonical = new URL(bare.includes(':') ? `http://[${bare}]/` : `http://${bare}/`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
  if (isIP(canonical) === 0) return null;
  return ipaddr.process(canonical);
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

/** What kind of non-public address this is ('loopback', 'private', …), or null when it is public. */
export function nonPublicRange(address: Address): string | null {
  const range = address.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? 'special-purpose';
  if (address instanceof ipaddr.IPv6 && !address.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return null;
}

/** Whether `host` is an IP address, in any notation, that outbound requests may reach by default. */
export function isPublicAddress(host: string): boolean {
  const address = parseAddress(host);
  return address !== null && nonPublicRange(address) === null;
}

interface AllowList {
  hosts: Set<string>;
  ranges: Array<[Address, number]>;
}

function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** HERALD_OUTBOUND_ALLOW's entries: CIDR ranges, addresses (any notation), or host names. */
function allowList(entries: readonly string[]): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const raw of entries) {
    const entry = normalHost(raw);
    if (!entry) continue;
    if (entry.includes('/')) {
      const [base, bits] = entry.split('/');
      const address = parseAddress(base);
      const max = address?.kind() === 'ipv4' ? 32 : 128;
      if (!address || !/^\d+$/.test(bits) || Number(bits) > max) {
        throw new OutboundError('BAD_CONFIG', `HERALD_OUTBOUND_ALLOW: "${raw}" is not a CIDR range such as 10.0.0.0/8`);
      }
      list.ranges.push([address, Number(bits)]);
      continue;
    }
    const address = parseAddress(entry);
    if (address) list.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    else list.hosts.add(entry);
  }
  return list;
}

function listed(list: AllowList, address: Address): boolean {
  return list.ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

/** Why `address` may not be reached ("127.0.0.1 is a loopback address"), or null. */
function refusal(address: Address, list: AllowList): string | null {
  if (listed(list, address)) return null;
  const range = nonPublicRange(address);
  if (!range) return null;
  return `${address.toString()} is a${/^[aeiou]/.test(range) ? 'n' : ''} ${range} address`;
}

function refusedError(host: string, reason: string): OutboundError {
  return new OutboundError(
    'REFUSED_ADDRESS',
    `refused to connect to ${host}: ${reason}, and only public addresses are reached (HERALD_OUTBOUND_ALLOW lists deliberate exceptions)`,
  );
}

/**
 * Why a URL would be refused, when its host alone tells (a literal address, or localhost):
 * for checking an address as it is entered. Names are only decided when connecting, on the
 * address the DNS returns then. Null when nothing is wrong yet.
 */
export function refusedDestination(url: string, allow: readonly string[]): string | null {
  if (!URL.canParse(url)) return null;
  const list = allowList(allow);
  const host = normalHost(new URL(url).hostname);
  if (list.hosts.has(host)) return null;
  const address = parseAddress(host);
  if (address) return refusal(address, list);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    // RFC 6761: always loopback. Reachable only when one of its addresses is allowed.
    const loopback = [ipaddr.parse('127.0.0.1'), ipaddr.parse('::1')];
    return loopback.some((a) => listed(list, a)) ? null : `${host} is a loopback name`;
  }
  return null;
}

/** The field message for an address refused as it is entered, or null. */
export function destinationFault(url: string, allow: readonly string[]): string | null {
  const reason = refusedDestination(url, allow);
  return reason ? `must point at a public address: ${reason} (HERALD_OUTBOUND_ALLOW lists deliberate exceptions)` : null;
}

/**
 * `dns.lookup` that keeps only the addresses we may reach; none left is a refusal. Node calls
 * it as the socket connects, so the address checked is the address connected to.
 */
function guardedLookup(list: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      let reason = `it resolves to no address`;
      const permitted = addresses.filter((entry) => {
        let why: string | null;
        try {
          why = refusal(ipaddr.process(entry.address), list);
        } catch {
          why = `${entry.address} is not an address we can check`;
        }
        if (why) reason = `it resolves to ${why.replace(/^(\S+) is/, '$1, which is')}`;
        return why === null;
      });
      if (permitted.length === 0) return callback(refusedError(hostname, reason), '');
      if (options.all) callback(null, permitted);
      else callback(null, permitted[0].address, permitted[0].family);
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface OutboundOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The largest body read, in bytes, counted as received and after decompression. */
  maxBytes: number;
  /** config.outboundAllow (HERALD_OUTBOUND_ALLOW): hosts, addresses and ranges allowed although not public. */
  allow?: readonly string[];
  /** Until the connection is made (DNS, TCP, TLS). */
  connectTimeoutMs?: number;
  /** For the whole exchange: every redirect, and the body read to its end. */
  timeoutMs?: number;
  /** Redirects followed (each checked again); 0 answers a redirect as it is. */
  maxRedirects?: number;
  /** False: only the status and headers are wanted; the body is never read. */
  readBody?: boolean;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  ok: boolean;
  /** Where the answer came from, after redirects. */
  url: string;
  headers: IncomingHttpHeaders;
  header(name: string): string | undefined;
  body: Buffer;
  text(): string;
}

function sizeCap(maxBytes: number, host: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new OutboundError('TOO_LARGE', `the answer of ${host} is larger than ${maxBytes} bytes`, { bytesRead: seen }));
      else done(null, chunk);
    },
  });
}

function decoderFor(encoding: string | undefined, host: string): Transform | null {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return null;
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
  if (name === 'deflate') return zlib.createInflate();
  if (name === 'br') return zlib.createBrotliDecompress();
  throw new OutboundError('NETWORK', `${host} answered in an encoding we did not ask for (${name})`);
}

async function readBody(response: IncomingMessage, maxBytes: number, host: string): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new OutboundError('TOO_LARGE', `the answer of ${host} is larger than ${maxBytes} bytes (it announced ${declared})`);
  }
  const chunks: Buffer[] = [];
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  };
  let decoder: Transform | null;
  try {
    decoder = decoderFor(response.headers['content-encoding'], host);
  } catch (error) {
    response.destroy();
    throw error;
  }
  // Counted as received (an endless stream of nothing decompressed) and as decoded (a bomb).
  if (decoder) await pipeline(response, sizeCap(maxBytes, host), decoder, sizeCap(maxBytes, host), collect);
  else await pipeline(response, sizeCap(maxBytes, host), collect);
  return Buffer.concat(chunks);
}

function send(url: URL, init: { method: string; headers: Record<string, string>; body?: string | Buffer }, list: AllowList, connectTimeoutMs: number, track: (request: ClientRequest) => void) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const named = list.hosts.has(normalHost(hostname));
    // Node skips the lookup for a literal address: that one is checked here.
    const literal = parseAddress(hostname);
    const why = literal && !named ? refusal(literal, list) : null;
    if (why) return reject(refusedError(url.host, why));
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request({
      protocol: url.protocol,
      hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: init.headers,
      // A fresh connection each time, so every request goes through the lookup below.
      agent: false,
      ...(named ? {} : { lookup: guardedLookup(list) }),
      ...(url.username ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    });
    track(request);
    const connectTimer = setTimeout(
      () => request.destroy(new OutboundError('TIMEOUT', `${url.host} did not accept a connection within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    request.once('socket', (socket) => socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)));
    request.once('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    request.end(init.body);
  });
}

function parseTarget(target: string | URL, from?: URL): URL {
  let url: URL;
  try {
    url = new URL(target, from);
  } catch {
    throw new OutboundError('BAD_URL', from ? `${from.host} redirected to an invalid address` : `"${String(target)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('BAD_URL', from ? `${from.host} redirected to a ${url.protocol} address` : `${url.protocol} addresses cannot be fetched, only http(s)`);
  }
  return url;
}

/** One request under the limits above; see OutboundOptions. Rejects with an OutboundError. */
export async function outboundRequest(target: string, options: OutboundOptions): Promise<OutboundResponse> {
  const list = allowList(options.allow ?? []);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let url = parseTarget(target);
  let method = options.method ?? 'GET';
  let body = options.body;
  const headers: Record<string, string> = { 'user-agent': 'Herald', ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
  if (options.readBody !== false) headers['accept-encoding'] ??= 'gzip, deflate, br';

  let request: ClientRequest | null = null;
  let response: IncomingMessage | null = null;
  let expired: OutboundError | null = null;
  const deadline = setTimeout(() => {
    expired = new OutboundError('TIMEOUT', `${url.host} did not answer within ${timeoutMs} ms`);
    response?.destroy(expired);
    request?.destroy(expired);
  }, timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      else delete headers['content-length'];
      response = null;
      response = await send(url, { method, headers, body }, list, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, (r) => (request = r));
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location && maxRedirects > 0) {
        response.destroy();
        if (redirects >= maxRedirects) throw new OutboundError('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects from ${parseTarget(target).host}`);
        const next = parseTarget(location, url);
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        if (next.origin !== url.origin) {
          delete headers.authorization;
          delete headers.cookie;
        }
        url = next;
        continue;
      }
      const answer = response;
      const data = options.readBody === false ? (answer.destroy(), Buffer.alloc(0)) : await readBody(answer, options.maxBytes, url.host);
      const finalUrl = url.toString();
      return {
        status,
        statusText: answer.statusMessage ?? '',
        ok: status >= 200 && status < 300,
        url: finalUrl,
        headers: answer.headers,
        header(name) {
          const value = answer.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body: data,
        // As fetch reads it: UTF-8, a byte-order mark dropped.
        text: () => new TextDecoder().decode(data),
      };
    }
  } catch (error) {
    if (expired) throw expired;
    if (error instanceof OutboundError) throw error;
    throw new OutboundError('NETWORK', `${url.host}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    clearTimeout(deadline);
  }
}
