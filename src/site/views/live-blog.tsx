import { directionOf, languageNameIn } from '../../content/languages.js';
import { embedHtml, recognizeEmbed } from '../../content/embeds.js';
import type { LiveBlog, LiveEntry } from '../../live/live.types.js';
import { liveStringsFor } from '../../live/live.strings.js';
import type { PictureRef, Pictures } from '../../media/pictures.js';
import { bodyPictureRefs, bodyWithPictures, labelledCredits } from '../body-pictures.js';
import { ASSETS } from '../site.assets.js';
import { Picture, PICTURE_SIZES } from './components/picture.js';
import { chromeLang, format, formatShortDateTime, isoInTimeZone, stringsFor } from '../i18n.js';

/** The page's id of an entry: its address to share (`…#entry-12`). */
export const entryAnchor = (id: number) => `entry-${id}`;

/** The pictures an entry shows (its own and those of its text), to load with the page's others. */
export function entryPictureRefs(entry: LiveEntry): PictureRef[] {
  return [...(entry.picture ? [entry.picture] : []), ...bodyPictureRefs(entry.body)];
}

interface EntryProps {
  entry: LiveEntry;
  /** What the media library knows of the entry's pictures (entryPictureRefs): drawn as a story's are. */
  pictures: Pictures;
  /** The page's language: an entry in another one says so, in the page's words. */
  language: string;
  timeZone: string;
}

/**
 * One entry: its time (a link to its own address), author, text, picture and embed. The same
 * markup on the page and in the live updates (site.live.ts), so an entry arriving live looks
 * like one that was there. An entry not yet translated into the page's language shows as
 * written, its language marked and said.
 */
export function LiveEntryItem({ entry, pictures, language, timeZone }: EntryProps) {
  const t = liveStringsFor(language);
  const ui = chromeLang(stringsFor(language), language);
  const body = labelledCredits(bodyWithPictures(entry.body, pictures, PICTURE_SIZES.story), stringsFor(language).photo, ui);
  const anchor = entryAnchor(entry.id);
  const foreign = entry.language !== language;
  const embed = entry.embedUrl ? recognizeEmbed(entry.embedUrl) : null;
  return (
    <li
      class={entry.pinned ? 'live-entry pinned' : 'live-entry'}
      id={anchor}
      data-published={entry.publishedAt}
      data-updated={entry.updatedAt}
      data-pinned={entry.pinned ? 'true' : 'false'}
    >
      <p class="live-entry-meta">
        <a class="live-time" href={`#${anchor}`} title={t.link} lang={ui}>
          <time datetime={isoInTimeZone(entry.publishedAt, timeZone)}>{formatShortDateTime(entry.publishedAt, language, timeZone)}</time>
        </a>
        {entry.pinned ? <span class="live-pinned" lang={ui}>{t.pinned}</span> : null}
        <span class="live-author">{format(t.by, { name: entry.author.name })}</span>
      </p>
      {foreign ? (
        <p class="live-language-note" lang={ui}>
          {format(t.original, { language: languageNameIn(entry.language, t.lang) })}
        </p>
      ) : null}
      {entry.machineTranslated ? <p class="live-language-note" lang={ui}>{t.machine}</p> : null}
      <div class="body live-body" lang={entry.language} dir={directionOf(entry.language)} dangerouslySetInnerHTML={{ __html: body }} />
      {entry.picture ? (
        <figure class="live-picture">
          <Picture src={entry.picture.url} alt={entry.picture.alt} media={pictures.of(entry.picture)} sizes={PICTURE_SIZES.story} />
          {entry.picture.caption || entry.picture.credit ? (
            <figcaption>
              {entry.picture.caption}
              {entry.picture.credit ? (
                <>
                  {' '}
                  <small class="credit">
                    <span lang={ui}>{stringsFor(language).photo}</span>: {entry.picture.credit}
                  </small>
                </>
              ) : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      {embed ? <div class="live-embed" dangerouslySetInnerHTML={{ __html: embedHtml(embed) }} /> : null}
    </li>
  );
}

export interface LiveSectionProps {
  blog: LiveBlog;
  entries: LiveEntry[];
  pictures: Pictures;
  language: string;
  timeZone: string;
  /** The article whose page this is: the live updates are asked for it. */
  articleId: number;
  /** The newest change the page shows: where its live updates start. */
  cursor: string;
}

/**
 * The entries of a live blog, pinned first, then newest first. A plain list without scripts;
 * with them (assets/live-blog.js), new entries wait behind a "3 new updates" button instead of
 * pushing the text the reader is on down the page.
 */
export function LiveSection({ blog, entries, pictures, language, timeZone, articleId, cursor }: LiveSectionProps) {
  const t = liveStringsFor(language);
  const ui = chromeLang(stringsFor(language), language);
  const ended = blog.closedAt !== null;
  return (
    <section
      class={ended ? 'live-blog ended' : 'live-blog'}
      aria-labelledby="live-heading"
      data-live-stream={`/live/${articleId}/events`}
      data-live-poll={`/live/${articleId}/updates`}
      data-live-cursor={cursor}
      data-live-forms={JSON.stringify(t.newUpdates)}
      data-live-lang={t.lang}
      data-live-archived={blog.archivedAt ? 'true' : 'false'}
    >
      <h2 id="live-heading" lang={ui}>
        {t.heading}
        <span class="live-badge" hidden={ended}>{t.live}</span>
      </h2>
      <p class="live-ended" role="status" lang={ui} hidden={!ended}>
        {t.ended}
      </p>
      <div class="live-new-slot" aria-live="polite">
        <button type="button" class="live-new" lang={ui} hidden />
      </div>
      {entries.length === 0 ? <p class="live-none" lang={ui}>{t.none}</p> : null}
      <ol class="live-entries">
        {entries.map((entry) => (
          <LiveEntryItem entry={entry} pictures={pictures} language={language} timeZone={timeZone} />
        ))}
      </ol>
      <script src={ASSETS.liveJs.url} defer />
    </section>
  );
}
