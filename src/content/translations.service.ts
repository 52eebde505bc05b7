/**
 * The translation workflow: the state of a story in each language (by the rules of
 * translation-state.ts), the stories that wait for translations, and making the linked draft
 * of a new translation, by a person or a configured machine translation provider.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { can, type Actor } from '../people/permissions.js';
import { getSettings } from '../settings/settings.service.js';
import { createArticle, getArticle } from './articles.service.js';
import { loadArticles, storyVersionRows } from './articles.repository.js';
import type { Article, NewArticle } from './articles.types.js';
import { canonicalLanguage } from './languages.js';
import { languageStatesOf, needsWork, originalOf, VERSION_COLUMNS, type LanguageStatus, type Need } from './translation-state.js';
import { ProviderError, type MachineTranslator } from './machine-translation/provider.js';

export type { LanguageState, LanguageStatus } from './translation-state.js';

/** Every site language (and any other the story has), with the state of the story in it. */
export async function languageStatuses(db: Kysely<Schema>, articleId: number): Promise<LanguageStatus[]> {
  const article = await db.selectFrom('articles').select(['story_id']).where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound(`Article ${articleId}`);
  const [versions, { languages }] = await Promise.all([storyVersionRows(db, [article.story_id]), getSettings(db)]);
  return languageStatesOf(versions, languages);
}

/** Every story's live versions, by story id, and the site's languages: what the states are judged from. */
async function liveStories(db: Kysely<Schema>) {
  const [rows, { languages }] = await Promise.all([
    db.selectFrom('articles').select([...VERSION_COLUMNS, 'published_at']).where('deleted_at', 'is', null).execute(),
    getSettings(db),
  ]);
  const stories = new Map<number, typeof rows>();
  for (const row of rows) stories.set(row.story_id, [...(stories.get(row.story_id) ?? []), row]);
  return { stories, languages };
}

/**
 * The stories that are `need` in some language, by the same rules as the editor and the
 * dashboard (the states are judged in code, not SQL, so there is one definition of them).
 */
export async function storiesNeeding(db: Kysely<Schema>, need: Need): Promise<number[]> {
  const { stories, languages } = await liveStories(db);
  return [...stories].filter(([, versions]) => languageStatesOf(versions, languages).some((l) => l.state === need)).map(([id]) => id);
}

export type GapCounts = Record<Need, number>;

export interface TranslationGaps {
  /** Language versions in each state that asks for work, over every story with a published original. */
  counts: GapCounts;
  /** How many such stories have at least one. */
  total: number;
  /** The originals of the latest of them (by publication), with their `translationStatus`. */
  items: Article[];
}

/**
 * The stories whose original is published and that are missing, in progress or outdated in some
 * site language: what the dashboard lists. Every story is judged by `languageStatesOf`, from its
 * own original, so a story first written in another language than the default one is listed too.
 */
export async function translationGaps(db: Kysely<Schema>, limit: number, baseUrl: string): Promise<TranslationGaps> {
  const { stories, languages } = await liveStories(db);
  const counts: GapCounts = { missing: 0, 'in-progress': 0, outdated: 0 };
  const waiting: Array<{ id: number; publishedAt: string }> = [];
  for (const versions of stories.values()) {
    const original = originalOf(versions);
    if (original?.status !== 'published') continue;
    const gaps = languageStatesOf(versions, languages).filter((l) => needsWork(l.state));
    for (const gap of gaps) counts[gap.state as keyof GapCounts]++;
    if (gaps.length) waiting.push({ id: original.id, publishedAt: original.published_at ?? '' });
  }
  waiting.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id);
  const items = await loadArticles(db, waiting.slice(0, limit).map((w) => w.id), baseUrl, 'admin');
  return { counts, total: waiting.length, items };
}

/**
 * The provider failed. What it answered may be anything its address serves (an internal page,
 * should the address be misconfigured), so only administrators, who set the address, are told;
 * everyone else gets a plain message, and `providerError` is for the log.
 */
export class MachineTranslationFailed extends AppError {
  readonly providerError: ProviderError;

  constructor(providerError: ProviderError, actor: Actor) {
    super(
      'BAD_REQUEST',
      can(actor, 'settings.manage')
        ? `Machine translation failed: ${providerError.message} Check the machine translation settings.`
        : 'Machine translation failed. Try again later, or ask an administrator to check the machine translation settings.',
    );
    this.providerError = providerError;
  }
}

/** Machine-translates the words of a story; the markup of the body is kept. */
async function machineTranslate(translator: MachineTranslator, source: Article, to: string, actor: Actor) {
  const image = source.featuredImage;
  const plain = [source.title, source.standfirst, image?.caption ?? '', image?.alt ?? ''];
  try {
    const [title, standfirst, caption, alt] = await translator.translate(plain, { from: source.language, to, format: 'text' });
    const [body] = source.body.trim() ? await translator.translate([source.body], { from: source.language, to, format: 'html' }) : [''];
    return { title, standfirst, body, caption, alt };
  } catch (error) {
    if (error instanceof ProviderError) throw new MachineTranslationFailed(error, actor);
    throw error;
  }
}

/**
 * Makes the draft of a story in another language, linked to the original (`translationOf`).
 * It starts as a copy of the original to translate in place, or as the provider's translation,
 * marked machine-translated so that a person reviews it before publishing; either way it is in
 * progress, never current, until a person edits its words or publishes it.
 */
export async function createTranslation(
  store: Store,
  articleId: number,
  input: { language: string; machine?: boolean },
  actor: Actor,
  baseUrl: string,
  translator: MachineTranslator | null,
): Promise<Article> {
  const language = canonicalLanguage(input.language);
  if (!language) throw invalidField('language', `"${input.language}" is not a BCP 47 language tag`);
  const source = await getArticle(store.db, articleId, baseUrl);
  if (source.language === language) throw invalidField('language', 'is the language of the original');
  if (input.machine && !translator) throw invalidField('machine', 'no machine translation provider is configured');
  const words = input.machine ? await machineTranslate(translator!, source, language, actor) : null;
  const image = source.featuredImage;
  const draft: NewArticle = {
    language,
    translationOf: source.id,
    title: words?.title || source.title,
    standfirst: words?.standfirst ?? source.standfirst,
    body: words?.body ?? source.body,
    bodyFormat: 'html',
    section: source.section?.id ?? null,
    featuredImage: image
      ? {
          ...(image.mediaId ? { mediaId: image.mediaId } : { url: image.url }),
          caption: words?.caption ?? image.caption,
          credit: image.credit,
          alt: words?.alt ?? image.alt,
        }
      : null,
    source: source.source ? { name: source.source.name, ...(source.source.url ? { url: source.source.url } : {}), ...(source.source.publishedAt ? { publishedAt: source.source.publishedAt } : {}) } : null,
    machineTranslated: Boolean(words),
    translationInProgress: true,
    status: 'draft',
  };
  return createArticle(store, draft, actor, baseUrl);
}
