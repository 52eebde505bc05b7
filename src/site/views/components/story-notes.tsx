import type { Correction } from '../../../content/articles.types.js';
import { correctionStrings } from '../../corrections.strings.js';
import { chromeLang } from '../../i18n.js';
import { DateTime } from './date-time.js';

/** The anchor of a story's corrections, linked from its dates line. */
export const CORRECTIONS_ANCHOR = 'corrections';

/**
 * A story's notes of one kind, each with its kind and time in the story's language and the
 * site's time zone. Updates stand at the top of the story, newest first (they change how the
 * story reads now); corrections at the end of its text, oldest first (the text above already
 * reads as corrected; the notes are the record of what was wrong), with the dates line at the
 * top saying the story was corrected and linking here.
 */
export function StoryNotes({ notes, kind, language, timeZone }: { notes: Correction[]; kind: Correction['kind']; language: string; timeZone: string }) {
  const shown = notes.filter((note) => note.kind === kind);
  if (shown.length === 0) return null;
  if (kind === 'update') shown.reverse();
  const c = correctionStrings(language);
  const ui = chromeLang(c, language);
  return (
    <aside class={`story-notes ${kind}s`} id={kind === 'correction' ? CORRECTIONS_ANCHOR : undefined} aria-label={kind === 'correction' ? c.corrections : c.updates} lang={ui}>
      <ul>
        {shown.map((note) => (
          <li lang={language}>
            <p class="note-meta">
              <strong lang={ui}>{kind === 'correction' ? c.correction : c.update}</strong>{' '}
              <DateTime iso={note.publishedAt} language={language} timeZone={timeZone} />
            </p>
            <p>{note.text}</p>
          </li>
        ))}
      </ul>
      {kind === 'correction' ? (
        <p class="note-all">
          <a href={`/${language}/corrections`}>{c.all}</a>
        </p>
      ) : null}
    </aside>
  );
}
