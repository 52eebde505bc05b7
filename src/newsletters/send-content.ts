/**
 * What a send says: its mail rendered once, for every recipient, with a stand-in where each
 * recipient's own unsubscribe address goes (rendering MJML takes tens of milliseconds; a
 * string replacement per recipient takes microseconds).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { absoluteUrl, articlePath, mediaPath } from '../content/urls.js';
import { digestMail, storyMail, type MailImage, type MailSite, type MailStory, type RenderedMail } from './mail/render.js';

/** Stands for the recipient's unsubscribe address in a rendered send; nothing escapes or encodes its characters. */
export const UNSUBSCRIBE_SLOT = 'https://unsubscribe.invalid/HERALD-UNSUBSCRIBE-SLOT';

export function mailSite(settings: SiteSettings): MailSite {
  return { name: settings.name, baseUrl: settings.baseUrl };
}

export function personalised(mail: RenderedMail, unsubscribeUrl: string): RenderedMail {
  return { subject: mail.subject, html: mail.html.replaceAll(UNSUBSCRIBE_SLOT, unsubscribeUrl), text: mail.text.replaceAll(UNSUBSCRIBE_SLOT, unsubscribeUrl) };
}

type ArticleFields = Pick<Selectable<Schema['articles']>, 'id' | 'title' | 'standfirst' | 'language' | 'slug' | 'image_alt'> & { path: string | null; width: number | null; height: number | null };

function storyArticles(db: Kysely<Schema>) {
  return db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.image_media_id')
    .select(['articles.id', 'articles.title', 'articles.standfirst', 'articles.language', 'articles.slug', 'articles.image_alt', 'media.path', 'media.width', 'media.height']);
}

/** A story as a mail shows it; a picture only from the library, whose size is known (mail clients need it). */
function mailStory(settings: SiteSettings, row: ArticleFields): MailStory {
  const image: MailImage | undefined =
    row.path && row.width && row.height ? { url: absoluteUrl(settings.baseUrl, mediaPath(row.path)), width: row.width, height: row.height, alt: row.image_alt } : undefined;
  return { title: row.title, standfirst: row.standfirst, url: absoluteUrl(settings.baseUrl, articlePath(row.language, row.slug)), image };
}

export async function renderStorySend(db: Kysely<Schema>, settings: SiteSettings, newsletter: { name: string; language: string }, articleId: number): Promise<RenderedMail> {
  const row = await storyArticles(db).select('articles.body').where('articles.id', '=', articleId).executeTakeFirstOrThrow();
  return storyMail({
    language: newsletter.language,
    site: mailSite(settings),
    newsletter,
    story: { ...mailStory(settings, row), bodyHtml: row.body },
    unsubscribeUrl: UNSUBSCRIBE_SLOT,
  });
}

/** The stories of a digest's period, in the newsletter's language: lead story first (the one with a picture that came out last), then newest first. */
export async function digestStories(db: Kysely<Schema>, settings: SiteSettings, language: string, period: { start: string; end: string }): Promise<MailStory[]> {
  const rows = await storyArticles(db)
    .where('articles.language', '=', language)
    .where('articles.status', '=', 'published')
    .where('articles.kind', '=', 'story')
    .where('articles.deleted_at', 'is', null)
    .where('articles.published_at', '>=', period.start)
    .where('articles.published_at', '<', period.end)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(30)
    .execute();
  const leadIndex = Math.max(0, rows.findIndex((row) => row.path));
  const ordered = [rows[leadIndex], ...rows.filter((_, index) => index !== leadIndex)].filter(Boolean);
  return ordered.map((row) => mailStory(settings, row));
}

export async function renderDigestSend(db: Kysely<Schema>, settings: SiteSettings, newsletter: { name: string; language: string }, period: { start: string; end: string }): Promise<RenderedMail | null> {
  const stories = await digestStories(db, settings, newsletter.language, period);
  if (stories.length === 0) return null;
  return digestMail({ language: newsletter.language, site: mailSite(settings), newsletter, stories, unsubscribeUrl: UNSUBSCRIBE_SLOT });
}
