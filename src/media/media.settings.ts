import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { invalidField } from '../core/errors.js';

// Kept in the settings table beside the site settings, under a key of the media domain's own.
const KEY = 'media.maxUploadMb';
export const DEFAULT_MAX_UPLOAD_MB = 20;
export const LARGEST_MAX_UPLOAD_MB = 200;

export interface MediaSettings {
  /** The largest image accepted for upload, in megabytes. */
  maxUploadMb: number;
}

export async function getMediaSettings(db: Kysely<Schema>): Promise<MediaSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return { maxUploadMb: row ? Number(JSON.parse(row.value)) : DEFAULT_MAX_UPLOAD_MB };
}

export async function updateMediaSettings(db: Kysely<Schema>, patch: Partial<MediaSettings>): Promise<MediaSettings> {
  if (patch.maxUploadMb !== undefined) {
    const mb = patch.maxUploadMb;
    if (!(mb > 0 && mb <= LARGEST_MAX_UPLOAD_MB)) throw invalidField('maxUploadMb', `must be between 0 and ${LARGEST_MAX_UPLOAD_MB}`);
    const value = JSON.stringify(mb);
    await db
      .insertInto('settings')
      .values({ key: KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  return getMediaSettings(db);
}
