import type { ComponentChildren } from 'preact';
import type { Article } from '../../../content/articles.types.js';
import { shownCredits } from '../../../content/credits.service.js';
import { languageNameIn, perLanguage } from '../../../content/languages.js';
import { authorPath } from '../../../content/urls.js';
import type { PublicAuthor } from '../../../people/users.service.js';
import { creditStrings } from '../../credits.strings.js';
import type { Interface } from '../../i18n.js';

const listFormat = perLanguage((language: string) => new Intl.ListFormat(language, { type: 'conjunction' }));

/**
 * People's names linked to their author pages, in their order, joined the way the language
 * joins a list ("A, B and C", "A, B et C", "A وB وC", "A、B和C").
 */
export function PeopleList({ people, language, rel }: { people: PublicAuthor[]; language: string; rel?: string }) {
  let next = 0;
  return (
    <>
      {listFormat(language)
        .formatToParts(people.map((p) => p.name))
        .map((part) => {
          if (part.type === 'literal') return part.value;
          const person = people[next++];
          return (
            <a href={authorPath(language, person.slug)} rel={rel}>
              {/* Isolated: a Latin name in an Arabic list (or the reverse) keeps its place. */}
              <bdi>{person.name}</bdi>
            </a>
          );
        })}
    </>
  );
}

/** A sentence of the site's words with nodes in the place of its `{placeholders}`. */
function sentence(template: string, nodes: Record<string, ComponentChildren>) {
  return template.split(/(\{\w+\})/).map((piece) => {
    const key = /^\{(\w+)\}$/.exec(piece)?.[1];
    return key !== undefined && key in nodes ? nodes[key] : piece;
  });
}

/** "By A, B and C", or the publisher for a story without authors. */
export function Byline({ article, t, ui, publisher }: { article: Article; t: Interface; ui: string | undefined; publisher: string }) {
  return (
    <p class="meta byline">
      <span lang={ui}>{t.by}</span>{' '}
      {article.authors.length > 0 ? <PeopleList people={article.authors} language={article.language} rel="author" /> : publisher}
    </p>
  );
}

/** The lead picture's credit: its photographers (linked) and the credit text, e.g. an agency. */
export function PictureCredit({ article, t, ui }: { article: Article; t: Interface; ui: string | undefined }) {
  const photographers = shownCredits(article).photographers;
  const text = article.featuredImage?.credit ?? '';
  if (!photographers.length && !text) return null;
  return (
    <small class="credit">
      <span lang={ui}>{t.photo}</span>: {photographers.length ? <PeopleList people={photographers} language={article.language} /> : null}
      {photographers.length && text ? ' / ' : null}
      {text ? <bdi>{text}</bdi> : null}
    </small>
  );
}

/** "Translated from French by A" (with the translators when credited), or by machine or the newsroom. */
export function TranslationNote({ article, t, ui }: { article: Article; t: Interface; ui: string | undefined }) {
  if (!article.translatedFrom) return null;
  const language = languageNameIn(article.translatedFrom.language, t.lang);
  const translators = shownCredits(article).translators;
  if (translators.length && !article.machineTranslated) {
    const words = creditStrings(t.lang);
    return (
      <p class="translation-note" lang={ui}>
        {sentence(words.translatedFromBy, {
          language,
          names: (
            <span lang={ui ? article.language : undefined}>
              <PeopleList people={translators} language={article.language} />
            </span>
          ),
        })}
      </p>
    );
  }
  return (
    <p class="translation-note" lang={ui}>
      {sentence(t.translatedFrom, { language })} {article.machineTranslated ? t.byMachine : t.byPerson}
    </p>
  );
}

/** "Additional reporting by A and B", at the end of the story. */
export function AdditionalReporting({ article, t, ui }: { article: Article; t: Interface; ui: string | undefined }) {
  const people = shownCredits(article).additionalReporting;
  if (!people.length) return null;
  return (
    <p class="credits additional-reporting" lang={ui}>
      {sentence(creditStrings(t.lang).additionalReporting, {
        names: (
          <span lang={ui ? article.language : undefined}>
            <PeopleList people={people} language={article.language} />
          </span>
        ),
      })}
    </p>
  );
}
