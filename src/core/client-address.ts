import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Which hops of X-Forwarded-For may be believed: false for none. */
export type ProxyTrust = false | ((address: string, hop: number) => boolean);

/**
 * HERALD_TRUST_PROXY as one function, given to Fastify (request.ip) and used by the paths that
 * answer before Fastify sees a request, so both read the same client address.
 */
export function proxyTrust(setting: boolean | number | string[]): ProxyTrust {
  if (setting === false) return false;
  if (setting === true) return () => true;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting);
}

/** The client's address as Fastify's request.ip reads it under the same trust. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  return trust ? proxyAddr(request, trust) : request.socket.remoteAddress ?? '';
}
