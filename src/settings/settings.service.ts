import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { canonicalLanguage } from '../content/languages.js';
import { invalid, type FieldError } from '../core/errors.js';
import { inTransaction } from '../db/transaction.js';
import { forgetSiteData } from '../cache/site-memo.js';
import type { Store } from '../db/hooks.js';
import { assertCan, type Actor } from '../people/permissions.js';

export interface SiteSettings {
  name: string;
  description: string;
  publisherName: string;
  publisherLogo: string;
  /**
   * The picture social networks and search engines show for a page without one of its own (a
   * story without a featured image, the home page, a listing): a media library id, an http(s)
   * URL or a `/media/…` address; '' for a card made from the publisher logo.
   */
  socialImage: number | string;
  baseUrl: string;
  timezone: string;
  /** BCP 47 tags, in the order the site shows them. */
  languages: string[];
  defaultLanguage: string;
  /** How many sections the menu shows at most (the first top-level ones editors put in it). */
  menuSections: number;
  /** Each language edition is a fediverse account (src/federation/); off until an administrator turns it on. */
  federation: boolean;
  /** A fediverse account's Follow of an edition waits for an editor's approval instead of being accepted at once. */
  federationFollowApproval: boolean;
  /** Count readers with the site's own cookieless beacon (src/analytics/); off serves no beacon at all. */
  analytics: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  name: 'Herald',
  description: 'News in every language our readers speak.',
  publisherName: 'Herald',
  publisherLogo: '',
  socialImage: '',
  baseUrl: 'http://127.0.0.1:3000',
  timezone: 'UTC',
  languages: ['en'],
  defaultLanguage: 'en',
  menuSections: 8,
  federation: false,
  federationFollowApproval: false,
  analytics: true,
};

type SettingKey = keyof SiteSettings;

/** More than this runs off a phone's menu bar long before; 0 hides the menu. */
export const MAX_MENU_SECTIONS = 30;
const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

export async function getSettings(db: Kysely<Schema>): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Partial<Record<string, unknown>> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) if (stored[key] !== undefined) (settings as Record<string, unknown>)[key] = stored[key];
  return settings;
}

// The zones this runtime knows (what the admin's picker offers), by lower-cased name.
let timeZones: Map<string, string> | undefined;

/** The zone's canonical name when it is one the runtime supports (`europe/paris` → `Europe/Paris`), else null. */
function supportedTimeZone(zone: string): string | null {
  timeZones ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((name) => [name.toLowerCase(), name]));
  return timeZones.get(zone.trim().toLowerCase()) ?? null;
}

/**
 * A site language: a BCP 47 tag whose language is a real one (two or three letters that Intl
 * can name), not merely well-formed — "english" is well-formed and names no language.
 */
function siteLanguage(value: unknown): string | null {
  const tag = canonicalLanguage(value);
  if (!tag) return null;
  const primary = tag.split('-')[0];
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  const named = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(primary);
  return named ? tag : null;
}

/** A picture's address as stored: '' for none, a `/media/` address of this site or an http(s) URL; null for anything else. */
function pictureAddressOf(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim() : null;
  if (text === null || text.length > 2048) return null;
  if (text === '' || (text.startsWith('/media/') && !text.includes('..'))) return text;
  const url = URL.canParse(text) ? new URL(text) : null;
  return url && /^https?:$/.test(url.protocol) && !url.username && !url.password ? url.toString() : null;
}

/** A social image setting in its stored form (a media id as a number), or null when it is none of the accepted forms. */
function socialImageOf(value: unknown): number | string | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
    const id = Number(value);
    return Number.isSafeInteger(id) && id >= 1 ? id : null;
  }
  return pictureAddressOf(value);
}

