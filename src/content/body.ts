import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { EmbedProvider } from './embeds.js';

export type BodyFormat = 'html' | 'markdown';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

// The classes Herald's own body markup uses, and no others: a class from the site's or the
// admin's stylesheet would let a body pass for part of the page around it (a fake notice,
// text hidden from sight). Embed cards (embeds.ts, the editor's EmbedCard), a code block's
// language (the editor's code blocks, Markdown fences), a picture's alignment, a gallery and a
// picture's credit in its caption (the editor's Figure) are all there is.
const EMBED_PROVIDERS: Record<EmbedProvider, true> = { youtube: true, vimeo: true, x: true, mastodon: true };
/** A picture beside the text at its start or end side (floated), or centred on its own line. */
export const PICTURE_ALIGNMENTS = ['align-start', 'align-end', 'align-center'] as const;
const BODY_CLASSES: sanitizeHtml.IOptions['allowedClasses'] = {
  aside: ['embed', ...Object.keys(EMBED_PROVIDERS).map((provider) => `embed-${provider}`)],
  code: [/^language-[\w+#.-]{1,40}$/],
  img: [...PICTURE_ALIGNMENTS],
  // A gallery: pictures side by side (WordPress's [gallery]).
  figure: [...PICTURE_ALIGNMENTS, 'gallery'],
  small: ['credit'],
};

/**
 * Every id a body keeps starts with this: the page around a body never gives an element an id
 * that does, so a heading id from an imported body (`comments`, `main`) cannot take the place
 * of one of the page's own and break its links and scripts.
 */
export const BODY_ID_PREFIX = 'h-';

/**
 * The id a heading keeps, or null: letters, digits, `-` and `_` only (anything else becomes a
 * `-`), at most 80 characters, prefixed. Idempotent, so a stored body sanitized again is unchanged.
 */
export function headingId(raw: string): string | null {
  const safe = raw.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (!safe) return null;
  return (safe.startsWith(BODY_ID_PREFIX) ? safe : `${BODY_ID_PREFIX}${safe}`).slice(0, 80);
}

/** A heading keeps a safe id (for in-page links to it); `h1` is the page's title and becomes `h2`. */
const heading: sanitizeHtml.Transformer = (tagName, attribs) => {
  const { id, ...rest } = attribs;
  const kept = id ? headingId(id) : null;
  return { tagName: tagName === 'h1' ? 'h2' : tagName, attribs: kept ? { ...rest, id: kept } : rest };
};

// What a story body may contain: structure, emphasis, links, images with captions, tables,
// audio (a podcast's episode: a player and its address, loading nothing before the reader
// presses play). Scripts, styles, event handlers and frames never survive.
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'small',
    'a', 'blockquote', 'q', 'cite', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'img', 'picture', 'source',
    'code', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'abbr', 'time', 'span', 'div', 'aside',
    'audio',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'hreflang', 'lang'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['srcset', 'src', 'type', 'media', 'sizes'],
    audio: ['src', 'controls', 'preload', 'data-type', 'data-length'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    time: ['datetime'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    blockquote: ['cite', 'lang'],
    '*': ['lang', 'dir'],
  },
  allowedClasses: BODY_CLASSES,
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], audio: ['http', 'https'], source: ['http', 'https'] },
  allowProtocolRelative: false,
  // Void elements are written without an end tag (`</source>` is a parse error in HTML).
  selfClosing: ['img', 'br', 'hr', 'source'],
  transformTags: {
    // A picture pasted or imported without a description says so (alt=""), rather than leave
    // screen readers to read out its file name; the editor asks for a real one.
    img: (tagName, attribs) => ({ tagName, attribs: attribs.alt === undefined ? { ...attribs, alt: '' } : attribs }),
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
    audio: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.src ? { src: attribs.src } : {}),
        controls: '',
        preload: 'none',
        // The episode's MIME type and size in bytes, for the feeds' enclosure; kept only when well-formed.
        ...(/^audio\/[\w.+-]+$/.test(attribs['data-type'] ?? '') ? { 'data-type': attribs['data-type'] } : {}),
        ...(/^[1-9]\d{0,12}$/.test(attribs['data-length'] ?? '') ? { 'data-length': attribs['data-length'] } : {}),
      },
    }),
    h1: heading,
    h2: heading,
    h3: heading,
    h4: heading,
    h5: heading,
    h6: heading,
  },
};

/**
 * In-page links (`href="#the-deal"`) follow their heading's prefixed id (`#h-the-deal`); a link
 * to anything else (`#comments`, the page's own) is left as it is.
 */
function linksToHeadings(html: string): string {
  const ids = new Set([...html.matchAll(/<h[2-6]\b[^>]*\sid="([^"]*)"/g)].map(([, id]) => id));
  if (ids.size === 0) return html;
  return html.replace(/(<a\b[^>]*\shref=")#([^"]*)"/g, (all, start: string, fragment: string) => {
    if (ids.has(fragment)) return all;
    let raw = fragment.replace(/&amp;/g, '&');
    try {
      raw = decodeURIComponent(raw);
    } catch {
      // A malformed escape: compared as written.
    }
    const id = headingId(raw);
    return id && ids.has(id) ? `${start}#${id}"` : all;
  });
}

export function sanitizeBody(html: string): string {
  const clean = sanitizeHtml(html, BODY_POLICY).trim();
  return clean.includes('href="#') ? linksToHeadings(clean) : clean;
}

/** The stored form of a body: Markdown rendered, then everything sanitized. */
export function renderBody(body: string, format: BodyFormat): string {
  return sanitizeBody(format === 'markdown' ? markdown.render(body) : body);
}

const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Plain text of an HTML fragment, whitespace folded: the characters a reader sees, so
 * `&lt;b&gt;` in the HTML is `<b>` here. It is text, not HTML: whatever puts it in HTML or XML
 * escapes it (JSX does; feeds do in feed-formats.ts). sanitize-html leaves the text escaped;
 * this undoes that in one pass, so `&amp;lt;` (the characters "&lt;") stays "&lt;".
 */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h\d|li|blockquote|figcaption)>/gi, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ESCAPED[entity])
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short summary: the text up to `max` characters, cut at a word boundary where there is one. */
export function excerptOf(text: string, max = 220): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** The first audio player of a body that says its file's type and size: a podcast episode, as feeds enclose it. */
export function audioEnclosureOf(html: string): { url: string; type: string; length: number } | null {
  for (const [tag] of html.matchAll(/<audio\b[^>]*>/gi)) {
    const attribute = (name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))?.[1];
    const url = attribute('src')?.replace(/&amp;/g, '&');
    const type = attribute('data-type');
    const length = Number(attribute('data-length'));
    if (url && type && Number.isSafeInteger(length) && length > 0) return { url, type, length };
  }
  return null;
}
