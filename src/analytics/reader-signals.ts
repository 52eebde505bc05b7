import type { IncomingHttpHeaders } from 'node:http';
import { isbot } from 'isbot';

/** What a request says about the reader behind it, read from its headers alone. */

export type DeviceClass = 'desktop' | 'mobile' | 'tablet' | 'other';

// The three classes editors ask about need three patterns, not a full parser (ua-parser-js 2
// is AGPL, which an MIT project cannot ship). iPadOS reports a Mac, so a Mac is a desktop.
const TABLET = /iPad|Tablet|Kindle|Silk|PlayBook|Nexus (?:7|9|10)|SM-T\d|Android(?!.*Mobile)/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i;
const DESKTOP = /Windows NT|Macintosh|X11|CrOS|Linux x86_64/i;

export function deviceOf(userAgent: string): DeviceClass {
  if (TABLET.test(userAgent)) return 'tablet';
  if (MOBILE.test(userAgent)) return 'mobile';
  if (DESKTOP.test(userAgent)) return 'desktop';
  return 'other';
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(',') : value ?? '').trim();
}

export function userAgentOf(headers: IncomingHttpHeaders): string {
  return header(headers, 'user-agent');
}

/** Crawlers, monitors, scripts: no user agent at all, or one that says it is a robot. */
export function isAutomated(userAgent: string): boolean {
  return userAgent === '' || isbot(userAgent);
}

/** A page fetched ahead in case the reader goes there (Sec-Purpose, Purpose, X-Moz, X-Purpose). */
export function isPrefetch(headers: IncomingHttpHeaders): boolean {
  return ['sec-purpose', 'purpose', 'x-purpose', 'x-moz'].some((name) => /prefetch|preview|prerender/i.test(header(headers, name)));
}

/** Global Privacy Control or Do Not Track: the view counts, the reader is not recognised. */
export function declinesTracking(headers: IncomingHttpHeaders): boolean {
  return header(headers, 'sec-gpc') === '1' || header(headers, 'dnt') === '1';
}
