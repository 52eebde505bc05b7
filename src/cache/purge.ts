import { outboundRequest } from '../core/outbound-http.js';
import type { Invalidation } from './page-store.js';

interface Logger {
  warn(object: object, message: string): void;
}

// A CDN that does not answer quickly must not hold up the editor's save for long.
const PURGE_TIMEOUT_MS = 3000;

/**
 * The purge hook: after each write, POSTs `{"keys": [...]}` (or `{"all": true}`) as JSON to the
 * configured URL, which a small adapter turns into the CDN's purge-by-tag call (Fastly
 * Surrogate-Key, Cloudflare Cache-Tag). A failure is logged, never turned into a failed write.
 *
 * Sent through core/outbound-http: only the status is read, redirects are not followed. The
 * URL comes from the environment (HERALD_PURGE_URL), set by whoever sets HERALD_OUTBOUND_ALLOW,
 * so its own host may be a private one (an adapter beside the server) without being listed.
 */
export function purgeHook(url: string, log: Logger) {
  const allow = URL.canParse(url) ? [new URL(url).hostname] : [];
  return async (target: Invalidation): Promise<void> => {
    const body = target.all ? { all: true } : { keys: target.keys };
    if (!target.all && target.keys.length === 0) return;
    try {
      const response = await outboundRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        maxBytes: 0,
        readBody: false,
        maxRedirects: 0,
        allow,
        timeoutMs: PURGE_TIMEOUT_MS,
        connectTimeoutMs: PURGE_TIMEOUT_MS,
      });
      if (!response.ok) log.warn({ status: response.status, url }, 'purge hook answered with an error');
    } catch (error) {
      log.warn({ err: error, url }, 'purge hook unreachable');
    }
  };
}
