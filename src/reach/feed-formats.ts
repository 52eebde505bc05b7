/**
 * The three feed formats Herald writes (RSS 2.0, Atom 1.0, JSON Feed 1.1), from one neutral
 * description of a feed and its entries. Titles, summaries and names arrive as plain text and
 * bodies as sanitized HTML; each format gets them escaped the way it reads them.
 *
 * RSS and Atom are written here rather than by the `feed` package: its XML serializer (xml-js)
 * splits only the first `]]>` of a CDATA section (a second one ends the section and whatever
 * follows becomes markup), turns `&amp;` in text back into `&`, and leaves `<` and `&` raw in
 * attribute values (a tag named `a<b` makes the feed ill-formed). Such faults cannot be worked
 * around from outside the package. JSON has none of them: the package still writes JSON Feed.
 */
import { Feed } from 'feed';
import { perLanguage } from '../content/languages.js';
import { newsLanguage } from './sitemaps.service.js';

export interface FeedPerson {
  name: string;
  url?: string;
}

export interface FeedImage {
  url: string;
  /** A MIME type, `image/jpeg` and so on, when known. */
  type: string | null;
  /** The file's size in bytes, when known. */
  length: number | null;
  alt: string;
}

export interface FeedEntry {
  /** A permanent id (a tag: URI or a URL), never shown. */
  id: string;
  url: string;
  /** Plain text. */
  title: string;
  /** Plain text; empty when there is none. */
  summary: string;
  /** Sanitized HTML, or undefined when the feed carries summaries only. */
  contentHtml?: string;
  published: Date;
  updated: Date;
  authors: FeedPerson[];
  categories: Array<{ name: string; url: string }>;
  image?: FeedImage;
  /** A podcast episode: the story's audio file, with its real size. */
  audio?: FeedAudio;
}

export interface FeedAudio {
  url: string;
  type: string;
  /** Bytes. */
  length: number;
}

export interface FeedChannel {
  /** A permanent id: the page the feed follows. */
  id: string;
  /** Plain text. */
  title: string;
  /** Plain text. */
  description: string;
  /** The page the feed follows. */
  home: string;
  /** BCP 47. */
  language: string;
  /** The newest change shown, never "now": the same entries give the same bytes and ETag. */
  updated: Date;
  /** This feed's own URL in each format it exists in. */
  self: { rss?: string; atom?: string; json?: string };
  copyright: string;
  /** Who publishes the feed: Atom's feed-level author, so that entries without one are authored. */
  publisher: FeedPerson;
}

/**
 * Plain text as HTML that shows the same characters. `<` is always escaped and `&` wherever it
 * could begin a character reference; a lone `&` and `>` stay as they are, so that a reader
 * taking an RSS title for plain text (the RSS specification does not say which it is) still
 * shows "Bill & Ted" rather than "Bill &amp; Ted".
 */
