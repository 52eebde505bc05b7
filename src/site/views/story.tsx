import type { Article } from '../../content/articles.types.js';
import { languageNameIn, nativeLanguageName } from '../../content/languages.js';
import { authorPath } from '../../content/urls.js';
import { format, formatDateTime, stringsFor } from '../i18n.js';

export function Story({ article, timeZone }: { article: Article; timeZone: string }) {
  const { language } = article;
  const t = stringsFor(language);
  const edited = article.publishedAt && Date.parse(article.updatedAt) - Date.parse(article.publishedAt) > 60_000;
  return (
    <article lang={language}>
      <h1>{article.title}</h1>
      {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
      <p class="meta">
        {article.authors.length > 0 ? (
          <span>
            {t.by}{' '}
            {article.authors.map((author, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={authorPath(language, author.slug)} rel="author">
                  {author.name}
                </a>
              </>
            ))}
            {' · '}
          </span>
        ) : null}
        {article.publishedAt ? (
          <time datetime={article.publishedAt}>{formatDateTime(article.publishedAt, language, timeZone)}</time>
        ) : null}
        {edited ? (
          <>
            {' · '}
            {t.updated} <time datetime={article.updatedAt}>{formatDateTime(article.updatedAt, language, timeZone)}</time>
          </>
        ) : null}
      </p>
      {article.featuredImage ? (
        <figure>
          <img src={article.featuredImage.url} alt={article.featuredImage.alt} width={1200} height={675} />
          {article.featuredImage.caption || article.featuredImage.credit ? (
            <figcaption>
              {article.featuredImage.caption} {article.featuredImage.credit ? <small>© {article.featuredImage.credit}</small> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <div class="body" dangerouslySetInnerHTML={{ __html: article.body }} />
      {article.source ? (
        <p class="source">
          {t.source}:{' '}
          {article.source.url ? <a href={article.source.url}>{article.source.name}</a> : article.source.name}
          {article.source.publishedAt ? `, ${formatDateTime(article.source.publishedAt, language, timeZone)}` : ''}
        </p>
      ) : null}
      {article.translatedFrom ? (
        <p class="translation-note">
          {format(t.translatedFrom, { language: languageNameIn(article.translatedFrom.language, language) })}{' '}
          {article.machineTranslated ? t.byMachine : t.byPerson}
        </p>
      ) : null}
      {article.tags.length > 0 ? (
        <ul class="tags">
          {article.tags.map((tag) => (
            <li>
              <a href={`/${language}/tag/${encodeURIComponent(tag.slug)}`} rel="tag">
                #{tag.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {article.translations.length > 0 ? (
        <nav class="translations" aria-label={t.otherLanguages}>
          {t.otherLanguages}:{' '}
          {article.translations.map((tr, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={tr.path} hreflang={tr.language} lang={tr.language}>
                {nativeLanguageName(tr.language)}: {tr.title}
              </a>
            </>
          ))}
        </nav>
      ) : null}
    </article>
  );
}
