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
