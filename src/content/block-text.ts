/**
 * A body's text as a reader sees its blocks: one line per paragraph, heading, list item,
 * quote or table cell. Reading the HTML's text without those boundaries ran the last word of
 * one paragraph into the first of the next ("chiffresselon"), which tag suggestions and the
 * revision comparison then treated as one word. Pictures' captions (where credits live) are
 * left out unless asked for: they name photographers and agencies, not what the story is
 * about. Plain string work on sanitized HTML, so the admin in the browser and the server
 * share it.
 */
const BLOCK_BOUNDARY = /<\/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|div|aside|figure|figcaption|table|caption|tr|td|th|br|hr)\b[^>]*>/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function blockText(html: string, { captions = false }: { captions?: boolean } = {}): string {
  const kept = captions ? html : html.replace(/<figcaption\b[\s\S]*?<\/figcaption>/gi, '\n');
  return decodeEntities(kept.replace(BLOCK_BOUNDARY, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
