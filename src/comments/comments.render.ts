import sanitizeHtml from 'sanitize-html';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

function linkify(escaped: string): string {
  return escaped.replace(LINK, (url) => `<a href="${url}" rel="nofollow ugc">${url}</a>`);
}

// The last word on what leaves the server: paragraphs, line breaks and links, nothing else.
const OUTPUT_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc' } }) },
};

/**
 * A comment as HTML. Readers type plain text: everything is escaped first, so markup they
 * wrote (`<script>`, `<b>`) shows as the characters they typed; then blank lines make
 * paragraphs and web addresses become links marked `rel="nofollow ugc"` (no reward for link spam).
 */
export function renderCommentBody(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br />')}</p>`);
  return sanitizeHtml(paragraphs.join(''), OUTPUT_POLICY);
}

/** The text compared to spot the same comment posted again: case, spacing and punctuation folded. */
export function normalizedForRepeats(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

/**
 * Herald stores what a reader typed, as plain text; a comment written elsewhere (WordPress, the
 * fediverse) came as HTML. Its blocks stay apart: a heading, list item or table cell that ended
 * without a line break would otherwise run into the next word ("TitleDefinition").
 */
export function commentTextFromHtml(html: string): string {
  const text = html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:li|dt|dd|tr|div|figcaption|caption)>\s*/gi, '\n')
    .replace(/<\/(?:p|h[1-6]|blockquote|ul|ol|dl|table|pre|address|figure)>\s*/gi, '\n\n')
    .replace(/<\/t[dh]>[ \t]*/gi, ' ');
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
