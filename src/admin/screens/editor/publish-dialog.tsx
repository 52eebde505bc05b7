import { useEffect, useRef, useState } from 'preact/hooks';
import { useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { ArticleActions } from '../../types.js';
import { instantAt, localInputValue } from '../../../core/time-zone.js';
import { languageNameIn } from '../../../content/languages.js';
import { NewsletterChoice, type ChosenNewsletter } from './newsletter-choice.js';
import { underEmbargo } from './moments.js';

interface Props {
  /** The saved story (null before its first save). */
  articleId: number | null;
  headline: string;
  language: string;
  allowed: ArticleActions;
  /** When a scheduled story goes out now: the time offered again. */
  publishAt: string | null;
  /** The story's embargo: "now" means when it lifts (the server schedules it for then). */
  embargoUntil: string | null;
  busy: boolean;
  /** `newsletters`: those ticked, sent the story once it is published (now, or at the time scheduled). */
  onPublish(extra: { status: 'published' } | { status: 'scheduled'; publishAt: string }, newsletters: number[]): Promise<void>;
  onClose(): void;
}

/** First-strong isolates, as <bdi>: an Arabic headline does not reorder the sentence around it. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * Publishing in two steps, in the browser's own modal <dialog> (focus stays inside, Escape
 * closes): first when (now, or a time on the site's clock), then a sentence saying exactly what
 * will happen, to confirm or go back. A story goes out only from the second step.
 */
export function PublishDialog({ articleId, headline, language, allowed, publishAt, embargoUntil, busy, onPublish, onClose }: Props) {
  const t = useText();
  const siteTime = useSiteTime();
  const zone = useSession().site.timeZone;
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // A scheduled story offers its time again first; a draft, publishing now.
  const [when, setWhen] = useState<'now' | 'later'>(allowed.publish && !publishAt ? 'now' : 'later');
  const [at, setAt] = useState(localInputValue(publishAt, zone));
  const [confirming, setConfirming] = useState(false);
  const [newsletters, setNewsletters] = useState<ChosenNewsletter[]>([]);
  useEffect(() => dialog.current?.showModal(), []);
  // Each step starts at its heading, read first; never on the button that publishes, which a second Enter would press.
  useEffect(() => title.current?.focus(), [confirming]);

  const site = languageNameIn(language, t.lang);
  const story = isolate(headline.trim() || t.editor.untitled);
  // Under an embargo "now" is when it lifts: the server schedules the story for then.
  const embargo = underEmbargo({ embargoUntil }) ? embargoUntil : null;
  const scheduled = when === 'later' && at ? instantAt(at, zone).toISOString() : embargo;
  const sendTo = new Intl.ListFormat(t.lang, { type: 'conjunction' }).format(newsletters.map((newsletter) => isolate(newsletter.name)));
  const what = () => {
    if (scheduled) {
      const values = { story, time: siteTime(scheduled), site, newsletters: sendTo };
      return t.format(newsletters.length ? t.editor.confirmScheduleSend : t.editor.confirmSchedule, values);
    }
    return t.format(newsletters.length ? t.editor.confirmPublishSend : t.editor.confirmPublish, { story, site, newsletters: sendTo });
  };

  return (
    <dialog ref={dialog} class="confirm publish-dialog" aria-labelledby="publish-title" onCancel={(event) => (event.preventDefault(), onClose())}>
      {confirming ? (
        <>
          <h2 id="publish-title" ref={title} tabIndex={-1}>
            {t.editor.confirmTitle}
          </h2>
          <p class="what-happens">
            {what()}
          </p>
          <div class="confirm-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t.editor.back}
            </button>
            <button type="button" class="primary" disabled={busy} onClick={() => void onPublish(when === 'later' && scheduled ? { status: 'scheduled', publishAt: scheduled } : { status: 'published' }, newsletters.map((newsletter) => newsletter.id))}>
              {scheduled ? t.editor.schedule : t.editor.publishNow}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <h2 id="publish-title" ref={title} tabIndex={-1}>
            {t.editor.publishTitle}
          </h2>
          <fieldset class="bare when">
            <legend class="sr-only">{t.editor.when}</legend>
            {allowed.publish && (
              <label class="choice">
                <input type="radio" name="when" value="now" checked={when === 'now'} onChange={() => setWhen('now')} />
                <span>
                  <strong>{t.editor.publishNow}</strong>
                  <small class="muted">{embargo ? t.format(t.moments.publishUnderEmbargo, { time: siteTime(embargo) }) : t.editor.publishNowHint}</small>
                </span>
              </label>
            )}
            {allowed.schedule && (
              <label class="choice">
                <input type="radio" name="when" value="later" checked={when === 'later'} onChange={() => setWhen('later')} />
                <span>
                  <strong>{t.editor.scheduleLater}</strong>
                  <small class="muted">{t.editor.scheduleLaterHint}</small>
                </span>
              </label>
            )}
          </fieldset>
          {when === 'later' && (
            <div class="publish-at">
              <label>
                {t.format(t.editor.publishAt, { zone })}
                <input name="publishAt" type="datetime-local" required value={at} onInput={(e) => setAt(e.currentTarget.value)} aria-describedby="publish-at-zone" />
              </label>
              <small id="publish-at-zone" class="muted">
                {t.format(t.editor.siteClock, { zone })}
              </small>
            </div>
          )}
          <NewsletterChoice articleId={articleId} language={language} later={when === 'later' || !!embargo} chosen={newsletters} onChange={setNewsletters} />
          <div class="confirm-actions">
            <button type="button" onClick={onClose}>
              {t.common.cancel}
            </button>
            <button type="submit" class="primary">
              {t.editor.continue}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