/** Checks a change against the stored settings and returns the complete, canonical result. */
export function validateSettings(current: SiteSettings, patch: Partial<Record<SettingKey, unknown>>): SiteSettings {
  const faults: FieldError[] = [];
  const next: SiteSettings = { ...current };
  for (const key of ['name', 'description', 'publisherName'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') faults.push({ field: key, message: 'must be a string' });
    else if (key === 'name' && !value.trim()) faults.push({ field: key, message: 'must not be empty' });
    else next[key] = value.trim();
  }
  if (patch.publisherLogo !== undefined) {
    const logo = pictureAddressOf(patch.publisherLogo);
    if (logo === null) faults.push({ field: 'publisherLogo', message: 'must be a /media/ address of this site or an http(s) URL (or empty)' });
    else next.publisherLogo = logo;
  }
  if (patch.socialImage !== undefined) {
    const image = socialImageOf(patch.socialImage);
    if (image === null) {
      faults.push({ field: 'socialImage', message: 'must be a media library id, an http(s) URL or a /media/ address of this site (or empty)' });
    } else next.socialImage = image;
  }
  if (patch.baseUrl !== undefined) {
    const url = typeof patch.baseUrl === 'string' && URL.canParse(patch.baseUrl) ? new URL(patch.baseUrl) : null;
    if (!url || !/^https?:$/.test(url.protocol)) faults.push({ field: 'baseUrl', message: 'must be an http(s) URL' });
    else next.baseUrl = url.toString().replace(/\/+$/, '');
  }
  if (patch.timezone !== undefined) {
    const zone = typeof patch.timezone === 'string' ? supportedTimeZone(patch.timezone) : null;
    if (!zone) faults.push({ field: 'timezone', message: 'must be an IANA time zone such as Europe/Paris' });
    else next.timezone = zone;
  }
  if (patch.languages !== undefined) {
    const list = Array.isArray(patch.languages) ? patch.languages.map(siteLanguage) : [null];
    if (list.length === 0 || list.some((l) => l === null)) {
      const unknown = Array.isArray(patch.languages) ? patch.languages.filter((l) => siteLanguage(l) === null).map(String) : [];
      const which = unknown.length ? ` (${unknown.map((l) => `"${l}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not)` : '';
      faults.push({ field: 'languages', message: `must be a non-empty list of language tags such as en, fr or zh-Hant${which}` });
    } else next.languages = [...new Set(list as string[])];
  }
  if (patch.menuSections !== undefined) {
    const n = patch.menuSections;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_MENU_SECTIONS) {
      faults.push({ field: 'menuSections', message: `must be a whole number from 0 to ${MAX_MENU_SECTIONS}` });
    } else next.menuSections = n;
  }
  for (const key of ['federation', 'federationFollowApproval', 'analytics'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') faults.push({ field: key, message: 'must be true or false' });
    else next[key] = value;
  }
  if (patch.defaultLanguage !== undefined) {
    const language = siteLanguage(patch.defaultLanguage);
    if (!language) faults.push({ field: 'defaultLanguage', message: 'must be a language tag such as en, fr or zh-Hant' });
    else next.defaultLanguage = language;
  }
  if (!faults.some((f) => f.field === 'languages' || f.field === 'defaultLanguage') && !next.languages.includes(next.defaultLanguage)) {
    faults.push({ field: 'defaultLanguage', message: `must be one of the site's languages (${next.languages.join(', ')})` });
  }
  const unknown = Object.keys(patch).filter((k) => !KEYS.includes(k as SettingKey));
  for (const key of unknown) faults.push({ field: key, message: 'is not a known setting' });
  if (faults.length) throw invalid(faults);
  return next;
}

export async function updateSettings(
  db: Kysely<Schema>,
  patch: Partial<Record<SettingKey, unknown>>,
): Promise<SiteSettings> {
  const saved = await inTransaction(db, async (trx) => {
    const next = validateSettings(await getSettings(trx), patch);
    // A media id must name a picture of the library (the form alone cannot say).
    if (typeof next.socialImage === 'number' && patch.socialImage !== undefined) {
      const media = await trx.selectFrom('media').select('id').where('id', '=', next.socialImage).executeTakeFirst();
      if (!media) throw invalid([{ field: 'socialImage', message: `names no picture of the media library (there is no media ${next.socialImage})` }]);
    }
    for (const key of KEYS) {
      const value = JSON.stringify(next[key]);
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    return next;
  });
  // This process reads them afresh at once; the others on the write's event (cache.plugin.ts).
  forgetSiteData(db);
  return saved;
}

/**
 * Changes the site settings the way a person or a job does (the Admin API, an import, the
 * demo): checks that the actor may, stores, and announces the change, so cached pages and the
 * other app processes follow whichever path changed them, not only the HTTP one.
 * (`updateSettings` alone stores without either: for tests' set-up.)
 */
export async function changeSettings(store: Store, actor: Actor, patch: Partial<Record<SettingKey, unknown>>): Promise<SiteSettings> {
  assertCan(actor, 'settings.manage');
  const saved = await updateSettings(store.db, patch);
  await store.hooks.committed([{ entity: 'settings', id: 0, action: 'updated' }]);
  return saved;
}
