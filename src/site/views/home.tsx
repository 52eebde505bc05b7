import type { SectionStories } from '../../content/articles.browse.js';
import type { ArticleCard } from '../../content/articles.types.js';
import { sectionPath } from '../../content/urls.js';
import type { Pictures } from '../../media/pictures.js';
import { format, stringsFor } from '../i18n.js';
import { Pagination } from './components/pagination.js';
import { Picture, PICTURE_SIZES } from './components/picture.js';
import { StoryCard, StoryMeta } from './components/story-card.js';
import { SubscribeSlot } from './subscribe-slot.js';

export interface HomeProps {
  language: string;
  siteName: string;
  timeZone: string;
  /** Newest first; on page 1 the first one is the lead. */
  articles: ArticleCard[];
  sections: SectionStories[];
  page: number;
  /** Another page of older stories follows. */
  hasMore: boolean;
  /** Approved comments per story id. */
  comments?: ReadonlyMap<number, number>;
  /** What the media library knows of the stories' pictures. */
  pictures: Pictures;
}

function Lead({ article, t, timeZone, comments, pictures }: { article: ArticleCard; t: ReturnType<typeof stringsFor>; timeZone: string; comments?: number; pictures: Pictures }) {
  const image = article.featuredImage;
  return (
    <section class="lead" aria-labelledby="lead-heading" lang={article.language}>
      {image ? <Picture src={image.url} alt={image.alt} media={pictures.of(image)} sizes={PICTURE_SIZES.lead} priority /> : null}
      <div>
        <p class="kicker" lang={t.lang}>{t.lead}</p>
        <h2 id="lead-heading">
          <a href={article.path}>{article.title}</a>
        </h2>
        {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
        <StoryMeta article={article} timeZone={timeZone} comments={comments} />
      </div>
    </section>
  );
}

/** The front page: lead story, latest stories and the sections; later pages are the archive. */
export function Home({ language, siteName, timeZone, articles, sections, page, hasMore, comments = new Map(), pictures }: HomeProps) {
  const t = stringsFor(language);
  const [lead, ...rest] = page === 1 ? articles : [undefined, ...articles];
  return (
    <>
      <h1 class={page === 1 ? 'visually-hidden' : undefined}>{page === 1 ? siteName : `${siteName} · ${format(t.page, { n: page })}`}</h1>
      {articles.length === 0 ? <p>{t.noStories}</p> : null}
      {lead ? <Lead article={lead} t={t} timeZone={timeZone} comments={comments.get(lead.id)} pictures={pictures} /> : null}
      {rest.length > 0 ? (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">{t.latest}</h2>
          <ul class="cards">
            {rest.map((a) => (a ? <StoryCard article={a} timeZone={timeZone} pictures={pictures} comments={comments.get(a.id)} /> : null))}
          </ul>
        </section>
      ) : null}
      <SubscribeSlot language={language} />
      <Pagination page={page} hasMore={hasMore} t={t} pathFor={(n) => (n === 1 ? `/${language}/` : `/${language}/?page=${n}`)} />
      {sections.map(({ section, articles: list }) => (
        <section class="home-section" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>
            <a href={sectionPath(language, section.slug)}>{section.name}</a>
          </h2>
          <ul class="cards">
            {list.map((a) => (
              <StoryCard article={a} timeZone={timeZone} comments={comments.get(a.id)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
