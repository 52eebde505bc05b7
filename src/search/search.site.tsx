import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { absoluteUrl } from '../content/urls.js';
import { nativeLanguageName } from '../content/languages.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { AppError } from '../core/errors.js';
import { format, formatDateTime, plural, shippedLanguage, stringsFor, type PluralForms } from '../site/i18n.js';
import { sendSitePage } from '../site/render.js';
import { MAX_AGE } from '../site/send-page.js';
import { feedLinks, type PageMeta } from '../site/seo.js';
import { pageNumber, sendErrorPage } from '../site/site.shared.js';
import { Pagination } from '../site/views/components/pagination.js';
import { searchArticles, type SearchPage } from './search.service.js';
import { MATCH_COUNT_LIMIT } from './search.types.js';
import { MAX_QUERY_LENGTH } from './text.js';

const PAGE_SIZE = 10;

/** The search page's own words; the site's table has "Search" itself. */
const WORDS: Record<string, { results: string; none: string; all: string; tooLong: string; count: PluralForms }> = {
  en: { results: 'Results for “{q}”', none: 'No story matches “{q}”.', all: 'All languages', tooLong: 'The search is too long (at most {n} characters).', count: { one: '{n} story', other: '{n} stories' } },
  fr: { results: 'Résultats pour « {q} »', none: 'Aucun article ne correspond à « {q} ».', all: 'Toutes les langues', tooLong: 'La recherche est trop longue ({n} caractères au plus).', count: { one: '{n} article', other: '{n} articles' } },
  de: { results: 'Ergebnisse für „{q}“', none: 'Kein Artikel passt zu „{q}“.', all: 'Alle Sprachen', tooLong: 'Die Suche ist zu lang (höchstens {n} Zeichen).', count: { one: '{n} Artikel', other: '{n} Artikel' } },
  es: { results: 'Resultados para «{q}»', none: 'Ninguna noticia coincide con «{q}».', all: 'Todos los idiomas', tooLong: 'La búsqueda es demasiado larga (máximo {n} caracteres).', count: { one: '{n} noticia', other: '{n} noticias' } },
  'zh-Hant': { results: '「{q}」的搜尋結果', none: '沒有符合「{q}」的報導。', all: '所有語言', tooLong: '搜尋字串過長（最多 {n} 個字元）。', count: { other: '{n} 篇報導' } },
  ar: { results: 'نتائج البحث عن «{q}»', none: 'لا توجد أخبار تطابق «{q}».', all: 'كل اللغات', tooLong: 'البحث طويل جدًا (الحد الأقصى {n} حرفًا).', count: { zero: 'لا أخبار', one: 'خبر واحد', two: 'خبران', few: '{n} أخبار', many: '{n} خبرًا', other: '{n} خبر' } },
};

function wordsFor(language: string) {
  return WORDS[shippedLanguage(WORDS, language)];
}

interface ResultsProps {
  language: string;
  q: string;
  all: boolean;
  results: SearchPage | null;
  error: string | null;
  timeZone: string;
}

/** "1,000+" once the search stopped counting (see MATCH_COUNT_LIMIT). */
function matchCount(total: number, language: string): string {
  const n = total.toLocaleString(language);
  return total >= MATCH_COUNT_LIMIT ? `${n}+` : n;
}

function SearchResults({ language, q, all, results, error, timeZone }: ResultsProps) {
  const t = stringsFor(language);
  const w = wordsFor(language);
  const path = (n: number) => `/${language}/search?q=${encodeURIComponent(q)}${all ? '&all=1' : ''}${n > 1 ? `&page=${n}` : ''}`;
  return (
    <section class="search-page" aria-labelledby="search-title">
      <h1 id="search-title">{q && results ? format(w.results, { q }) : t.search}</h1>
      {/* Named apart from the header's search form. */}
      <form role="search" aria-label={t.searchLabel} action={`/${language}/search`} method="get">
        <input type="search" name="q" value={q} aria-label={t.searchLabel} maxLength={MAX_QUERY_LENGTH} />
        <label>
          <input type="checkbox" name="all" value="1" checked={all} /> {w.all}
        </label>
        <button type="submit">{t.search}</button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {results && q ? <p class="meta">{results.items.length ? plural(t.lang, results.pagination.total, w.count, matchCount(results.pagination.total, language)) : format(w.none, { q })}</p> : null}
      {results ? (
        <ol class="search-results">
          {results.items.map(({ article, highlight }) => (
            <li lang={article.language}>
              <h2>
                <a href={article.path} dangerouslySetInnerHTML={{ __html: highlight.title }} />
              </h2>
              <p dangerouslySetInnerHTML={{ __html: highlight.snippet }} />
              <p class="meta">
                {article.language !== language ? <span lang={article.language}>{nativeLanguageName(article.language)} · </span> : null}
                {article.publishedAt ? <time datetime={article.publishedAt}>{formatDateTime(article.publishedAt, language, timeZone)}</time> : null}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {results ? <Pagination page={results.pagination.page} hasMore={results.pagination.page < results.pagination.pages} t={t} pathFor={path} /> : null}
    </section>
  );
}

/**
 * `/{lang}/search?q=…` — stories in the page's language, or in every language with `all=1`.
 * Server-rendered like every public page; nothing runs in the reader's browser.
 */
export const searchSite: FastifyPluginAsync = fp(async (app) => {
  const { db } = app.herald.database;
  app.get<{ Params: { lang: string }; Querystring: Record<string, string | string[] | undefined> }>('/:lang/search', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang } = request.params;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
    const q = one(request.query.q).trim();
    const all = one(request.query.all) === '1';
    const page = pageNumber(one(request.query.page) || undefined);
    if (!settings.languages.includes(lang) || page === null) return sendErrorPage(request, reply, 404);
    let results: SearchPage | null = null;
    let error: string | null = null;
    let status = 200;
    try {
      results = q ? await searchArticles(db, { q, language: all ? undefined : lang, page, limit: PAGE_SIZE }, settings.baseUrl, 'public') : null;
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      status = 400;
      error = format(wordsFor(lang).tooLong, { n: MAX_QUERY_LENGTH });
    }
    addCacheKeys(reply, [
      ...(all ? settings.languages : [lang]).map(cacheKey.list),
      ...(results?.items ?? []).map((r) => cacheKey.article(r.article.id)),
    ]);
    const t = stringsFor(lang);
    const meta: PageMeta = {
      title: `${q ? `${q} · ` : ''}${t.search} · ${settings.name}`,
      description: settings.description,
      canonical: absoluteUrl(settings.baseUrl, `/${lang}/search`),
      alternates: [],
      ogType: 'website',
      image: null,
      feeds: feedLinks(settings, `/${lang}`, settings.name),
      jsonLd: [],
      // Result pages are endless and thin: crawlers should follow the stories instead.
      robots: 'noindex, follow',
    };
    return sendSitePage(request, reply, settings, {
      language: lang,
      meta,
      versions: settings.languages.map((l) => ({ language: l, href: `/${l}/search${q ? `?q=${encodeURIComponent(q)}` : ''}` })),
      status,
      maxAge: MAX_AGE.listing,
      counted: { article: 0, kind: 'search' },
      lastModified: null,
      body: <SearchResults language={lang} q={q} all={all} results={results} error={error} timeZone={settings.timezone} />,
    });
  });
});
