import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { chooseLanguage, format, INTERFACE_LANGUAGES, pluralForm, type InterfaceLanguage, type PluralForms } from '../../core/interface-text.js';
import { directionOf } from '../../content/languages.js';
import { authors } from './words/authors.js';
import { comments } from './words/comments.js';
import { corrections } from './words/corrections.js';
import { credits } from './words/credits.js';
import { common } from './words/common.js';
import { dashboard } from './words/dashboard.js';
import { editor } from './words/editor.js';
import { errors } from './words/errors.js';
import { feeds } from './words/feeds.js';
import { fediverse } from './words/fediverse.js';
import { imports } from './words/imports.js';
import { layout } from './words/layout.js';
import { live } from './words/live.js';
import { media } from './words/media.js';
import { members } from './words/members.js';
import { moments } from './words/moments.js';
import { nav } from './words/nav.js';
import { newsletters } from './words/newsletters.js';
import { people } from './words/people.js';
import { previews } from './words/previews.js';
import { review } from './words/review.js';
import { revisions } from './words/revisions.js';
import { settings } from './words/settings.js';
import { stories } from './words/stories.js';
import { signIn } from './words/sign-in.js';
import { stats } from './words/stats.js';
import { taxonomy } from './words/taxonomy.js';
import { translations } from './words/translations.js';

/**
 * Every area's words. To translate a new screen, add `words/<area>.ts` with `defineWords` and
 * list it here; screens read it as `useText().<area>.<key>`.
 */
const AREAS = {
  authors,
  comments,
  common,
  corrections,
  credits,
  dashboard,
  editor,
  errors,
  feeds,
  fediverse,
  imports,
  layout,
  live,
  media,
  members,
  moments,
  nav,
  newsletters,
  people,
  previews,
  review,
  revisions,
  settings,
  stories,
  signIn,
  stats,
  taxonomy,
  translations,
};

type Areas = typeof AREAS;
export type AdminWords = { [A in keyof Areas]: Areas[A]['en'] };

/** The admin's words in one language, with the helpers that fill them in. */
export type AdminText = AdminWords & {
  lang: InterfaceLanguage;
  dir: 'ltr' | 'rtl';
  /** `{name}` slots filled from `values`. */
  format(template: string, values: Record<string, string | number>): string;
  /**
   * The form of a counted phrase that `n` takes in this language (Arabic has six), with `{n}`
   * and any other `{slots}` of the phrase filled from `values`.
   */
  plural(n: number, forms: PluralForms, values?: Record<string, string | number>): string;
};

const built = new Map<InterfaceLanguage, AdminText>();

export function adminText(lang: InterfaceLanguage): AdminText {
  let found = built.get(lang);
  if (!found) {
    const words = Object.fromEntries(Object.entries(AREAS).map(([area, table]) => [area, table[lang]])) as AdminWords;
    found = { ...words, lang, dir: directionOf(lang), format, plural: (n, forms, values = {}) => format(pluralForm(lang, n, forms), { ...values, n }) };
    built.set(lang, found);
  }
  return found;
}

export { chooseLanguage, INTERFACE_LANGUAGES };

export const TextContext = createContext<AdminText>(adminText('en'));

export function useText(): AdminText {
  return useContext(TextContext);
}
