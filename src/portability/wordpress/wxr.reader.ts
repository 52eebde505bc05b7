/**
 * Reads a WordPress eXtended RSS (WXR 1.0–1.2) export as a stream: the file is never held in
 * memory whole, so a 500 MB export costs what one item costs. Elements are recognised by their
 * namespace URI, not their prefix, so a redefined `wp:` prefix cannot smuggle data in.
 * Pure parsing; no database.
 */
import { createReadStream } from 'node:fs';
import type sax from 'sax';
import { BareAmpersandRepair, type AmpersandRepair } from './wxr.repair.js';

export class WxrFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  id: string;
  taxonomy: string;
  slug: string;
  parent: string;
  name: string;
  description: string;
}

export interface WxrHeader {
  version: string;
  title: string;
  link: string;
  language: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  authors: WxrAuthor[];
  /** Categories, tags and other terms declared at the top of the file. */
  terms: WxrTerm[];
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: string;
}

export interface WxrItem {
  line: number;
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postParent: string;
  postType: string;
  postPassword: string;
  /** `closed` when the post took no new comments. */
  commentStatus: string;
  attachmentUrl: string;
  terms: Array<{ domain: string; slug: string; name: string }>;
  meta: Map<string, string>;
  /** Every `enclosure` meta value (a post may have several: an episode's audio and a video). */
  enclosures: string[];
  comments: WxrComment[];
}

export type WxrEvent = { type: 'header'; header: WxrHeader } | { type: 'item'; item: WxrItem };

const WP_NS = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const NAMESPACES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};

/** `wp:post_id`, `content:encoded`, `title`…: a stable name whatever prefix the file used. */
function nameOf(node: sax.QualifiedTag): string {
  const uri = node.uri ?? '';
  if (WP_NS.test(uri)) return `wp:${node.local}`;
  if (EXCERPT_NS.test(uri)) return `excerpt:${node.local}`;
  if (uri === '') return node.local;
  const known = NAMESPACES[uri];
  return known ? `${known}:${node.local}` : `?:${node.local}`;
}

/** Elements whose children are collected as one record. */
const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term', 'wp:postmeta', 'wp:comment', 'wp:termmeta', 'wp:commentmeta']);

interface WxrRecord {
  name: string;
  line: number;
  fields: Map<string, string>;
  meta: Map<string, string>;
  enclosures: string[];
  comments: WxrComment[];
  terms: WxrItem['terms'];
}

function field(r: WxrRecord, key: string): string {
  return r.fields.get(key) ?? '';
}

function toTerm(r: WxrRecord): WxrTerm {
  if (r.name === 'wp:category') {
    return { id: field(r, 'wp:term_id'), taxonomy: 'category', slug: field(r, 'wp:category_nicename'), parent: field(r, 'wp:category_parent'), name: field(r, 'wp:cat_name'), description: field(r, 'wp:category_description') };
  }
  if (r.name === 'wp:tag') {
    return { id: field(r, 'wp:term_id'), taxonomy: 'post_tag', slug: field(r, 'wp:tag_slug'), parent: '', name: field(r, 'wp:tag_name'), description: field(r, 'wp:tag_description') };
  }
  return { id: field(r, 'wp:term_id'), taxonomy: field(r, 'wp:term_taxonomy'), slug: field(r, 'wp:term_slug'), parent: field(r, 'wp:term_parent'), name: field(r, 'wp:term_name'), description: field(r, 'wp:term_description') };
}

function toItem(r: WxrRecord): WxrItem {
  return {
    line: r.line,
    title: field(r, 'title'),
    link: field(r, 'link'),
    pubDate: field(r, 'pubDate'),
    creator: field(r, 'dc:creator'),
    guid: field(r, 'guid'),
    content: field(r, 'content:encoded').trim(),
    excerpt: field(r, 'excerpt:encoded').trim(),
    postId: field(r, 'wp:post_id'),
    postDate: field(r, 'wp:post_date'),
    postDateGmt: field(r, 'wp:post_date_gmt'),
    postName: field(r, 'wp:post_name'),
    status: field(r, 'wp:status'),
    postParent: field(r, 'wp:post_parent'),
    postType: field(r, 'wp:post_type'),
    postPassword: field(r, 'wp:post_password'),
    commentStatus: field(r, 'wp:comment_status'),
    attachmentUrl: field(r, 'wp:attachment_url'),
    terms: r.terms,
    meta: r.meta,
    enclosures: r.enclosures,
    comments: r.comments,
  };
}

function toComment(r: WxrRecord): WxrComment {
  return {
    id: field(r, 'wp:comment_id'),
    author: field(r, 'wp:comment_author'),
    authorEmail: field(r, 'wp:comment_author_email'),
    authorUrl: field(r, 'wp:comment_author_url'),
    date: field(r, 'wp:comment_date'),
    dateGmt: field(r, 'wp:comment_date_gmt'),
    content: field(r, 'wp:comment_content'),
    approved: field(r, 'wp:comment_approved'),
    type: field(r, 'wp:comment_type'),
    parent: field(r, 'wp:comment_parent'),
  };
}

