/**
 * WordPress's ways of storing things, turned into Herald's: paragraphs that WordPress adds
 * only when it displays a post (wpautop), `[caption]` shortcodes, its two date columns,
 * its statuses and Yoast's title templates. Pure functions.
 */
import type { ArticleStatus } from '../../content/articles.types.js';

const BLOCK = /^<\/?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|hr|dl|dt|dd|section|aside|address|form|!--)[\s>/]/i;

/** `[caption id="…" align="…"]<img …/> Text[/caption]` → a figure with its caption. */
export function captionsToFigures(html: string): string {
  return html.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, (_all, inner: string) => {
    const match = inner.match(/^\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i);
    if (!match) return inner;
    const caption = match[2].trim();
    return `<figure>${match[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
}

/**
 * Paragraphs from blank lines, as WordPress renders a classic-editor post; content already
 * made of blocks (Gutenberg, or hand-written `<p>`) keeps its structure.
 */
export function autop(html: string): string {
  const text = html.replace(/\r\n?/g, '\n').trim();
  if (!text) return '';
  if (/<p[\s>]/i.test(text) || /<!-- wp:/.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br />\n')}</p>`))
    .join('\n');
}

export function wordpressBody(content: string): string {
  return autop(captionsToFigures(content));
}

/** `2010-10-16 20:53:18` as stored by WordPress (UTC in the *_gmt column) → ISO, or null. */
export function wordpressDate(value: string): string | null {
  const match = value.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/);
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function rfc822Date(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type StatusDecision = { status: ArticleStatus; note?: string } | { skip: string };

/** What a WordPress status becomes; password-protected posts are not made public. */
export function statusFor(wpStatus: string, password: string, date: string | null, now: string): StatusDecision {
  switch (wpStatus) {
    case 'publish':
      return password ? { status: 'draft', note: 'password-protected in WordPress: imported as a draft' } : { status: 'published' };
    case 'future':
      return date && date > now ? { status: 'scheduled' } : { status: 'published' };
    case 'draft':
    case 'pending':
      return { status: 'draft' };
    case 'private':
      return { status: 'draft', note: 'private in WordPress: imported as a draft' };
    case 'trash':
      return { skip: "in WordPress's trash" };
    case 'auto-draft':
      return { skip: 'an auto-draft WordPress saved by itself' };
    default:
      return { skip: `unknown WordPress status "${wpStatus || '(none)'}"` };
  }
}

/** Yoast's title template with its variables filled (`%%title%% %%sep%% %%sitename%%`). */
export function yoastText(template: string, values: { title: string; sitename: string; excerpt: string }): string {
  return template
    .replace(/%%title%%/g, values.title)
    .replace(/%%sitename%%/g, values.sitename)
    .replace(/%%excerpt%%/g, values.excerpt)
    .replace(/%%sep%%/g, '–')
    .replace(/%%[a-z_]+%%/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s–|-]+|[\s–|-]+$/g, '')
    .trim();
}

/** The path and query of a URL found in the export (`<link>`, `<guid>`), or null. */
export function pathOf(url: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, 'http://wordpress.invalid');
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}
