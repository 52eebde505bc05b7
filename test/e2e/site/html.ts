import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

type Element = ReturnType<typeof findAll>[number];

/** A parsed page with the few queries the site tests need: by tag and attributes, in document order. */
export function parseHtml(html: string) {
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const all = (tag: string, attrs: Record<string, string | RegExp> = {}): Element[] =>
    findAll(
      (el) =>
        el.name === tag &&
        Object.entries(attrs).every(([name, want]) => {
          const value = getAttributeValue(el, name);
          return value !== undefined && (typeof want === 'string' ? value === want : want.test(value));
        }),
      document.children,
    );
  const one = (tag: string, attrs: Record<string, string | RegExp> = {}): Element => {
    const found = all(tag, attrs);
    if (found.length === 0) throw new Error(`no <${tag}> with ${JSON.stringify(attrs, (_, v) => (v instanceof RegExp ? String(v) : v))}`);
    return found[0];
  };
  const attr = (el: Element, name: string) => getAttributeValue(el, name);
  const text = (el: Element) => textContent(el).replace(/\s+/g, ' ').trim();
  const meta = (property: string) => attr(one('meta', property.startsWith('og:') || property.startsWith('article:') ? { property } : { name: property }), 'content');
  const jsonLd = (): Array<Record<string, any>> => all('script', { type: 'application/ld+json' }).map((s) => JSON.parse(textContent(s)));
  const position = (el: Element) => el.startIndex ?? -1;
  /** The `tag` elements inside `container`. */
  const within = (container: Element, tag: string) => all(tag).filter((el) => position(el) > position(container) && position(el) < (container.endIndex ?? -1));
  return { document, all, one, attr, text, meta, jsonLd, position, within };
}
