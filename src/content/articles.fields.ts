import type { Kysely } from 'kysely';
import type { ArticleRow, ArticleRowUpdate, Schema } from '../db/schema.js';
import { toIso } from '../db/time.js';
import { invalid, type FieldError } from '../core/errors.js';
import { excerptOf, plainText, renderBody } from './body.js';
import type { ArticleFields } from './articles.types.js';

/** Turns `ArticleFields` into column values, checking what a schema cannot (dates, URLs, ids). */

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

function isDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

export async function checkFields(db: Kysely<Schema>, fields: Partial<ArticleFields>, faults: FieldError[]): Promise<void> {
  if (fields.title !== undefined && !fields.title.trim()) faults.push({ field: 'title', message: 'must not be empty' });
  const image = fields.featuredImage;
  if (image) {
    if (image.url === undefined && image.mediaId === undefined) {
      faults.push({ field: 'featuredImage', message: 'needs a url or a mediaId' });
    }
    if (image.url !== undefined && !isHttpUrl(image.url) && !image.url.startsWith('/')) {
      faults.push({ field: 'featuredImage.url', message: 'must be an http(s) URL or a site path' });
    }
    if (image.mediaId !== undefined) {
      const media = await db.selectFrom('media').select('id').where('id', '=', image.mediaId).executeTakeFirst();
      if (!media) faults.push({ field: 'featuredImage.mediaId', message: `media ${image.mediaId} does not exist` });
    }
  }
  const source = fields.source;
  if (source) {
    if (!source.name?.trim()) faults.push({ field: 'source.name', message: 'is required' });
    if (source.url !== undefined && !isHttpUrl(source.url)) faults.push({ field: 'source.url', message: 'must be an http(s) URL' });
    if (source.publishedAt !== undefined && !isDate(source.publishedAt)) {
      faults.push({ field: 'source.publishedAt', message: 'must be a date-time' });
    }
  }
  if (fields.publishAt && !isDate(fields.publishAt)) faults.push({ field: 'publishAt', message: 'must be a date-time' });
  if (fields.publishedAt !== undefined && !isDate(fields.publishedAt)) {
    faults.push({ field: 'publishedAt', message: 'must be a date-time' });
  }
}

export function throwIfFaults(faults: FieldError[]): void {
  if (faults.length) throw invalid(faults);
}

/** Column values for the fields present in `fields`; absent fields are left out. */
export function columnsFor(fields: Partial<ArticleFields>, current?: ArticleRow): ArticleRowUpdate {
  const columns: ArticleRowUpdate = {};
  if (fields.title !== undefined) columns.title = fields.title.trim();
  if (fields.standfirst !== undefined) columns.standfirst = fields.standfirst.trim();
  if (fields.body !== undefined) columns.body = renderBody(fields.body, fields.bodyFormat ?? 'html');
  if (fields.excerpt !== undefined) {
    columns.excerpt = fields.excerpt.trim();
  } else if (columns.body !== undefined || columns.standfirst !== undefined) {
    // Derive the excerpt unless a person wrote one: a stored excerpt that matches what would
    // have been derived from the old text was derived, and follows the text.
    const derivedBefore = current ? derivedExcerpt(current.standfirst, current.body) : '';
    if (!current || current.excerpt === derivedBefore || current.excerpt === '') {
      columns.excerpt = derivedExcerpt(columns.standfirst ?? current?.standfirst ?? '', columns.body ?? current?.body ?? '');
    }
  }
  if (fields.featuredImage !== undefined) {
    const image = fields.featuredImage;
    columns.image_url = image?.mediaId !== undefined ? null : (image?.url ?? null);
    columns.image_media_id = image?.mediaId ?? null;
    columns.image_caption = image?.caption ?? '';
    columns.image_credit = image?.credit ?? '';
    columns.image_alt = image?.alt ?? '';
  }
  if (fields.source !== undefined) {
    columns.source_name = fields.source?.name.trim() ?? null;
    columns.source_url = fields.source?.url ?? null;
    columns.source_published_at = fields.source?.publishedAt ? toIso(fields.source.publishedAt) : null;
  }
  if (fields.machineTranslated !== undefined) columns.machine_translated = fields.machineTranslated ? 1 : 0;
  if (fields.seoTitle !== undefined) columns.seo_title = fields.seoTitle.trim();
  if (fields.seoDescription !== undefined) columns.seo_description = fields.seoDescription.trim();
  return columns;
}

export function derivedExcerpt(standfirst: string, body: string): string {
  return excerptOf(standfirst.trim() || plainText(body));
}
