import type { Article } from '../../content/articles.types.js';
import { formatDateTime, stringsFor } from '../i18n.js';

export function Home({ articles, language, timeZone }: { articles: Article[]; language: string; timeZone: string }) {
  const t = stringsFor(language);
  return (
    <section aria-labelledby="latest">
      <h1 id="latest">{t.latest}</h1>
      {articles.length === 0 ? <p>{t.noStories}</p> : null}
      <ul class="stories">
        {articles.map((article) => (
          <li>
            <h2>
              <a href={article.path}>{article.title}</a>
            </h2>
            <p>{article.excerpt}</p>
            {article.publishedAt ? (
              <p class="meta">
                <time datetime={article.publishedAt}>{formatDateTime(article.publishedAt, language, timeZone)}</time>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
