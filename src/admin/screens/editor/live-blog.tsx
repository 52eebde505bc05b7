import { useEffect, useState } from 'preact/hooks';
import { ImagePlus, Pin, PinOff, Radio, RotateCcw, X } from 'lucide-preact';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { MediaPicker } from '../../components/media-picker.js';
import { useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import type { Article } from '../../types.js';
import type { LiveBlog, LiveEntry, LivePicture } from '../../../live/live.types.js';
import { RESTORE_DAYS } from '../../../live/live.restore.js';
import { languageNameIn } from '../../../content/languages.js';
import { RichText } from './rich-text.js';
import './live-blog.css';

type EditorEntry = LiveEntry & { translations: string[] };
interface Loaded {
  blog: LiveBlog | null;
  entries: EditorEntry[];
  /** Entries deleted lately, which may still be restored (none once the blog is archived). */
  deleted: LiveEntry[];
  /** A machine translation provider is configured. */
  machineTranslation: boolean;
}

interface EntryFields {
  body: string;
  picture: LivePicture | null;
  embed: string;
}

const EMPTY: EntryFields = { body: '', picture: null, embed: '' };

/** The body, picture and embed of an entry being written or edited. */
function EntryForm({ language, initial, canUpload, submitLabel, onSubmit, onCancel }: {
  language: string;
  initial: EntryFields;
  canUpload: boolean;
  submitLabel: string;
  onSubmit(fields: EntryFields): Promise<boolean>;
  onCancel?: () => void;
}) {
  const t = useText();
  const [fields, setFields] = useState(initial);
  // A new Tiptap after each publication: the box empties for the next entry.
  const [generation, setGeneration] = useState(0);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const done = await onSubmit(fields);
    setBusy(false);
    if (done && !onCancel) {
      setFields(EMPTY);
      setGeneration((n) => n + 1);
    }
  };
  return (
    <form class="live-entry-form" onSubmit={submit}>
      <div class="live-text">
        <RichText key={generation} html={fields.body} language={language} canUpload={canUpload} placeholder={t.live.placeholder} onChange={(body) => setFields((f) => ({ ...f, body }))} />
      </div>
      {fields.picture ? (
        <figure class="live-picture">
          <img src={fields.picture.url} alt={fields.picture.alt} />
          <figcaption>
            {fields.picture.caption} {fields.picture.credit ? <small>{fields.picture.credit}</small> : null}
          </figcaption>
          <button type="button" class="link" onClick={() => setFields((f) => ({ ...f, picture: null }))}>
            <X aria-hidden="true" size={14} /> {t.live.removePicture}
          </button>
        </figure>
      ) : picking ? (
        <MediaPicker
          canUpload={canUpload}
          withCaption
          onCancel={() => setPicking(false)}
          onPick={(item, caption, alt) => {
            setFields((f) => ({ ...f, picture: { url: item.url, alt, caption, credit: item.credit ?? '' } }));
            setPicking(false);
          }}
        />
      ) : (
        <button type="button" class="link" onClick={() => setPicking(true)}>
          <ImagePlus aria-hidden="true" size={16} /> {t.live.addPicture}
        </button>
      )}
      <label class="live-embed">
        {t.live.embed}
        <input type="url" dir="ltr" value={fields.embed} onInput={(event) => setFields((f) => ({ ...f, embed: event.currentTarget.value }))} />
      </label>
      <div class="live-form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t.live.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * A live blog under the story's text: a compose box on top, the entries below (newest first,
 * pinned ones on top) with pin, edit and delete, and the buttons that end, resume or archive
 * the coverage. Through a language version, an edit of an entry written in another language
 * is its translation.
 */
export function LiveBlogPanel({ article, canUpload }: { article: Article; canUpload: boolean }) {
  const t = useText();
  const siteTime = useSiteTime();
  const action = useAction();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const base = `/articles/${article.id}/live`;
  const reload = async () => setLoaded(await api.get<Loaded>(base));
  useEffect(() => void action.run(reload), [article.id]);

  const write = (work: () => Promise<unknown>) => {
    let ok = false;
    return action
      .run(async () => {
        await work();
        ok = true;
        await reload();
      })
      .then(() => ok);
  };
  const payload = (fields: EntryFields) => ({ body: fields.body, picture: fields.picture, embed: fields.embed.trim() || null });

  if (!loaded) return action.error ? <FormError error={action.error} /> : null;
  const { blog, entries, deleted, machineTranslation } = loaded;
  const mayWrite = article.allowed.publish || article.allowed.unpublish;
  if (!blog) {
    if (!article.allowed.edit) return null;
    return (
      <section class="live-blog start" aria-labelledby="live-heading">
        <h2 id="live-heading" class="sr-only">{t.live.heading}</h2>
        <button type="button" onClick={() => void write(() => api.post(base))}>
          <Radio aria-hidden="true" size={16} /> {t.live.start}
        </button>
        <p class="muted">{t.live.startHint}</p>
        <FormError error={action.error} />
      </section>
    );
  }
  const readOnly = blog.archivedAt !== null || !mayWrite;
  const setState = (state: 'open' | 'closed' | 'archived') => {
    if (state === 'archived' && !confirm(t.live.archiveQuestion)) return;
    void write(() => api.post(`${base}/state`, { state }));
  };
  return (
    <section class="live-blog" aria-labelledby="live-heading">
      <header class="live-header">
        <h2 id="live-heading">
          <Radio aria-hidden="true" size={18} /> {t.live.heading}
        </h2>
        <span class="muted">{t.plural(entries.length, t.live.entries)}</span>
        {!readOnly && (
          <span class="live-state-actions">
            {blog.closedAt ? (
              <button type="button" onClick={() => setState('open')}>{t.live.resume}</button>
            ) : (
              <button type="button" onClick={() => setState('closed')}>{t.live.end}</button>
            )}
            <button type="button" onClick={() => setState('archived')}>{t.live.archive}</button>
          </span>
        )}
      </header>
      {blog.archivedAt ? (
        <p class="notice" role="note">{t.live.archived}</p>
      ) : blog.closedAt ? (
        <p class="notice" role="note">{t.live.ended}</p>
      ) : null}
      <FormError error={action.error} />
      {!readOnly && (
        <div class="live-compose">
          <h3>{t.live.compose}</h3>
          <EntryForm language={article.language} initial={EMPTY} canUpload={canUpload} submitLabel={t.live.publish} onSubmit={(fields) => write(() => api.post(`${base}/entries`, payload(fields)))} />
        </div>
      )}
      {entries.length === 0 ? <p class="muted">{t.live.none}</p> : null}
      <ol class="live-entries">
        {entries.map((entry) => (
          <li key={entry.id} class={entry.pinned ? 'live-entry pinned' : 'live-entry'} id={`live-entry-${entry.id}`}>
            <p class="live-entry-meta">
              <time dateTime={entry.publishedAt}>{siteTime(entry.publishedAt)}</time>
              <span>{t.format(t.live.by, { name: entry.author.name })}</span>
              {entry.pinned && (
                <span class="badge">
                  <Pin aria-hidden="true" size={12} /> {t.live.pinned}
                </span>
              )}
              {entry.machineTranslated && <span class="badge">{t.live.machine}</span>}
            </p>
            {entry.originalLanguage !== article.language && !entry.translated && (
              <p class="live-untranslated" role="note">
                {t.format(t.live.untranslated, { language: languageNameIn(entry.originalLanguage, t.lang) })}
              </p>
            )}
            {editing === entry.id ? (
              <EntryForm
                language={article.language}
                initial={{ body: entry.body, picture: entry.picture, embed: entry.embedUrl ?? '' }}
                canUpload={canUpload}
                submitLabel={t.live.save}
                onCancel={() => setEditing(null)}
                onSubmit={async (fields) => {
                  const ok = await write(() => api.patch(`${base}/entries/${entry.id}`, payload(fields)));
                  if (ok) setEditing(null);
                  return ok;
                }}
              />
            ) : (
              <>
                <div class="prose" lang={entry.language} dangerouslySetInnerHTML={{ __html: entry.body }} />
                {entry.picture && <img class="live-entry-picture" src={entry.picture.url} alt={entry.picture.alt} />}
                {entry.embedUrl && (
                  <p class="live-entry-embed" dir="ltr">
                    <a href={entry.embedUrl} rel="noopener">{entry.embedUrl}</a>
                  </p>
                )}
              </>
            )}
            {!readOnly && editing !== entry.id && (
              <p class="live-entry-actions">
                <button type="button" class="link" onClick={() => void write(() => api.patch(`${base}/entries/${entry.id}`, { pinned: !entry.pinned }))}>
                  {entry.pinned ? <PinOff aria-hidden="true" size={14} /> : <Pin aria-hidden="true" size={14} />} {entry.pinned ? t.live.unpin : t.live.pin}
                </button>
                {/* Through another language version, editing an entry not yet in its language is translating it. */}
                <button type="button" class="link" onClick={() => setEditing(entry.id)}>
                  {entry.language === article.language ? t.live.edit : t.live.translate}
                </button>
                {entry.language !== article.language && machineTranslation && (
                  <button type="button" class="link" onClick={() => void write(() => api.post(`${base}/entries/${entry.id}/machine-translation`))}>
                    {t.live.translateByMachine}
                  </button>
                )}
                <button
                  type="button"
                  class="link danger"
                  onClick={() => confirm(t.live.deleteQuestion) && void write(() => api.delete(`${base}/entries/${entry.id}`))}
                >
                  {t.live.delete}
                </button>
              </p>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && deleted.length > 0 && (
        <section class="live-deleted" aria-labelledby="live-deleted-heading">
          <h3 id="live-deleted-heading">{t.live.deleted}</h3>
          <p class="muted">{t.format(t.live.deletedHint, { days: RESTORE_DAYS })}</p>
          <ol class="live-entries">
            {deleted.map((entry) => (
              <li key={entry.id} class="live-entry deleted" id={`live-deleted-${entry.id}`}>
                <p class="live-entry-meta">
                  <time dateTime={entry.publishedAt}>{siteTime(entry.publishedAt)}</time>
                  <span>{t.format(t.live.by, { name: entry.author.name })}</span>
                  <span class="muted">{t.format(t.live.deletedAt, { time: siteTime(entry.deletedAt!) })}</span>
                </p>
                <div class="prose" lang={entry.language} dangerouslySetInnerHTML={{ __html: entry.body }} />
                <p class="live-entry-actions">
                  <button type="button" class="link" onClick={() => void write(() => api.post(`${base}/entries/${entry.id}/restore`))}>
                    <RotateCcw aria-hidden="true" size={14} /> {t.live.restore}
                  </button>
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