export function textAsHtml(text: string): string {
  return text.replace(/&(?=[\p{L}\p{N}#])/gu, '&amp;').replace(/</g, '&lt;');
}

// Characters XML 1.0 does not allow anywhere, not even as references.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlAttribute(value: string): string {
  // Tabs and line breaks as references: attribute-value normalisation would turn them into spaces.
  return xmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

type Attributes = Record<string, string | number | undefined>;
type Child = XmlNode | string | null | undefined | false;
interface XmlNode {
  name: string;
  attributes: Attributes;
  children: Child[];
}

function el(name: string, attributes: Attributes = {}, ...children: Child[]): XmlNode {
  return { name, attributes, children };
}

function serialize(node: XmlNode, depth = 0): string {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
  const children = node.children.filter((c): c is XmlNode | string => c !== null && c !== undefined && c !== false && c !== '');
  if (children.length === 0) return `${indent}<${node.name}${attributes}/>`;
  // An element holds either text or elements: text stays on the line, without added whitespace.
  if (children.every((c) => typeof c === 'string')) return `${indent}<${node.name}${attributes}>${xmlText(children.join(''))}</${node.name}>`;
  const inner = children.map((c) => (typeof c === 'string' ? `${indent}  ${xmlText(c)}` : serialize(c, depth + 1))).join('\n');
  return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
}

function document(root: XmlNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${serialize(root)}\n`;
}

const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * A BCP 47 tag as RSS states a language: the values of its list (lower case, a language and a
 * region: `en-gb`, `pt-br`) and, for Chinese, `zh-cn` or `zh-tw` by script, as the news sitemap
 * does. Atom and JSON Feed take the BCP 47 tag itself.
 */
export const rssLanguage = perLanguage((language: string): string => {
  try {
    const locale = new Intl.Locale(language);
    if (locale.language === 'zh') return newsLanguage(language);
    return (locale.region ? `${locale.language}-${locale.region}` : locale.language).toLowerCase();
  } catch {
    return language.toLowerCase();
  }
});

/**
 * RSS 2.0: titles and descriptions as HTML (readers render them), the body in content:encoded,
 * authors' names in dc:creator (RSS's own <author> holds an e-mail address, which Herald does
 * not publish).
 */
export function rss2(channel: FeedChannel, entries: FeedEntry[]): string {
  const items = entries.map((entry) =>
    el('item', {},
      el('title', {}, textAsHtml(entry.title)),
      el('link', {}, entry.url),
      el('guid', { isPermaLink: 'false' }, entry.id),
      el('pubDate', {}, entry.published.toUTCString()),
      entry.summary && el('description', {}, textAsHtml(entry.summary)),
      entry.contentHtml !== undefined && el('content:encoded', {}, entry.contentHtml),
      ...entry.authors.map((author) => el('dc:creator', {}, author.name)),
      ...entry.categories.map((category) => el('category', { domain: category.url }, category.name)),
      // An enclosure has exactly url, length (the size in bytes: 0 or a guess misleads readers
      // that fetch or show it) and type: an image whose size is unknown has none. An item has
      // one enclosure at most: a podcast episode's audio before the picture.
      entry.audio
        ? el('enclosure', { url: entry.audio.url, length: entry.audio.length, type: entry.audio.type })
        : entry.image?.length && entry.image.type
          ? el('enclosure', { url: entry.image.url, length: entry.image.length, type: entry.image.type })
          : null,
    ),
  );
  const namespaces = { 'xmlns:atom': ATOM, 'xmlns:content': 'http://purl.org/rss/1.0/modules/content/', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' };
  const root = el('rss', { version: '2.0', ...namespaces },
    el('channel', {},
      el('title', {}, textAsHtml(channel.title)),
      el('link', {}, channel.home),
      el('description', {}, textAsHtml(channel.description || channel.title)),
      el('lastBuildDate', {}, channel.updated.toUTCString()),
      el('docs', {}, 'https://www.rssboard.org/rss-specification'),
      el('generator', {}, 'Herald'),
      el('language', {}, rssLanguage(channel.language)),
      channel.copyright && el('copyright', {}, channel.copyright),
      channel.self.rss && el('atom:link', { href: channel.self.rss, rel: 'self', type: 'application/rss+xml' }),
      ...items,
    ),
  );
  return document(root);
}

/**
 * Atom 1.0 (RFC 4287): entry titles and summaries as escaped HTML (`type="html"`). The publisher
 * is the feed's author: §4.1.1 wants one there unless every entry has its own, and stories from
 * partner feeds or API tokens without a user have none.
 */
export function atom1(channel: FeedChannel, entries: FeedEntry[]): string {
  const person = (p: FeedPerson) => el('author', {}, el('name', {}, p.name), p.url && el('uri', {}, p.url));
  const root = el('feed', { xmlns: ATOM, 'xml:lang': channel.language },
    el('id', {}, channel.id),
    el('title', {}, channel.title),
    channel.description && el('subtitle', {}, channel.description),
    el('updated', {}, channel.updated.toISOString()),
    el('generator', {}, 'Herald'),
    el('link', { rel: 'alternate', type: 'text/html', href: channel.home }),
    channel.self.atom && el('link', { rel: 'self', type: 'application/atom+xml', href: channel.self.atom }),
    channel.copyright && el('rights', {}, channel.copyright),
    person(channel.publisher),
    ...entries.map((entry) =>
      el('entry', {},
        el('title', { type: 'html' }, textAsHtml(entry.title)),
        el('id', {}, entry.id),
        el('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
        el('published', {}, entry.published.toISOString()),
        el('updated', {}, entry.updated.toISOString()),
        entry.summary && el('summary', { type: 'html' }, textAsHtml(entry.summary)),
        entry.contentHtml !== undefined && el('content', { type: 'html' }, entry.contentHtml),
        ...entry.authors.map(person),
        ...entry.categories.map((category) => el('category', { term: category.name, label: category.name })),
        entry.image && el('link', { rel: 'enclosure', href: entry.image.url, type: entry.image.type ?? undefined, length: entry.image.length ?? undefined, title: entry.image.alt || undefined }),
        entry.audio && el('link', { rel: 'enclosure', href: entry.audio.url, type: entry.audio.type, length: entry.audio.length }),
      ),
    ),
  );
  return document(root);
}

/**
 * JSON Feed 1.1, written by the `feed` package and brought from the 1.0 it writes to 1.1:
 * `language`; `authors`, every one of them (the package writes 1.0's single `author`, only the
 * first of a list, and fails on an empty list); the publisher as the feed's author; and
 * `content_text` where a feed carries summaries only (an excerpt is text, and `content_html`
 * would have a reader render it).
 */
export function jsonFeed(channel: FeedChannel, entries: FeedEntry[]): string {
  const feed = new Feed({
    id: channel.id,
    title: channel.title,
    description: channel.description,
    link: channel.home,
    language: channel.language,
    updated: channel.updated,
    generator: 'Herald',
    copyright: channel.copyright,
    feedLinks: channel.self,
  });
  for (const entry of entries) {
    feed.addItem({
      id: entry.id,
      title: entry.title,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: entry.summary || undefined,
      content: entry.contentHtml,
      category: entry.categories.map((c) => ({ name: c.name })),
      image: entry.image?.url,
    });
  }
  const written = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  const authors = (people: FeedPerson[]) => people.map((p) => (p.url ? { name: p.name, url: p.url } : { name: p.name }));
  const upgraded = {
    ...written,
    version: 'https://jsonfeed.org/version/1.1',
    authors: authors([channel.publisher]),
    language: channel.language,
    items: written.items.map(({ content_html, ...rest }, index) => ({
      ...rest,
      ...(entries[index].contentHtml !== undefined ? { content_html } : { content_text: entries[index].summary }),
      language: channel.language,
      ...(entries[index].authors.length ? { authors: authors(entries[index].authors) } : {}),
      ...(entries[index].audio
        ? { attachments: [{ url: entries[index].audio!.url, mime_type: entries[index].audio!.type, size_in_bytes: entries[index].audio!.length }] }
        : {}),
    })),
  };
  return JSON.stringify(upgraded, null, 2);
}
