import type { Topic } from '../../content/articles.browse.js';
import type { ArticleCard } from '../../content/articles.types.js';
import type { Pictures } from '../../media/pictures.js';
import { format, stringsFor } from '../i18n.js';
import { creditStrings } from '../credits.strings.js';
import { Breadcrumb } from './components/breadcrumb.js';
import { Pagination } from './components/pagination.js';
import { StoryCard } from './components/story-card.js';

/** The name a section, tag or author page is titled with. */
export function topicTitle(topic: Topic, language: string): string {
  const t = stringsFor(language);
  if (topic.kind === 'section') return topic.section.name;
  if (topic.kind === 'tag') return `#${topic.tag.name}`;
  return format(t.storiesBy, { name: topic.author.name });
}

export function topicDescription(topic: Topic): string {
  if (topic.kind === 'section') return topic.section.description;
  if (topic.kind === 'tag') return topic.tag.description;
  return topic.author.bio;
}

export interface TopicPageProps {
  topic: Topic;
  language: string;
  path: string;
  timeZone: string;
  articles: ArticleCard[];
  page: number;
  /** Another page of older stories follows. */
  hasMore: boolean;
  /** Approved comments per story id. */
  comments?: ReadonlyMap<number, number>;
  /** What the media library knows of the stories' pictures. */
  pictures: Pictures;
}

/** An author's own site, named by its host ("Website: example.org"). */
function AuthorWebsite({ href, language }: { href: string; language: string }) {
  const words = creditStrings(language);
  const host = URL.canParse(href) ? new URL(href).host : href;
  return (
    <p class="author-website">
      <span lang={words.lang === language ? undefined : words.lang}>{words.website}</span>:{' '}
      <a href={href} rel="external">
        {host}
      </a>
    </p>
  );
}

/** A section, tag or author page: its stories, newest first, paginated. */
export function TopicPage({ topic, language, path, timeZone, articles, page, hasMore, comments = new Map(), pictures }: TopicPageProps) {
  const t = stringsFor(language);
  const title = topicTitle(topic, language);
  const kind = topic.kind === 'section' ? t.section : topic.kind === 'tag' ? t.tag : t.author;
  const description = topicDescription(topic);
  return (
    <>
      <Breadcrumb t={t} items={[{ name: t.home, href: `/${language}/` }, { name: title, href: path, lang: language }]} />
      <header>
        <p class="kicker" lang={t.lang}>{kind}</p>
        <h1>{page > 1 ? `${title} · ${format(t.page, { n: page })}` : title}</h1>
        {description ? <p class="standfirst">{description}</p> : null}
        {topic.kind === 'author' && topic.author.website ? <AuthorWebsite href={topic.author.website} language={language} /> : null}
      </header>
      {articles.length === 0 ? <p>{t.noStories}</p> : null}
      <ul class="cards">
        {articles.map((a) => (
          <StoryCard article={a} timeZone={timeZone} headingLevel={2} pictures={pictures} comments={comments.get(a.id)} />
        ))}
      </ul>
      <Pagination page={page} hasMore={hasMore} t={t} pathFor={(n) => (n === 1 ? path : `${path}?page=${n}`)} />
    </>
  );
}