export interface ReadWxrOptions {
  /** Told of each bare `&` read as `&amp;` (see wxr.repair.ts), the one defect repaired. */
  onRepair?: (repair: AmpersandRepair) => void;
}

/**
 * The events of a WXR file in order: one header (before the first item), then the items.
 * Throws `WxrFormatError` with the line for anything that is not a well-formed WXR file,
 * except a bare `&` in element text, which is repaired (and told to `onRepair`).
 */
export async function* readWxr(file: string, options: ReadWxrOptions = {}): AsyncGenerator<WxrEvent> {
  // Loaded by the first import, not by every server.
  const { parser: saxParser } = (await import('sax')).default;
  const parser = saxParser(true, { xmlns: true, position: true });
  const out: WxrEvent[] = [];
  const path: string[] = [];
  const records: WxrRecord[] = [];
  const header: WxrHeader = { version: '', title: '', link: '', language: '', baseSiteUrl: '', baseBlogUrl: '', authors: [], terms: [] };
  let headerSent = false;
  let sawChannel = false;
  let text = '';
  let failure: WxrFormatError | null = null;
  const fail = (reason: string) => {
    failure ??= new WxrFormatError(parser.line + 1, reason);
  };
  const sendHeader = () => {
    if (headerSent) return;
    headerSent = true;
    if (!header.version) return fail('this is not a WXR file: the channel has no <wp:wxr_version>');
    if (!/^1\.\d+$/.test(header.version)) return fail(`this is not a WXR file: unsupported WXR version "${header.version}"`);
    out.push({ type: 'header', header });
  };

  parser.onerror = (error) => {
    fail(`not well-formed XML: ${error.message.split('\n')[0]}`);
    parser.error = null as unknown as Error;
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    const name = nameOf(tag);
    if (path.length === 0 && name !== 'rss') fail(`this is not a WXR file: the root element is <${tag.name}>, not <rss>`);
    if (path.length === 1) {
      if (name === 'channel') sawChannel = true;
      else fail(`this is not a WXR file: <${tag.name}> where <channel> was expected`);
    }
    path.push(name);
    text = '';
    if (RECORDS.has(name)) {
      if (name === 'item') sendHeader();
      records.push({ name, line: parser.line + 1, fields: new Map(), meta: new Map(), enclosures: [], comments: [], terms: [] });
    } else if (name === 'category' && records.at(-1)?.name === 'item') {
      const attr = (key: string) => String((tag.attributes[key] as sax.QualifiedAttribute | undefined)?.value ?? '');
      records.at(-1)!.terms.push({ domain: attr('domain'), slug: attr('nicename'), name: '' });
    }
  };
  const onText = (chunk: string) => {
    text += chunk;
  };
  parser.ontext = (chunk) => {
    // XML forbids "]]>" in character data; WordPress's regex parser tolerates it, we refuse it.
    if (chunk.includes(']]>')) fail('"]]>" outside a CDATA section (an unescaped CDATA end)');
    onText(chunk);
  };
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const name = path.pop()!;
    const record = records.at(-1);
    if (record && record.name === name) {
      records.pop();
      const parent = records.at(-1);
      if (name === 'item') out.push({ type: 'item', item: toItem(record) });
      else if (name === 'wp:author') {
        header.authors.push({ id: field(record, 'wp:author_id'), login: field(record, 'wp:author_login'), email: field(record, 'wp:author_email'), displayName: field(record, 'wp:author_display_name') });
      } else if (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') {
        if (!parent) header.terms.push(toTerm(record));
      } else if (name === 'wp:postmeta' && parent?.name === 'item') {
        parent.meta.set(field(record, 'wp:meta_key'), field(record, 'wp:meta_value'));
        if (field(record, 'wp:meta_key') === 'enclosure') parent.enclosures.push(field(record, 'wp:meta_value'));
      } else if (name === 'wp:comment' && parent?.name === 'item') parent.comments.push(toComment(record));
    } else if (record) {
      if (name === 'category' && record.name === 'item') record.terms.at(-1)!.name = text.trim();
      else if (!record.fields.has(name)) record.fields.set(name, name === 'content:encoded' || name === 'wp:comment_content' || name === 'wp:meta_value' ? text : text.trim());
    } else if (path.length === 2 && path[1] === 'channel') {
      const value = text.trim();
      if (name === 'wp:wxr_version') {
        header.version = value;
        if (!/^1\.\d+$/.test(value)) fail(`this is not a WXR file: unsupported WXR version "${value}"`);
      }
      else if (name === 'title') header.title = value;
      else if (name === 'link') header.link = value;
      else if (name === 'language') header.language = value;
      else if (name === 'wp:base_site_url') header.baseSiteUrl = value;
      else if (name === 'wp:base_blog_url') header.baseBlogUrl = value;
    }
    text = '';
  };

  const repair = new BareAmpersandRepair(options.onRepair ?? (() => {}));
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(repair.write(chunk as string));
      if (failure) throw failure;
      yield* out.splice(0);
    }
    parser.write(repair.end());
    parser.close();
    if (!sawChannel) fail('this is not a WXR file: it has no <channel>');
    sendHeader();
    if (failure) throw failure;
    yield* out.splice(0);
  } finally {
    stream.destroy();
  }
}
