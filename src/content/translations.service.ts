/**
 * The translation workflow: which languages a story exists in, which translations are
 * outdated (their original's text changed after they were last saved), and making the linked
 * draft of a new translation, by a person or a configured machine translation provider.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { can, type Actor } from '../people/permissions.js';
import { getSettings } from '../settings/settings.service.js';
import { createArticle, getArticle } from './articles.service.js';
import type { Article, ArticleStatus, NewArticle } from './articles.types.js';
import { canonicalLanguage } from './languages.js';
import { ProviderError, type MachineTranslator } from './machine-translation/provider.js';

export type LanguageState = 'original' | 'current' | 'outdated' | 'missing';

export interface LanguageStatus {
  language: string;
  state: LanguageState;
  articleId: number | null;
  title: string | null;
  status: ArticleStatus | null;
  machineTranslated: boolean;
  updatedAt: string | null;
}

/**
 * When the words of an article last changed: the newest revision whose title, standfirst or
 * body differs from the one before. Publishing or re-tagging does not make translations outdated.
 */
export async function textChangedAt(db: Kysely<Schema>, articleId: number): Promise<string | null> {
  const revisions = await db
    .selectFrom('article_revisions')
    .select(['snapshot', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'asc')
    .execute();
  let last: string | null = null;
  let previous = '';
  for (const revision of revisions) {
    const { title, standfirst, body } = JSON.parse(revision.snapshot) as Pick<Article, 'title' | 'standfirst' | 'body'>;
    const words = JSON.stringify([title, standfirst, body]);
    if (words !== previous) last = revision.created_at;
    previous = words;
  }
  return last;
}

/** Every site language (and any other the story has), with the state of the story in it. */
export async function languageStatuses(db: Kysely<Schema>, articleId: number): Promise<LanguageStatus[]> {
  const article = await db.selectFrom('articles').select(['story_id']).where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound(`Article ${articleId}`);
  const versions = await db
    .selectFrom('articles')
    .select(['id', 'language', 'title', 'status', 'machine_translated', 'translated_from_id', 'updated_at', 'created_at'])
    .where('story_id', '=', article.story_id)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const root = versions.find((v) => v.translated_from_id === null) ?? versions[0];
  const { languages } = await getSettings(db);
  const all = [...new Set([...languages, ...versions.map((v) => v.language)])];
  const changed = new Map<number, string | null>();
  const changedAt = async (id: number) => {
    if (!changed.has(id)) changed.set(id, await textChangedAt(db, id));
    return changed.get(id) ?? null;
  };
  const statuses: LanguageStatus[] = [];
  for (const language of all) {
    const version = versions.find((v) => v.language === language);
    if (!version) {
      statuses.push({ language, state: 'missing', articleId: null, title: null, status: null, machineTranslated: false, updatedAt: null });
      continue;
    }
    let state: LanguageState = 'original';
    if (version.id !== root?.id) {
      const sourceId = versions.some((v) => v.id === version.translated_from_id) ? version.translated_from_id! : root.id;
      const sourceChanged = await changedAt(sourceId);
      state = sourceChanged && Date.parse(sourceChanged) > Date.parse(version.updated_at) ? 'outdated' : 'current';
    }
    statuses.push({
      language,
      state,
      articleId: version.id,
      title: version.title,
      status: version.status as ArticleStatus,
      machineTranslated: version.machine_translated === 1,
      updatedAt: version.updated_at,
    });
  }
  return statuses;
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
 * marked machine-translated so that a person reviews it before publishing.
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
    status: 'draft',
  };
  return createArticle(store, draft, actor, baseUrl);
}
