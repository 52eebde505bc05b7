import type { ArticleCard } from '../../../content/articles.types.js';
import { sectionPath } from '../../../content/urls.js';
import { commentStrings } from '../../../comments/comments.strings.js';
import type { Pictures } from '../../../media/pictures.js';
import { formatDate, plural } from '../../i18n.js';
import { focalPointClasses, Picture, PICTURE_SIZES } from './picture.js';

/** "3 comments", linking to them, in the story's language; nothing while there are none. */
export function CommentCount({ article, count }: { article: ArticleCard; count: number | undefined }) {
  if (!count) return null;
  const c = commentStrings(article.language);
  return (
    <>
      {' · '}
      <a class="comment-count" href={`${article.path}#comments`}>{plural(c.lang, count, c.count)}</a>
    </>
  );
}

/** The date line under a story's headline in a list, with its comment count. */
export function StoryMeta({ article, timeZone, comments }: { article: ArticleCard; timeZone: string; comments?: number }) {
  if (!article.publishedAt) return null;
  return (
    <p class="meta">
      <time datetime={article.publishedAt}>{formatDate(article.publishedAt, article.language, timeZone)}</time>
      <CommentCount article={article} count={comments} />
    </p>
  );
}

export interface StoryCardProps {
  article: ArticleCard;
  timeZone: string;
  headingLevel?: 2 | 3;
  /** What the media library knows of the stories' pictures; without it, none is shown. */
  pictures?: Pictures;
  comments?: number;
}

/** A story in a list: picture, section, headline, standfirst and date, in the story's language. */
export function StoryCard({ article, timeZone, headingLevel = 3, pictures, comments }: StoryCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const image = article.featuredImage;
  const media = pictures && image ? pictures.of(image) : null;
  const focus = focalPointClasses(media?.focalPoint);
  return (
    <li class="card" lang={article.language}>
      {/* The headline beside it names the story: the picture adds nothing to read out. */}
      {pictures && image ? <Picture src={image.url} alt="" media={media} sizes={PICTURE_SIZES.card} attributes={focus ? { class: focus } : undefined} /> : null}
      {article.section ? (
        <a class="kicker" href={sectionPath(article.language, article.section.slug)}>
          {article.section.name}
        </a>
      ) : null}
      <Heading>
        <a href={article.path}>{article.title}</a>
      </Heading>
      {article.standfirst || article.excerpt ? <p>{article.standfirst || article.excerpt}</p> : null}
      <StoryMeta article={article} timeZone={timeZone} comments={comments} />
    </li>
  );
}
