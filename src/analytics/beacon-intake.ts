import type { IncomingHttpHeaders } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { networkOf, normalizeIp } from '../comments/network.js';
import { AppError, invalid } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { findSession } from '../people/sessions.service.js';
import type { Beacon } from './beacon.js';
import type { CountedPages } from './counted-pages.js';
import { countryOf } from './countries.js';
import { declinesTracking, deviceOf, isAutomated, isPrefetch, userAgentOf } from './reader-signals.js';
import type { ViewRecorder } from './recorder.js';

/** Who sent a beacon, as the request says. */
export interface BeaconSender {
  /** The client's address (the forwarded one only behind a proxy HERALD_TRUST_PROXY names). */
  ip: string;
  headers: IncomingHttpHeaders;
  /** The admin session cookie's value, when the request carries one. */
  sessionToken?: string;
}

interface IntakeOptions {
  database: Database;
  recorder: ViewRecorder;
  pages: CountedPages;
  /** Whether analytics are on and the site's languages, as the settings say now. */
  site: () => Promise<{ analytics: boolean; languages: string[] }>;
  now: () => number;
  ratePerMinute: number;
}

/**
 * What happens to a beacon once read, the same whichever way it came in: Fastify's routes, or
 * the listening server's fast path (analytics.site.ts). The per-network limit lives here rather
 * than in a Fastify plugin so that both ways share one count.
 */
export function beaconIntake({ database, recorder, pages, site, now, ratePerMinute }: IntakeOptions) {
  // Counted in this process's memory even with Redis: a beacon must not wait for a round trip.
  const limiter = new RateLimiterMemory({ points: ratePerMinute, duration: 60 });

  /** The beacon's claims checked against what is stored: a published article in that language and of that kind. */
  async function checked(beacon: Beacon, languages: string[]): Promise<Beacon> {
    if (beacon.article === 0) {
      if (!languages.includes(beacon.language)) throw invalid([{ field: 'language', message: `must be one of the site's languages (${languages.join(', ')})` }]);
      return beacon;
    }
    const article = await pages.article(beacon.article);
    if (!article) throw invalid([{ field: 'article', message: 'names no published story or page' }]);
    if (article.language !== beacon.language) throw invalid([{ field: 'language', message: `must be the article's language (${article.language})` }]);
    if (article.kind !== beacon.kind) throw invalid([{ field: 'kind', message: `must be the article's kind (${article.kind})` }]);
    return beacon;
  }

  /** Nothing counts from robots, prefetches and the site's own people (a valid admin session). */
  async function countsNothing(sender: BeaconSender, userAgent: string): Promise<boolean> {
    if (isAutomated(userAgent) || isPrefetch(sender.headers)) return true;
    return !!sender.sessionToken && (await findSession(database.db, sender.sessionToken)) !== null;
  }

  return {
    /** Refuses before the body is read: 404 while analytics are off, 429 past the network's limit. */
    async admit(ip: string): Promise<void> {
      if (!(await site()).analytics) throw new AppError('NOT_FOUND', 'Analytics are switched off on this site.');
      try {
        await limiter.consume(networkOf(ip));
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw new AppError('RATE_LIMITED', undefined, { details: { retryAfter: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) } });
      }
    },

    /** Checks a read beacon against what is stored (a 400 naming the field) and counts it unless it counts nothing. */
    async record(beacon: Beacon, sender: BeaconSender): Promise<void> {
      const valid = await checked(beacon, (await site()).languages);
      const userAgent = userAgentOf(sender.headers);
      if (await countsNothing(sender, userAgent)) return;
      const ownHost = sender.headers.host?.toLowerCase();
      await recorder.count({
        // Moving from page to page of the site is no referral.
        beacon: valid.referrer === ownHost ? { ...valid, referrer: '' } : valid,
        device: deviceOf(userAgent),
        country: countryOf(sender.ip),
        reader: declinesTracking(sender.headers) ? null : { ip: normalizeIp(sender.ip), userAgent },
        at: now(),
      });
    },
  };
}

/** Seconds a refused sender should wait, for the Retry-After header of a 429 from `admit`. */
export function retryAfterOf(error: unknown): number | undefined {
  const seconds = error instanceof AppError && error.code === 'RATE_LIMITED' ? error.details?.retryAfter : undefined;
  return typeof seconds === 'number' ? seconds : undefined;
}
