/**
 * Where a story stands in each language: the one definition the editor, the dashboard and the
 * Admin API all read. Pure: it takes the story's version rows and the site's languages.
 *
 * - The story's **original** is the version it was first written in: the earliest live version
 *   that is not a translation of another live version of the story. Never "whatever is in the
 *   default language", so changing the default language changes no story's original.
 * - A translation's **source** is its recorded source (`translated_from_id`) while that is a live
 *   version of the story, else the original.
 * - In each language the story is `missing` (no live version), `original`, `in-progress` (a copy
 *   or machine translation made by "Translate" that no person has edited the words of or published
 *   since), `outdated` (made from or last brought up to date with a version of its source older
 *   than the one at which the source's words last changed; also when nobody recorded which
 *   version it was made from), or `current`.
 */
import type { ArticleRow } from '../db/schema.js';
import type { ArticleStatus } from './articles.types.js';

export const LANGUAGE_STATES = ['original', 'current', 'in-progress', 'outdated', 'missing'] as const;
export type LanguageState = (typeof LANGUAGE_STATES)[number];

/** What the rules read of each language version of a story. */
export type VersionRow = Pick<
  ArticleRow,
  | 'id'
  | 'story_id'
  | 'language'
  | 'title'
  | 'status'
  | 'machine_translated'
  | 'translated_from_id'
  | 'source_version'
  | 'words_version'
  | 'translation_in_progress'
  | 'version'
  | 'created_at'
  | 'updated_at'
  | 'deleted_at'
>;

export const VERSION_COLUMNS = [
  'id',
  'story_id',
  'language',
  'title',
  'status',
  'machine_translated',
  'translated_from_id',
  'source_version',
  'words_version',
  'translation_in_progress',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
] as const satisfies ReadonlyArray<keyof VersionRow>;

export interface LanguageStatus {
  language: string;
  state: LanguageState;
  articleId: number | null;
  title: string | null;
  status: ArticleStatus | null;
  machineTranslated: boolean;
  updatedAt: string | null;
  /**
   * For a translation: the version it is judged against, the version of it the translation was
   * made from or last brought up to date with (null when unknown), and the version at which
   * its words last changed.
   */
  source: { articleId: number; language: string; translatedVersion: number | null; wordsVersion: number } | null;
}

function live<V extends VersionRow>(versions: V[]): V[] {
  return versions.filter((v) => v.deleted_at === null);
}

/** The version the story was first written in (see above), or null when no version is live. */
export function originalOf<V extends VersionRow>(versions: V[]): V | null {
  const alive = live(versions).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  return alive.find((v) => !alive.some((other) => other.id !== v.id && other.id === v.translated_from_id)) ?? alive[0] ?? null;
}

/**
 * The version `version` is judged against, or null for the original itself. `version.id` is
 * null for a version about to be written.
 */
export function sourceOf<V extends VersionRow>(versions: V[], version: { id: number | null; translated_from_id: number | null }): V | null {
  const original = originalOf(versions);
  if (!original || original.id === version.id) return null;
  return live(versions).find((v) => v.id === version.translated_from_id && v.id !== version.id) ?? original;
}

function stateOf(versions: VersionRow[], version: VersionRow): { state: LanguageState; source: VersionRow | null } {
  const source = sourceOf(versions, version);
  if (!source) return { state: 'original', source };
  if (version.translation_in_progress === 1) return { state: 'in-progress', source };
  const behind = version.source_version === null || source.words_version > version.source_version;
  return { state: behind ? 'outdated' : 'current', source };
}

/** The story in every site language, and in any other language it has a version in. */
export function languageStatesOf(versions: VersionRow[], siteLanguages: string[]): LanguageStatus[] {
  const alive = live(versions);
  const languages = [...new Set([...siteLanguages, ...alive.map((v) => v.language)])];
  return languages.map((language) => {
    const version = alive.find((v) => v.language === language);
    if (!version) {
      return { language, state: 'missing', articleId: null, title: null, status: null, machineTranslated: false, updatedAt: null, source: null };
    }
    const { state, source } = stateOf(versions, version);
    return {
      language,
      state,
      articleId: version.id,
      title: version.title,
      status: version.status as ArticleStatus,
      machineTranslated: version.machine_translated === 1,
      updatedAt: version.updated_at,
      source: source
        ? { articleId: source.id, language: source.language, translatedVersion: version.source_version, wordsVersion: source.words_version }
        : null,
    };
  });
}

/** The states that ask for a translator's work. */
export const NEEDS = ['missing', 'in-progress', 'outdated'] as const satisfies readonly LanguageState[];
export type Need = (typeof NEEDS)[number];

export function needsWork(state: LanguageState): state is Need {
  return (NEEDS as readonly LanguageState[]).includes(state);
}
