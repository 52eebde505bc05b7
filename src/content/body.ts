import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { EmbedProvider } from './embeds.js';

export type BodyFormat = 'html' | 'markdown';

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

// The classes Herald's own body markup uses, and no others: a class from the site's or the
// admin's stylesheet would let a body pass for part of the page around it (a fake notice,
// text hidden from sight). Embed cards (embeds.ts, the editor's EmbedCard) and a code
// block's language (the editor's code blocks, Markdown fences) are all there is.
const EMBED_PROVIDERS: Record<EmbedProvider, true> = { youtube: true, x: true, mastodon: true };
const BODY_CLASSES: sanitizeHtml.IOptions['allowedClasses'] = {
  aside: ['embed', ...Object.keys(EMBED_PROVIDERS).map((provider) => `embed-${provider}`)],
  code: [/^language-[\w+#.-]{1,40}$/],
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
    audio: ['src', 'controls', 'preload'],
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
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
    audio: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.src ? { src: attribs.src } : {}), controls: '', preload: 'none' } }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, BODY_POLICY).trim();
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
