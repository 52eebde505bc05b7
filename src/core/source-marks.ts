/**
 * Source marks: query parameters on a link to the site that only say where the reader found
 * the link. Herald's own are `?ref=` (Ghost's convention: one short parameter, a newsletter's
 * ending in `-newsletter`); campaign links editors make themselves carry `utm_*`. The page is
 * the same with or without them: the beacon reads them in the browser, and the page cache and
 * canonical addresses leave them out.
 */
export const SOURCE_MARK = 'ref';
const MARKS = new Set([SOURCE_MARK, 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']);

/**
 * `url` with `?ref=source` when it is a link to the site at `baseUrl`; links elsewhere, and links
 * that already say where they come from (an editor's campaign link), are left as they are.
 */
export function markSource(url: string, baseUrl: string, source: string): string {
  let link: URL;
  try {
    link = new URL(url);
  } catch {
    return url;
  }
  if (link.origin !== new URL(baseUrl).origin || link.searchParams.has(SOURCE_MARK) || link.searchParams.has('utm_source')) return url;
  link.searchParams.set(SOURCE_MARK, source);
  return link.href;
}

/** Every `href` of sanitized HTML that leads to the site, marked as markSource marks one link. */
export function markSourceInHtml(html: string, baseUrl: string, source: string): string {
  return html.replace(/\shref="([^"]*)"/gi, (all, url: string) => {
    const written = url.replace(/&amp;/g, '&');
    const link = markSource(written, baseUrl, source);
    return link === written ? all : ` href="${link.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  });
}

/** A request's path and query without its source marks (`/en/x?ref=fediverse&page=2` → `/en/x?page=2`), the rest as it was written. */
export function withoutSourceMarks(pathAndQuery: string): string {
  const start = pathAndQuery.indexOf('?');
  if (start === -1) return pathAndQuery;
  const parts = pathAndQuery.slice(start + 1).split('&');
  const kept = parts.filter((part) => !MARKS.has(part.split('=')[0]));
  if (kept.length === parts.length) return pathAndQuery;
  return kept.length ? `${pathAndQuery.slice(0, start)}?${kept.join('&')}` : pathAndQuery.slice(0, start);
}
