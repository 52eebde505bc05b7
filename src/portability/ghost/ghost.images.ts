/**
 * Ghost's addresses of its own files. A Ghost export names its pictures, and its other files
 * (`/content/media/…`, `/content/files/…`), relative to the site: `__GHOST_URL__/content/images/…`
 * (Ghost 4 and later), or `/content/images/…` (older exports). Here they would answer 404, so they
 * become the old site's absolute addresses (`--site-url`), and with `--download-media` pictures
 * are copied into the media library. Links to the site's own pages (`__GHOST_URL__/slug/`) become
 * site paths, where the old addresses redirect to the imported stories. Pure; no I/O.
 */

const GHOST_URL = '__GHOST_URL__';
/** The attributes that hold addresses in Ghost's HTML (srcset holds several). */
const URL_ATTRIBUTE = /(\s(?:src|href|srcset|poster)\s*=\s*)(["'])([\s\S]*?)\2/gi;

/** The old site's address as given (`https://old.example/`, `https://old.example/blog`), without the trailing slash. */
export function normalizeSiteUrl(input: string): string | null {
  if (!URL.canParse(input)) return null;
  const url = new URL(input);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isContent(path: string): boolean {
  return /^\/content\//.test(path);
}

/**
 * An address from the export as it should be stored: a file of the old site made absolute
 * (null when the old site's address is not known), a page of the old site made a site path.
 */
export function ghostUrl(value: string, siteUrl: string | null): string | null {
  const url = value.trim();
  if (url.startsWith(GHOST_URL)) {
    const rest = url.slice(GHOST_URL.length);
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    if (isContent(path)) return siteUrl ? `${siteUrl}${path}` : null;
    // A Ghost installed under a path (`https://old.example/blog`) had its pages there too.
    return `${siteUrl ? new URL(siteUrl).pathname.replace(/\/+$/, '') : ''}${path}`;
  }
  if (isContent(url)) return siteUrl ? `${siteUrl}${url}` : null;
  return url;
}

/** `src="…"`, `srcset="a 600w, b 1000w"`: each address rewritten, or reported when it cannot be. */
export function rewriteGhostUrls(html: string, siteUrl: string | null): { html: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const one = (value: string) => {
    const url = ghostUrl(value, siteUrl);
    if (url === null) unresolved.push(value.trim());
    return url ?? value;
  };
  const rewritten = html.replace(URL_ATTRIBUTE, (_all, start: string, quote: string, value: string) => {
    const name = start.trim().split(/\s*=/)[0].toLowerCase();
    const next =
      name === 'srcset'
        ? value
            .split(',')
            .map((candidate) => candidate.trim().replace(/^\S+/, (url) => one(url)))
            .join(', ')
        : one(value);
    return `${start}${quote}${next}${quote}`;
  });
  return { html: rewritten, unresolved };
}

/** Whether an `<img>` address is one of the old site's pictures (what `--download-media` copies). */
export function isOldSitePicture(src: string, siteUrl: string): boolean {
  return src.startsWith(`${siteUrl}/content/images/`);
}
