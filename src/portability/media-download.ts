/**
 * `--download-media`: an imported story's featured image fetched from the old site and stored
 * in Herald's media library (checked, stripped of metadata, resized by the media service),
 * instead of staying a link to the old site. A failed download keeps the original URL.
 */
import { basename } from 'node:path';
import type { Store } from '../db/hooks.js';
import { outboundRequest } from '../core/outbound-http.js';
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
    await writer.batch((trx) => writer.remember(trx, 'media', externalId, item.id));
    report.created('images downloaded');
    return item.id;
  } catch (error) {
    report.skip(`${what} not downloaded (its original URL is kept)`);
    report.note(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
