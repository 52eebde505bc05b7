import type { InterfaceLanguage, PluralForms } from '../../core/interface-text.js';

/** One area's interface text in English: plain strings (with `{name}` slots) and counted phrases. */
export type Words = Record<string, string | PluralForms>;

/**
 * An area's words in every admin language, each with exactly English's keys: a missing or
 * misspelt key in any language is a compile error, not English on a French screen.
 */
export type Translated<T extends Words> = { en: T } & Record<Exclude<InterfaceLanguage, 'en'>, { [K in keyof T]: T[K] extends string ? string : PluralForms }>;

export function defineWords<T extends Words>(table: Translated<T>): Translated<T> {
  return table;
}
