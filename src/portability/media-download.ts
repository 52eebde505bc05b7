/**
 * `--download-media`: an imported story's featured image fetched from the old site and stored
 * in Herald's media library (checked, stripped of metadata, resized by the media service),
 * instead of staying a link to the old site. A failed download keeps the original URL.
 */
import { basename } from 'node:path';
import type { Store } from '../db/hooks.js';
import { outboundRequest } from '../core/outbound-http.js';
import { mediaPath } from '../content/urls.js';
import { uploadImage } from '../media/media.service.js';
import type { ImportReport, MediaDownload } from './import.report.js';
import { IMPORT_ACTOR, type ImportWriter } from './import.writer.js';

const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

async function fetchImage(url: string, outboundAllow: readonly string[]): Promise<Buffer> {
  // Streamed and cut at 25 MB, public addresses only, every redirect checked (core/outbound-http).
  const response = await outboundRequest(url, { maxBytes: MAX_IMAGE_BYTES, allow: outboundAllow, timeoutMs: 30_000 });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.body;
}

/** The media id of attachment `externalId` (downloaded once, remembered), or null on failure. */
export async function downloadAttachment(
  writer: ImportWriter,
  store: Store,
  storage: MediaDownload,
  externalId: string,
  url: string,
  report: ImportReport,
  /** What the picture is, for the report. */
  what = 'featured image',
): Promise<number | null> {
  const known = writer.mapped('media', externalId);
  if (known !== undefined) return known;
  try {
    const data = await fetchImage(url, storage.outboundAllow);
    // The media service names files by their content, so a download repeated after a crash
    // finds the stored picture instead of adding a second one.
    const item = await uploadImage(store, storage, { data, filename: basename(new URL(url).pathname) }, IMPORT_ACTOR);
    await writer.batch((tx) => writer.remember(tx.db, 'media', externalId, item.id));
    report.created('images downloaded');
    return item.id;
  } catch (error) {
    report.skip(`${what} not downloaded (its original URL is kept)`);
    report.note(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The `<img>` addresses of a body, decoded, each once. */
export function pictureAddresses(html: string): string[] {
  return [...new Set([...html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*(["'])([\s\S]*?)\1/gi)].map(([, , src]) => src.replace(/&amp;/g, '&')))];
}

/**
 * Pictures moved into the media library: each `<img>` whose address was downloaded points at
 * the library's copy and loses the old site's `srcset` and `sizes` (its resized copies).
 */
export function withLibraryPictures(html: string, moved: Map<string, string>): string {
  if (moved.size === 0) return html;
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = tag.match(/\ssrc\s*=\s*(["'])([\s\S]*?)\1/i)?.[2]?.replace(/&amp;/g, '&');
    const local = src ? moved.get(src) : undefined;
    if (!local) return tag;
    return tag
      .replace(/\s(?:srcset|sizes)\s*=\s*(["'])[\s\S]*?\1/gi, '')
      .replace(/(\ssrc\s*=\s*)(["'])[\s\S]*?\2/i, (_all, start: string) => `${start}"${local}"`);
  });
}

async function libraryUrl(store: Store, mediaId: number): Promise<string | null> {
  const row = await store.db.selectFrom('media').select('path').where('id', '=', mediaId).executeTakeFirst();
  return row ? mediaPath(row.path) : null;
}

/**
 * A body whose pictures from the old site are copied into the media library and shown from
 * there. `original` names the file to download for an address of the old site (the full-size
 * file for one of its resized copies), or null for a picture that stays where it is; one file
 * is downloaded once, whatever copies of it the body shows.
 */
export async function moveBodyPictures(
  writer: ImportWriter,
  store: Store,
  storage: MediaDownload,
  html: string,
  original: (src: string) => string | null,
  report: ImportReport,
): Promise<string> {
  const moved = new Map<string, string>();
  for (const src of pictureAddresses(html)) {
    const file = original(src);
    if (!file) continue;
    const mediaId = await downloadAttachment(writer, store, storage, file, file, report, 'picture in a story');
    const local = mediaId === null ? null : await libraryUrl(store, mediaId);
    if (local) moved.set(src, local);
  }
  return withLibraryPictures(html, moved);
}
