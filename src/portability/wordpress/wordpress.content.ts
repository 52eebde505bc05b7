/**
 * WordPress's ways of storing things, turned into Herald's: paragraphs that WordPress adds
 * only when it displays a post (wpautop), `[caption]` shortcodes, its two date columns,
 * its statuses and Yoast's title templates. Pure functions.
 */
import { autop } from '@wordpress/autop';
import type { ArticleStatus } from '../../content/articles.types.js';

// WordPress's alignment classes, as Herald's (content/body.ts): left and right become the start
// and end of the line, so a right-to-left story mirrors them as its readers expect.
const ALIGNMENT: Record<string, string> = { alignleft: 'align-start', alignright: 'align-end', aligncenter: 'align-center' };

function alignmentClass(classes: string): string | null {
  return classes.split(/\s+/).map((name) => ALIGNMENT[name.toLowerCase()]).find(Boolean) ?? null;
}

/** `[caption id="…" align="…"]<img …/> Text[/caption]` → a figure with its caption, aligned as it was. */
export function captionsToFigures(html: string): string {
  return html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_all, attributes: string, inner: string) => {
    const match = inner.match(/^\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i);
    if (!match) return inner;
    const caption = match[2].trim();
    const align = alignmentClass(attributes.match(/\balign\s*=\s*["']?([\w-]+)/i)?.[1] ?? '');
    return `<figure${align ? ` class="${align}"` : ''}>${match[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
}

/** A picture's `class="… alignleft"` as Herald's alignment class; its other classes go (the sanitizer would drop them). */
export function pictureAlignments(html: string): string {
  return html.replace(/<img\b[^>]*>/gi, (tag) =>
    tag.replace(/\sclass\s*=\s*(["'])([^"']*)\1/i, (_all, _quote: string, classes: string) => {
      const align = alignmentClass(classes);
      return align ? ` class="${align}"` : '';
    }),
  );
}

/**
 * Paragraphs as WordPress shows a classic-editor post: its own `wpautop` (the port WordPress
 * ships for its editor) wraps blank-line-separated text in `<p>` around the block elements,
 * even in a post that already has some `<p>` of its own. Block-editor content is stored with
 * its paragraphs, and WordPress does not run wpautop on it.
 */
export function paragraphs(html: string): string {
  const text = html.replace(/\r\n?/g, '\n').trim();
  if (!text || /<!-- wp:/.test(text)) return text;
  // WordPress cuts a post at `<!--more-->` (for listings) and `<!--nextpage-->` (into pages);
  // Herald shows the whole story, so each is only a paragraph break, not an empty paragraph.
  return autop(text.replace(/<!--(?:more|nextpage)\b[^>]*?-->/gi, '\n\n')).trim();
}

/** A picture WordPress holds for a post (an attachment), as a gallery shows it. */
export interface GalleryPicture {
  id: string;
  url: string;
  alt: string;
  caption: string;
}

const PICTURE_FILE = /\.(jpe?g|png|gif|webp|avif)$/i;

/** The pictures a post's galleries may show: those attached to it, and any by its id. */
export interface GalleryPictures {
  attached: GalleryPicture[];
  byId: Map<string, GalleryPicture>;
}

/**
 * WordPress's `[gallery]` as the pictures it shows: those named by `ids="…"`, in that order, or
 * else every picture attached to the post. A gallery with none to show is left out.
 */
export function galleryShortcodes(html: string, pictures: GalleryPictures): string {
  return html.replace(/\[gallery(\s[^\]]*)?\]/gi, (_all, rest = '') => {
    const ids = (rest as string).match(/\bids\s*=\s*["']?([\d,\s]+)/i)?.[1].split(',').map((id) => id.trim()).filter(Boolean);
    const shown = ids ? ids.flatMap((id) => pictures.byId.get(id) ?? []) : pictures.attached;
    const images = shown
      .filter((p) => isHttpUrl(p.url) && PICTURE_FILE.test(new URL(p.url).pathname))
      .map((p) => `<img src="${attribute(p.url)}" alt="${attribute(p.alt || p.caption)}">`);
    return images.length ? `<figure class="gallery">${images.join('')}</figure>` : '';
  });
}

export function wordpressBody(content: string, gallery: GalleryPictures = { attached: [], byId: new Map() }): string {
  return audioShortcodes(paragraphs(captionsToFigures(pictureAlignments(galleryShortcodes(content, gallery)))));
}

/**
 * Which pictures of a body are the old site's, and the file to download for each: a picture is
 * the old site's when it is served from where the export's attachments or the blog are. A resized
 * copy of an attachment ("photo-300x200.jpg") leads to the attachment itself, and WordPress.com's
 * resizing query ("photo.jpg?w=604") is dropped: the media library makes its own sizes.
 */
export function oldSitePictures(attachmentUrls: Iterable<string>, siteUrls: string[]): (src: string) => string | null {
  const key = (url: URL) => `${url.host}${url.pathname}`;
  const attachments = new Map<string, string>();
  const hosts = new Set<string>();
  for (const address of [...attachmentUrls, ...siteUrls]) {
    if (!isHttpUrl(address)) continue;
    const url = new URL(address);
    hosts.add(url.host);
    if (!siteUrls.includes(address)) attachments.set(key(url), address);
  }
  return (src) => {
    if (!isHttpUrl(src)) return null;
    const url = new URL(src);
    if (!hosts.has(url.host)) return null;
    url.search = '';
    url.hash = '';
    const full = new URL(url);
    full.pathname = url.pathname.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
    return attachments.get(key(url)) ?? attachments.get(key(full)) ?? url.toString();
  };
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** A player for `url`, loading nothing until the reader presses play (the body sanitizer keeps it). */
export function audioPlayer(url: string, file?: { type: string; length: number }): string {
  // The episode's type and size ride along on the player, for the feeds' <enclosure> (RSS wants the length in bytes).
  const described = file?.type && file.length > 0 ? ` data-type="${attribute(file.type)}" data-length="${file.length}"` : '';
  return `<audio controls preload="none" src="${attribute(url)}"${described}></audio>`;
}

/**
 * WordPress's `[audio]` shortcode (`[audio src="…mp3"]`, `[audio mp3="…"]`, `[audio https://…]`)
 * as the player it shows; one without an http(s) address is left as it was.
 */
export function audioShortcodes(html: string): string {
  return html.replace(/\[audio(\s[^\]]*)?\](?:\s*\[\/audio\])?/gi, (all, rest = '') => {
    const attributes = new Map<string, string>();
    const bare: string[] = [];
    for (const [, name, ...values] of (rest as string).matchAll(/(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
      const value = (values.find((v) => v !== undefined) ?? '').replace(/&amp;/g, '&');
      if (name) attributes.set(name.toLowerCase(), value);
      else bare.push(value);
    }
    const url = [attributes.get('src'), ...['mp3', 'm4a', 'ogg', 'oga', 'wav', 'opus', 'aac'].map((k) => attributes.get(k)), ...bare].find(
      (candidate): candidate is string => !!candidate && isHttpUrl(candidate),
    );
    return url ? audioPlayer(url) : all;
  });
}

export interface Enclosure {
  url: string;
  /** Bytes, as WordPress measured them (0 when it did not). */
  length: number;
  type: string;
}

const AUDIO_EXTENSIONS: Record<string, string> = { mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav', flac: 'audio/flac' };

/**
 * An `enclosure` post meta (`URL\nLENGTH\nMIME-TYPE\n`, what WordPress records for a podcast
 * episode it found in a post) when it is audio at an http(s) address; null otherwise.
 */
export function audioEnclosure(meta: string): Enclosure | null {
  const [url = '', length = '', type = ''] = meta.split(/\r?\n/).map((line) => line.trim());
  if (!isHttpUrl(url)) return null;
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  const mime = type.toLowerCase().startsWith('audio/') ? type.toLowerCase() : type ? null : (AUDIO_EXTENSIONS[extension] ?? null);
  return mime ? { url, length: /^\d+$/.test(length) ? Number(length) : 0, type: mime } : null;
}

/**
 * The body with a player for each audio enclosure it does not already play (a post usually
 * shows its episode with an `[audio]` shortcode or block; WordPress's podcast feed only had the
 * enclosure), and a link to the file under it.
 */
export function withEnclosures(body: string, enclosures: Enclosure[]): string {
  const playing = new Set([...body.matchAll(/<(?:audio|source)\b[^>]*\ssrc="([^"]*)"/gi)].map(([, src]) => src.replace(/&amp;/g, '&')));
  const added = enclosures
    .filter((e, i) => !playing.has(e.url) && enclosures.findIndex((o) => o.url === e.url) === i)
    .map((e) => {
      const file = new URL(e.url).pathname.split('/').pop() || e.url;
      let name = file;
      try {
        name = decodeURIComponent(file);
      } catch {
        // A malformed escape: the name as written.
      }
      return `<figure>${audioPlayer(e.url, e)}<figcaption><a href="${attribute(e.url)}">${attribute(name)}</a></figcaption></figure>`;
    });
  // A player already in the text learns its file's type and size from the enclosure, for the feeds.
  let described = body;
  for (const e of enclosures) {
    if (!playing.has(e.url) || !e.type || !(e.length > 0)) continue;
    const src = attribute(e.url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    described = described.replace(
      new RegExp(`<audio\\b(?![^>]*data-length)([^>]*\\ssrc="${src}")`, 'i'),
      `<audio data-type="${attribute(e.type)}" data-length="${e.length}"$1`,
    );
  }
  return added.length ? `${described}\n${added.join('\n')}` : described;
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
