import type { Article, ArticleCard } from '../../content/articles.types.js';
import type { Neighbours } from '../../content/articles.neighbours.js';
import { directionOf, nativeLanguageName } from '../../content/languages.js';
import { tagPath } from '../../content/urls.js';
import { AdditionalReporting, Byline, PictureCredit, TranslationNote } from './components/credits.js';
import { chromeLang, format, formatDateTime, stringsFor } from '../i18n.js';
import { CommentsSlot } from './comments-slot.js';
import { SubscribeSlot } from './subscribe-slot.js';
import { DateTime } from './components/date-time.js';
import type { Pictures } from '../../media/pictures.js';
import { labelledCredits } from '../body-pictures.js';
import { Picture, PICTURE_SIZES } from './components/picture.js';
import { ShareLinks } from './components/share-links.js';
import { StoryCard } from './components/story-card.js';
import { CORRECTIONS_ANCHOR, StoryNotes } from './components/story-notes.js';
import { correctionStrings } from '../corrections.strings.js';
import { LiveSection, type LiveSectionProps } from './live-blog.js';

export interface StoryProps {
  article: Article;
  neighbours: Neighbours;
  related: ArticleCard[];
  timeZone: string;
  imageUrl: string | null;
  /** Named in the byline of a story without authors ("By Herald Newsroom"). */
  publisher: string;
  /** What the media library knows of the story's pictures (featured and in its text). */
  pictures: Pictures;
  /** The story text with its library pictures as `<picture>`s (src/site/body-pictures.tsx). */
  body: string;
  /** Shown through a preview link (content/previews.ts) until it expires. */
  preview?: { expiresAt: string };
  /** A live blog's entries, under the story's text. */
  live?: LiveSectionProps;
}

/**
 * A story was edited after it went out when it has been saved again (a back-dated import is
 * still on its first version) more than a minute after its publication time, or has a
 * correction or update note.
 */
export function wasUpdated(article: Article): boolean {
  if (article.corrections.length > 0) return true;
  return article.version > 1 && !!article.publishedAt && Date.parse(article.updatedAt) - Date.parse(article.publishedAt) > 60_000;
}

function NeighbourLink({ article, rel, label }: { article: ArticleCard; rel: 'prev' | 'next'; label: string }) {
  return (
    <a href={article.path} rel={rel} class={rel === 'next' ? 'next' : 'prev'}>
      <small>{label}</small>
      <strong>{article.title}</strong>
      {article.section ? <small>{article.section.name}</small> : null}
    </a>
  );
}

/** The story page, in the order of the product brief. */
export function Story({ article, neighbours, related, timeZone, imageUrl, pictures, body, publisher, preview, live }: StoryProps) {
  const { language } = article;
  const t = stringsFor(language);
  const ui = chromeLang(t, language);
  const image = article.featuredImage;
  const corrected = article.corrections.some((note) => note.kind === 'correction');
  return (
    <article class="story" lang={language}>
      {preview ? (
        <p class="preview-notice" role="note" lang={ui}>
          {format(t.preview, { date: formatDateTime(preview.expiresAt, t.lang, timeZone) })}
        </p>
      ) : null}
      <h1>{article.title}</h1>
      {article.standfirst ? <p class="standfirst">{article.standfirst}</p> : null}
      <Byline article={article} t={t} ui={ui} publisher={publisher} />
      {/* A page (About, Contact) is not news: it shows no date. */}
      {article.publishedAt && article.kind === 'story' ? (
        <p class="meta dates">
          <span lang={ui}>{t.published}</span> <DateTime iso={article.publishedAt} language={language} timeZone={timeZone} />
          {wasUpdated(article) ? (
            <>
              {' · '}
              <span class="updated">
                <span lang={ui}>{t.updated}</span> <DateTime iso={article.updatedAt} language={language} timeZone={timeZone} />
              </span>
            </>
          ) : null}
          {corrected ? (
            <>
              {' · '}
              <a href={`#${CORRECTIONS_ANCHOR}`} lang={chromeLang(correctionStrings(language), language)}>
                {correctionStrings(language).corrected}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <StoryNotes notes={article.corrections} kind="update" language={language} timeZone={timeZone} />
      {image ? (
        <figure>
          <Picture src={image.url} alt={image.alt} media={pictures.of(image)} sizes={PICTURE_SIZES.story} priority />
          {image.caption || image.credit || article.credits.photographers.length ? (
            <figcaption>
              {image.caption} <PictureCredit article={article} t={t} ui={ui} />
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <div class="body" dangerouslySetInnerHTML={{ __html: labelledCredits(body, t.photo, ui) }} />
      <StoryNotes notes={article.corrections} kind="correction" language={language} timeZone={timeZone} />
      {live ? <LiveSection {...live} /> : null}
      {article.source ? (
        <p class="source">
          <span lang={ui}>{t.source}</span>:{' '}
          {article.source.url ? <a href={article.source.url}>{article.source.name}</a> : article.source.name}
          {article.source.publishedAt ? (
            <>
              {', '}
              <DateTime iso={article.source.publishedAt} language={language} timeZone={timeZone} />
            </>
          ) : null}
        </p>
      ) : null}
      <AdditionalReporting article={article} t={t} ui={ui} />
      <TranslationNote article={article} t={t} ui={ui} />
      {article.tags.length > 0 ? (
        <nav aria-label={t.tags}>
          <ul class="tags">
            {article.tags.map((tag) => (
              <li>
                <a href={tagPath(language, tag.slug)} rel="tag">
                  #{tag.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {neighbours.previous || neighbours.next ? (
        <nav class="prev-next" aria-label={`${t.previous} / ${t.next}`}>
          {neighbours.previous ? <NeighbourLink article={neighbours.previous} rel="prev" label={t.previous} /> : <span />}
          {neighbours.next ? <NeighbourLink article={neighbours.next} rel="next" label={t.next} /> : <span />}
        </nav>
      ) : null}
      {/* Nothing to share before the story is out: its address answers 404 until then. */}
      {preview ? null : <ShareLinks url={article.url} title={article.title} image={imageUrl} t={t} />}
      {preview ? null : <SubscribeSlot language={language} />}
      {preview ? null : <CommentsSlot article={article} language={language} timeZone={timeZone} />}
      {article.translations.length > 0 ? (
        <nav class="translations" aria-labelledby="translations-heading">
          <h2 id="translations-heading" lang={ui}>{t.otherLanguages}</h2>
          {/* No list markers: a marker of a left-to-right item in a right-to-left list hangs outside the page. */}
          <ul class="inline-list">
            {article.translations.map((tr) => (
              <li lang={tr.language} dir={directionOf(tr.language)}>
                <a href={tr.path} hreflang={tr.language}>
                  {nativeLanguageName(tr.language)}: {tr.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {related.length > 0 ? (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading" lang={ui}>{t.related}</h2>
          <ul class="cards">
            {related.map((r) => (
              <StoryCard article={r} timeZone={timeZone} />
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
