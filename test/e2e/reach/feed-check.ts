import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import sax from 'sax';

const HERE = new URL('.', import.meta.url).pathname;

export interface ReaderText {
  value: string;
  type: string;
}

export interface ReaderLink {
  rel: string | null;
  href: string | null;
  type: string | null;
  length: string | null;
}

/** What Debian's feedparser reads from a feed (see feed_reader.py). */
export interface ReaderView {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  namespaces: Record<string, string>;
  feed: {
    title: ReaderText | null;
    subtitle: ReaderText | null;
    link: string | null;
    links: ReaderLink[];
    language: string | null;
    generator: string | null;
    authors: string[];
  };
  entries: Array<{
    id: string;
    title: ReaderText | null;
    summary: ReaderText | null;
    content: ReaderText[];
    link: string | null;
    links: ReaderLink[];
    authors: string[];
    author: string | null;
    enclosures: Array<{ href: string; type: string | null; length: string | null }>;
    tags: string[];
    published: string | null;
    updated: string | null;
  }>;
}

export function readFeed(text: string): ReaderView {
  const dir = mkdtempSync(join(tmpdir(), 'herald-feed-'));
  try {
    const path = join(dir, 'feed');
    writeFileSync(path, text);
    return JSON.parse(execFileSync('/usr/bin/python3', [join(HERE, 'feed_reader.py'), path], { encoding: 'utf8' })) as ReaderView;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a reader shows of a text: HTML is parsed (by htmlparser2, as a browser would) into the
 * elements it would render and the characters it would display; plain text is shown as it is.
 */
export function shown(text: { value: string; type: string } | null | undefined): { text: string; elements: string[] } {
  if (!text) return { text: '', elements: [] };
  if (!/html/.test(text.type)) return { text: text.value, elements: [] };
  const document = parseDocument(text.value);
  return { text: textContent(document), elements: findAll(() => true, document.children).map((e) => e.name) };
}

/** Plain text of an HTML fragment as a browser shows it, whitespace folded. */
export function htmlText(html: string): string {
  return textContent(parseDocument(html.replace(/<\/(p|h\d|li|blockquote|figcaption)>/gi, '$& '))).replace(/\s+/g, ' ').trim();
}

export interface XmlElement {
  /** Namespace URI and local name, `{uri}local`, or the bare local name without a namespace. */
  key: string;
  name: string;
  local: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA), entity references resolved. */
  text: string;
  parent: XmlElement | null;
}

/** A namespace-aware parse by a strict XML parser (sax); throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true });
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  parser.onerror = (error) => {
    throw new Error(`not well-formed XML: ${error.message}`);
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      attributes[attribute.uri && attribute.prefix !== 'xml' ? `{${attribute.uri}}${attribute.local}` : attribute.name] = attribute.value;
    }
    const element: XmlElement = {
      key: tag.uri ? `{${tag.uri}}${tag.local}` : tag.local,
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: '',
      parent: current,
    };
    if (current) current.children.push(element);
    else root = element;
    current = element;
  };
  parser.ontext = (text) => {
    if (current) current.text += text;
  };
  parser.oncdata = (text) => {
    if (current) current.text += text;
  };
  parser.onclosetag = () => {
    current = current?.parent ?? null;
  };
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `element` with this key (`{uri}local` or a bare local name). */
export function childrenOf(element: XmlElement, key: string): XmlElement[] {
  return element.children.filter((c) => c.key === key);
}

// ---------------------------------------------------------------------------------------------
// Strict checks of the three formats, written from their specifications: each returns the list
// of what breaks a MUST (or, where noted, a SHOULD Herald keeps), empty for a clean feed.

const RSS_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const MIME = /^[a-z]+\/[a-z0-9!#$&^_.+-]+$/;
const EMAIL = /^[^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const HTTP_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/;
const DC = 'http://purl.org/dc/elements/1.1/';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
// Types no registry has, which readers guess at: image/jpg is the common one.
const UNREGISTERED_TYPES = new Set(['image/jpg', 'image/pjpeg', 'image/x-png']);

function isRfc822(value: string): boolean {
  const match = RSS_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.parse(value));
  if (Number.isNaN(date.getTime())) return false;
  // The day of the week must be the date's.
  return match[8] !== 'GMT' || date.toUTCString().slice(0, 3) === match[1];
}

function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** Language values the RSS specification allows: its list (`zh-tw`, `en-us`) and lower-case W3C tags of a language and a region. */
export function isRssLanguage(value: string): boolean {
  if (!/^[a-z]{2,3}(-[a-z]{2}|-\d{3})?$/.test(value)) return false;
  if (value.startsWith('zh')) return value === 'zh-cn' || value === 'zh-tw';
  return isLanguageTag(value);
}

function once(problems: string[], where: string, parent: XmlElement, key: string, required: boolean): XmlElement | undefined {
  const found = childrenOf(parent, key);
  if (found.length > 1) problems.push(`${where}: more than one <${key}>`);
  if (required && found.length === 0) problems.push(`${where}: no <${key}>`);
  return found[0];
}

const RSS_CHANNEL_ELEMENTS = new Set(['title', 'link', 'description', 'language', 'copyright', 'managingEditor', 'webMaster', 'pubDate', 'lastBuildDate', 'category', 'generator', 'docs', 'cloud', 'ttl', 'image', 'rating', 'textInput', 'skipHours', 'skipDays', 'item']);
const RSS_ITEM_ELEMENTS = new Set(['title', 'link', 'description', 'author', 'category', 'comments', 'enclosure', 'guid', 'pubDate', 'source']);

/** RSS 2.0 (rssboard.org/rss-specification), with the Best Practices Profile where noted. */
export function checkRss(xml: string, selfUrl: string): string[] {
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [String(error)];
  }
  if (root.key !== 'rss' || root.attributes.version !== '2.0') return ['the root is not <rss version="2.0">'];
  const channels = childrenOf(root, 'channel');
  if (channels.length !== 1) return ['<rss> must hold exactly one <channel>'];
  const channel = channels[0];
  for (const child of channel.children) {
    if (!child.uri && !RSS_CHANNEL_ELEMENTS.has(child.local)) problems.push(`channel: <${child.local}> is not an RSS 2.0 element`);
    if (!child.uri && child.local !== 'category' && child.local !== 'item' && childrenOf(channel, child.key).length > 1) problems.push(`channel: more than one <${child.local}>`);
  }
  for (const key of ['title', 'link', 'description']) {
    const element = once(problems, 'channel', channel, key, true);
    if (element && !element.text.trim()) problems.push(`channel: <${key}> is empty`);
  }
  const link = childrenOf(channel, 'link')[0];
  if (link && !HTTP_URL.test(link.text)) problems.push(`channel: <link> ${link.text} is not a URL`);
  const language = childrenOf(channel, 'language')[0];
  if (language && !isRssLanguage(language.text)) problems.push(`channel: <language> "${language.text}" is not an RSS language value`);
  for (const key of ['pubDate', 'lastBuildDate']) {
    const date = childrenOf(channel, key)[0];
    if (date && !isRfc822(date.text)) problems.push(`channel: <${key}> "${date.text}" is not an RFC 822 date`);
  }
  const ttl = childrenOf(channel, 'ttl')[0];
  if (ttl && !/^\d+$/.test(ttl.text)) problems.push('channel: <ttl> is not a number of minutes');
  const docs = childrenOf(channel, 'docs')[0];
  if (docs && !HTTP_URL.test(docs.text)) problems.push('channel: <docs> is not a URL');
  // Best Practices Profile: an atom:link rel="self" names the feed's own URL.
  const self = childrenOf(channel, `{${ATOM_NS}}link`).filter((l) => l.attributes.rel === 'self');
  if (self.length !== 1) problems.push('channel: no single <atom:link rel="self">');
  else if (self[0].attributes.href !== selfUrl || self[0].attributes.type !== 'application/rss+xml') problems.push(`channel: <atom:link rel="self"> is ${JSON.stringify(self[0].attributes)}, not ${selfUrl}`);
  const guids = new Set<string>();
  for (const [index, item] of childrenOf(channel, 'item').entries()) {
    const where = `item ${index + 1}`;
    for (const child of item.children) {
      if (!child.uri && !RSS_ITEM_ELEMENTS.has(child.local)) problems.push(`${where}: <${child.local}> is not an RSS 2.0 item element`);
      if (!child.uri && child.local !== 'category' && childrenOf(item, child.key).length > 1) problems.push(`${where}: more than one <${child.local}>`);
      if (child.key === `{${DC}}creator` && !child.text.trim()) problems.push(`${where}: empty <dc:creator>`);
    }
    const title = childrenOf(item, 'title')[0];
    const description = childrenOf(item, 'description')[0];
    if (!title?.text.trim() && !description?.text.trim()) problems.push(`${where}: neither a title nor a description`);
    const itemLink = childrenOf(item, 'link')[0];
    if (itemLink && !HTTP_URL.test(itemLink.text)) problems.push(`${where}: <link> is not a URL`);
    const comments = childrenOf(item, 'comments')[0];
    if (comments && !HTTP_URL.test(comments.text)) problems.push(`${where}: <comments> is not a URL`);
    for (const author of childrenOf(item, 'author')) {
      // "Email address of the author of the item", optionally followed by a name in parentheses.
      if (!/^\S+@\S+( \(.+\))?$/.test(author.text) || !EMAIL.test(author.text.split(' ')[0])) problems.push(`${where}: <author> "${author.text}" is not an e-mail address`);
    }
    const guid = childrenOf(item, 'guid')[0];
    if (guid) {
      const permalink = guid.attributes.isPermaLink ?? 'true';
      if (permalink !== 'true' && permalink !== 'false') problems.push(`${where}: isPermaLink is "${permalink}"`);
      if (permalink === 'true' && !HTTP_URL.test(guid.text)) problems.push(`${where}: a permalink <guid> that is not a URL`);
      if (guids.has(guid.text)) problems.push(`${where}: the <guid> of an earlier item`);
      guids.add(guid.text);
    }
    const pubDate = childrenOf(item, 'pubDate')[0];
    if (pubDate && !isRfc822(pubDate.text)) problems.push(`${where}: <pubDate> "${pubDate.text}" is not an RFC 822 date`);
    for (const category of childrenOf(item, 'category')) {
      if (!category.text.trim()) problems.push(`${where}: empty <category>`);
      if ('domain' in category.attributes && !category.attributes.domain.trim()) problems.push(`${where}: empty category domain`);
    }
    const enclosures = childrenOf(item, 'enclosure');
    // Best Practices Profile: an item should not hold more than one enclosure.
    if (enclosures.length > 1) problems.push(`${where}: more than one <enclosure>`);
    for (const enclosure of enclosures) {
      const names = Object.keys(enclosure.attributes).sort();
      if (names.join() !== 'length,type,url') problems.push(`${where}: <enclosure> has attributes ${names.join(', ')}, not exactly url, length and type`);
      const { url, length, type } = enclosure.attributes;
      if (!url || !HTTP_URL.test(url)) problems.push(`${where}: enclosure url "${url}" is not an http URL`);
      if (!/^[1-9]\d*$/.test(length ?? '')) problems.push(`${where}: enclosure length "${length}" is not a size in bytes`);
      if (!MIME.test(type ?? '') || UNREGISTERED_TYPES.has(type)) problems.push(`${where}: enclosure type "${type}" is not a registered MIME type`);
    }
    const source = childrenOf(item, 'source')[0];
    if (source && !HTTP_URL.test(source.attributes.url ?? '')) problems.push(`${where}: <source> without a url`);
  }
  return problems;
}

const ATOM_FEED_ELEMENTS = new Set(['author', 'category', 'contributor', 'generator', 'icon', 'id', 'link', 'logo', 'rights', 'subtitle', 'title', 'updated', 'entry']);
const ATOM_ENTRY_ELEMENTS = new Set(['author', 'category', 'content', 'contributor', 'id', 'link', 'published', 'rights', 'source', 'summary', 'title', 'updated']);
const LINK_RELATIONS = new Set(['alternate', 'related', 'self', 'enclosure', 'via', 'first', 'last', 'previous', 'next', 'hub', 'license', 'replies', 'edit']);

function checkAtomText(problems: string[], where: string, element: XmlElement | undefined) {
  if (!element) return;
  const type = element.attributes.type ?? 'text';
  if (type === 'text' || type === 'html') {
    if (element.children.length) problems.push(`${where}: a ${type} construct holding elements`);
  } else if (type === 'xhtml') {
    if (element.children.length !== 1 || element.children[0].key !== '{http://www.w3.org/1999/xhtml}div') problems.push(`${where}: xhtml without one xhtml:div`);
  } else problems.push(`${where}: type "${type}" is not text, html or xhtml`);
}

function checkAtomPerson(problems: string[], where: string, person: XmlElement) {
  const names = childrenOf(person, `{${ATOM_NS}}name`);
  if (names.length !== 1 || !names[0].text.trim()) problems.push(`${where}: a person without exactly one name`);
  const uris = childrenOf(person, `{${ATOM_NS}}uri`);
  if (uris.length > 1 || (uris[0] && !ABSOLUTE_IRI.test(uris[0].text))) problems.push(`${where}: a person's uri is not one IRI`);
  const emails = childrenOf(person, `{${ATOM_NS}}email`);
  if (emails.length > 1 || (emails[0] && !EMAIL.test(emails[0].text))) problems.push(`${where}: a person's email is not one address`);
}

function checkAtomLinks(problems: string[], where: string, parent: XmlElement) {
  const alternates = new Set<string>();
  for (const link of childrenOf(parent, `{${ATOM_NS}}link`)) {
    const { href, rel = 'alternate', type, length, hreflang } = link.attributes;
    if (!href || !ABSOLUTE_IRI.test(href)) problems.push(`${where}: a link whose href "${href}" is not an absolute IRI`);
    if (!LINK_RELATIONS.has(rel) && !ABSOLUTE_IRI.test(rel)) problems.push(`${where}: link rel "${rel}" is neither registered nor an IRI`);
    if (type !== undefined && (!MIME.test(type) || UNREGISTERED_TYPES.has(type))) problems.push(`${where}: link type "${type}" is not a registered MIME type`);
    if (length !== undefined && !/^\d+$/.test(length)) problems.push(`${where}: link length "${length}" is not a number of bytes`);
    if (hreflang !== undefined && !isLanguageTag(hreflang)) problems.push(`${where}: hreflang "${hreflang}"`);
    if (rel === 'alternate') {
      const key = `${type ?? ''} ${hreflang ?? ''}`;
      if (alternates.has(key)) problems.push(`${where}: two alternate links of the same type and hreflang`);
      alternates.add(key);
    }
  }
}

/** Atom 1.0 (RFC 4287 §4): element counts, constructs, dates, IRIs, authorship. */
export function checkAtom(xml: string, selfUrl: string): string[] {
  const problems: string[] = [];
  let feed: XmlElement;
  try {
    feed = parseXml(xml);
  } catch (error) {
    return [String(error)];
  }
  if (feed.key !== `{${ATOM_NS}}feed`) return ['the root is not atom:feed'];
  const lang = feed.attributes['xml:lang'];
  if (lang !== undefined && !isLanguageTag(lang)) problems.push(`feed: xml:lang "${lang}" is not a language tag`);
  for (const child of feed.children) {
    if (child.uri === ATOM_NS && !ATOM_FEED_ELEMENTS.has(child.local)) problems.push(`feed: <${child.local}> is not an atom:feed element`);
  }
  const q = (local: string) => `{${ATOM_NS}}${local}`;
  for (const local of ['id', 'title', 'updated']) once(problems, 'feed', feed, q(local), true);
  for (const local of ['generator', 'icon', 'logo', 'rights', 'subtitle']) once(problems, 'feed', feed, q(local), false);
  const id = childrenOf(feed, q('id'))[0];
  if (id && !ABSOLUTE_IRI.test(id.text)) problems.push(`feed: id "${id.text}" is not an absolute IRI`);
  const updated = childrenOf(feed, q('updated'))[0];
  if (updated && !isRfc3339(updated.text)) problems.push(`feed: updated "${updated.text}" is not an RFC 3339 date`);
  for (const local of ['title', 'subtitle', 'rights']) checkAtomText(problems, `feed ${local}`, childrenOf(feed, q(local))[0]);
  for (const person of [...childrenOf(feed, q('author')), ...childrenOf(feed, q('contributor'))]) checkAtomPerson(problems, 'feed', person);
  checkAtomLinks(problems, 'feed', feed);
  // "atom:feed elements SHOULD contain one atom:link element with a rel attribute value of self".
  const self = childrenOf(feed, q('link')).filter((l) => l.attributes.rel === 'self');
  if (self.length !== 1 || self[0].attributes.href !== selfUrl) problems.push(`feed: no single link rel="self" to ${selfUrl}`);
  const generator = childrenOf(feed, q('generator'))[0];
  if (generator?.attributes.uri !== undefined && !ABSOLUTE_IRI.test(generator.attributes.uri)) problems.push('feed: generator uri is not an IRI');
  const feedHasAuthor = childrenOf(feed, q('author')).length > 0;
  const ids = new Set<string>();
  for (const [index, entry] of childrenOf(feed, q('entry')).entries()) {
    const where = `entry ${index + 1}`;
    for (const child of entry.children) {
      if (child.uri === ATOM_NS && !ATOM_ENTRY_ELEMENTS.has(child.local)) problems.push(`${where}: <${child.local}> is not an atom:entry element`);
    }
    for (const local of ['id', 'title', 'updated']) once(problems, where, entry, q(local), true);
    for (const local of ['content', 'published', 'rights', 'source', 'summary']) once(problems, where, entry, q(local), false);
    const entryId = childrenOf(entry, q('id'))[0];
    if (entryId && !ABSOLUTE_IRI.test(entryId.text)) problems.push(`${where}: id "${entryId.text}" is not an absolute IRI`);
    if (entryId && ids.has(entryId.text)) problems.push(`${where}: the id of an earlier entry`);
    if (entryId) ids.add(entryId.text);
    for (const local of ['updated', 'published']) {
      const date = childrenOf(entry, q(local))[0];
      if (date && !isRfc3339(date.text)) problems.push(`${where}: ${local} "${date.text}" is not an RFC 3339 date`);
    }
    for (const local of ['title', 'summary', 'rights']) checkAtomText(problems, `${where} ${local}`, childrenOf(entry, q(local))[0]);
    const authors = childrenOf(entry, q('author'));
    // §4.1.1: a feed without atom:author needs one in every entry (or in its atom:source).
    if (!feedHasAuthor && authors.length === 0 && !childrenOf(entry, q('source')).some((s) => childrenOf(s, q('author')).length)) {
      problems.push(`${where}: no atom:author, and the feed has none`);
    }
    for (const person of [...authors, ...childrenOf(entry, q('contributor'))]) checkAtomPerson(problems, where, person);
    checkAtomLinks(problems, where, entry);
    const content = childrenOf(entry, q('content'))[0];
    if (content) {
      const type = content.attributes.type ?? 'text';
      if (content.attributes.src !== undefined && (content.text.trim() || content.children.length)) problems.push(`${where}: content with src is not empty`);
      if (content.attributes.src !== undefined && !childrenOf(entry, q('summary')).length) problems.push(`${where}: content with src needs a summary`);
      if (!['text', 'html', 'xhtml'].includes(type) && !MIME.test(type)) problems.push(`${where}: content type "${type}"`);
      if ((type === 'text' || type === 'html') && content.children.length) problems.push(`${where}: ${type} content holding elements`);
    } else if (!childrenOf(entry, q('link')).some((l) => (l.attributes.rel ?? 'alternate') === 'alternate')) {
      problems.push(`${where}: neither content nor an alternate link`);
    }
    for (const category of childrenOf(entry, q('category'))) {
      if (!category.attributes.term) problems.push(`${where}: a category without a term`);
      if (category.attributes.scheme !== undefined && !ABSOLUTE_IRI.test(category.attributes.scheme)) problems.push(`${where}: category scheme is not an IRI`);
    }
  }
  return problems;
}

const JSON_FEED_KEYS = new Set(['version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment', 'next_url', 'icon', 'favicon', 'authors', 'language', 'expired', 'hubs', 'items']);
const JSON_ITEM_KEYS = new Set(['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments']);

function checkJsonAuthors(problems: string[], where: string, authors: unknown) {
  if (authors === undefined) return;
  if (!Array.isArray(authors)) return void problems.push(`${where}: authors is not an array`);
  for (const author of authors as Array<Record<string, unknown>>) {
    const fields = ['name', 'url', 'avatar'].filter((k) => author?.[k] !== undefined);
    if (fields.length === 0) problems.push(`${where}: an author with none of name, url, avatar`);
    for (const k of fields) if (typeof author[k] !== 'string' || !author[k]) problems.push(`${where}: author ${k} is not a string`);
  }
}

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): required fields, types, dates, no 1.0 leftovers. */
export function checkJsonFeed(text: string): string[] {
  const problems: string[] = [];
  let feed: Record<string, unknown>;
  try {
    feed = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return [`not JSON: ${String(error)}`];
  }
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push(`version is ${JSON.stringify(feed.version)}`);
  if (typeof feed.title !== 'string' || !feed.title) problems.push('no title');
  for (const key of Object.keys(feed)) {
    // 1.1 deprecates `author` for `authors`; other keys are the spec's or extensions (`_name`).
    if (!JSON_FEED_KEYS.has(key) && !key.startsWith('_')) problems.push(`feed: unknown key "${key}"`);
  }
  for (const key of ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon']) {
    if (feed[key] !== undefined && (typeof feed[key] !== 'string' || !HTTP_URL.test(feed[key] as string))) problems.push(`feed: ${key} is not a URL`);
  }
  for (const key of ['description', 'user_comment']) if (feed[key] !== undefined && typeof feed[key] !== 'string') problems.push(`feed: ${key} is not a string`);
  if (feed.language !== undefined && (typeof feed.language !== 'string' || !isLanguageTag(feed.language))) problems.push('feed: language is not a language tag');
  checkJsonAuthors(problems, 'feed', feed.authors);
  if (!Array.isArray(feed.items)) return [...problems, 'no items array'];
  const ids = new Set<string>();
  for (const [index, item] of (feed.items as Array<Record<string, unknown>>).entries()) {
    const where = `item ${index + 1}`;
    for (const key of Object.keys(item)) if (!JSON_ITEM_KEYS.has(key) && !key.startsWith('_')) problems.push(`${where}: unknown key "${key}"`);
    if (typeof item.id !== 'string' || !item.id) problems.push(`${where}: id is not a string`);
    else if (ids.has(item.id)) problems.push(`${where}: the id of an earlier item`);
    else ids.add(item.id);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') problems.push(`${where}: neither content_html nor content_text`);
    for (const key of ['content_html', 'content_text', 'summary', 'title']) if (item[key] !== undefined && typeof item[key] !== 'string') problems.push(`${where}: ${key} is not a string`);
    for (const key of ['url', 'external_url', 'image', 'banner_image']) {
      if (item[key] !== undefined && (typeof item[key] !== 'string' || !HTTP_URL.test(item[key] as string))) problems.push(`${where}: ${key} is not a URL`);
    }
    for (const key of ['date_published', 'date_modified']) {
      if (item[key] !== undefined && (typeof item[key] !== 'string' || !isRfc3339(item[key] as string))) problems.push(`${where}: ${key} is not an RFC 3339 date`);
    }
    checkJsonAuthors(problems, where, item.authors);
    if (item.tags !== undefined && (!Array.isArray(item.tags) || item.tags.some((t) => typeof t !== 'string'))) problems.push(`${where}: tags is not a list of strings`);
    if (item.language !== undefined && (typeof item.language !== 'string' || !isLanguageTag(item.language))) problems.push(`${where}: language is not a language tag`);
    if (item.attachments !== undefined) {
      for (const attachment of item.attachments as Array<Record<string, unknown>>) {
        if (typeof attachment.url !== 'string' || typeof attachment.mime_type !== 'string') problems.push(`${where}: an attachment without url and mime_type`);
      }
    }
  }
  return problems;
}
