/**
 * A stored story text made ready to show: each `<img>` of a library picture becomes the same
 * `<picture>` every page shows (variants in AVIF and WebP, the real size), and an `<img>` with
 * no alt attribute gets `alt=""` (a text saved before the editor asked for one, or imported).
 * Stored texts are sanitized HTML (src/content/body.ts), so tags are found by pattern.
 */
import { renderToString } from 'preact-render-to-string';
import type { PictureRef, Pictures } from '../media/pictures.js';
import { Picture } from './views/components/picture.js';

// A start or end tag of <picture> or <img>, its attributes quoted or not.
const TAG = /<(\/?)(picture|img)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#34': '"' };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#34);/g, (_, name: string) => ENTITIES[name]);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The attributes of a tag, unescaped, in their order. */
function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.replace(/\/\s*$/, '').matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!attributes.has(name)) attributes.set(name, unescape(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

function imgTag(attributes: Map<string, string>): string {
  return `<img${[...attributes].map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')} />`;
}

// What a story text's picture keeps besides what the picture component writes.
const KEPT = ['title', 'class', 'lang', 'dir'];

/** Every `<img src>` of a text, for loading what the library knows of them with the page's other pictures. */
export function bodyPictureRefs(html: string): PictureRef[] {
  const refs: PictureRef[] = [];
  for (const match of html.matchAll(TAG)) {
    if (match[1] || match[2].toLowerCase() !== 'img') continue;
    const src = attributesOf(match[3]).get('src');
    if (src) refs.push({ url: src });
  }
  return refs;
}

export function bodyWithPictures(html: string, pictures: Pictures, sizes: string): string {
  if (!/<img\b/i.test(html)) return html;
  let inPicture = 0;
  return html.replace(TAG, (tag, end: string, name: string, source: string) => {
    if (name.toLowerCase() === 'picture') {
      inPicture = Math.max(0, inPicture + (end ? -1 : 1));
      return tag;
    }
    if (end) return tag;
    const attributes = attributesOf(source);
    const src = attributes.get('src');
    const media = src && !inPicture ? pictures.of({ url: src }) : null;
    if (src && media) {
      const kept = Object.fromEntries(KEPT.flatMap((key) => (attributes.has(key) ? [[key, attributes.get(key)!]] : [])));
      return renderToString(<Picture src={src} alt={attributes.get('alt') ?? ''} media={media} sizes={sizes} attributes={kept} />);
    }
    // Any other picture is left as its author gave it, with an empty alt where none was written
    // and without a `sizes` that its srcset cannot use (one without widths, or none at all).
    let changed = false;
    if (!attributes.has('alt')) {
      attributes.set('alt', '');
      changed = true;
    }
    const srcset = attributes.get('srcset');
    if (attributes.has('sizes') && !(srcset && srcset.split(',').every((candidate) => /\s\d+w\s*$/.test(candidate)))) {
      attributes.delete('sizes');
      changed = true;
    }
    return changed ? imgTag(attributes) : tag;
  });
}

/**
 * The credit of a picture in the text (`<small class="credit">`, as the editor writes it) reads
 * as the featured picture's: "Photo: …", the word in the site's language for the story (`lang`
 * when that differs from the story's).
 */
export function labelledCredits(html: string, label: string, lang: string | undefined): string {
  const word = lang ? `<span lang="${escapeAttribute(lang)}">${escapeAttribute(label)}</span>` : escapeAttribute(label);
  return html.replaceAll('<small class="credit">', `<small class="credit">${word}: `);
}
