import type { ListedCorrection } from '../../content/corrections.service.js';
import { correctionStrings } from '../corrections.strings.js';
import { stringsFor } from '../i18n.js';
import { DateTime } from './components/date-time.js';
import { Pagination } from './components/pagination.js';
import { CORRECTIONS_ANCHOR } from './components/story-notes.js';

/** `/{lang}/corrections`: every note on the language's stories, newest first, with the story it is on. */
export function CorrectionsPage({ language, notes, page, hasMore, timeZone }: { language: string; notes: ListedCorrection[]; page: number; hasMore: boolean; timeZone: string }) {
  const t = stringsFor(language);
  const c = correctionStrings(language);
  return (
    <section class="corrections-page" lang={c.lang}>
      <h1>{c.title}</h1>
      {page === 1 ? <p class="standfirst">{c.intro}</p> : null}
      {notes.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <ol class="notes-list">
          {notes.map((note) => (
            <li class={`note ${note.kind}`}>
              <p class="note-meta">
                <strong>{note.kind === 'correction' ? c.correction : c.update}</strong>{' '}
                <DateTime iso={note.publishedAt} language={language} timeZone={timeZone} />
              </p>
              <p lang={language}>{note.text}</p>
              <p class="note-story">
                {c.story}:{' '}
                <a href={note.kind === 'correction' ? `${note.article.path}#${CORRECTIONS_ANCHOR}` : note.article.path} lang={language}>
                  {note.article.title}
                </a>
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} hasMore={hasMore} t={{ ...t, newer: c.newer, older: c.older }} pathFor={(n) => (n === 1 ? `/${language}/corrections` : `/${language}/corrections?page=${n}`)} />
    </section>
  );
}
