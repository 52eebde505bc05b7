import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { Article, StoredArticle } from '../../types.js';
import type { Correction, CorrectionKind } from '../../../content/articles.types.js';
import { directionOf, languageNameIn } from '../../../content/languages.js';
import { instantAt, localInputValue } from '../../../core/time-zone.js';
import './corrections.css';

/** The source's notes a translation does not carry yet (none carries a note naming them). */
export function notesToCarry(article: StoredArticle, source: StoredArticle | null): Correction[] {
  if (!source) return [];
  const carried = new Set(article.corrections.map((note) => note.sourceCorrectionId));
  return source.corrections.filter((note) => !carried.has(note.id));
}

interface Fields {
  kind: CorrectionKind;
  text: string;
  /** A `datetime-local` value on the site's clock. */
  time: string;
  sourceCorrectionId: number | null;
}

/** A note being written: its kind, text and time (now unless changed: the time is sent only when changed). */
function NoteForm({ initial, language, submitLabel, onSubmit, onCancel }: {
  initial: Fields;
  language: string;
  submitLabel: string;
  onSubmit(fields: Fields, timeChanged: boolean): Promise<void>;
  onCancel(): void;
}) {
  const t = useText();
  const zone = useSession().site.timeZone;
  const [fields, setFields] = useState(initial);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Fields>) => setFields({ ...fields, ...patch });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    await onSubmit(fields, fields.time !== initial.time);
    setBusy(false);
  };
  return (
    <form class="note-form" onSubmit={submit}>
      <fieldset class="note-kind">
        <legend>{t.corrections.kind}</legend>
        {(['correction', 'update'] as const).map((kind) => (
          <label key={kind} class="radio">
            <input type="radio" name="noteKind" value={kind} checked={fields.kind === kind} onChange={() => set({ kind })} /> {t.corrections[kind]}
          </label>
        ))}
      </fieldset>
      <label>
        {t.corrections.text}
        {/* The note is in the story's language, whatever the admin's. */}
        <textarea name="noteText" rows={4} required lang={language} dir={directionOf(language)} value={fields.text} onInput={(e) => set({ text: e.currentTarget.value })} />
      </label>
      <label>
        {t.format(t.corrections.time, { zone })}
        <input name="noteTime" type="datetime-local" value={fields.time} onInput={(e) => set({ time: e.currentTarget.value })} />
        <small class="muted">{t.corrections.timeHint}</small>
      </label>
      <div class="inline-form">
        <button type="submit" class="primary" disabled={busy || !fields.text.trim()}>
          {submitLabel}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t.corrections.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * A published story's correction and update notes: add, edit, remove; in a translation, the
 * source's notes it does not carry yet, each with "Carry over" (the form filled with the
 * source's kind, time and words to translate). Each change answers the story as stored (a new
 * version), handed to `onChanged`; the text being edited is left as it is.
 */
export function CorrectionsPanel({ article, source, onChanged }: { article: Article; source: StoredArticle | null; onChanged(article: Article): void }) {
  const t = useText();
  const siteTime = useSiteTime();
  const zone = useSession().site.timeZone;
  const action = useAction();
  // 'new', a note's id, or null: one form at a time.
  const [editing, setEditing] = useState<'new' | number | null>(null);
  const [draft, setDraft] = useState<Fields | null>(null);
  const published = article.status === 'published' && article.deletedAt === null;
  const mayChange = article.allowed.edit && published;
  const toCarry = notesToCarry(article, source);
  const named = (language: string) => languageNameIn(language, t.lang);
  const now = () => localInputValue(new Date().toISOString(), zone);

  const open = (target: 'new' | number, fields: Fields) => {
    action.fail(null);
    setDraft(fields);
    setEditing(target);
  };
  const close = () => {
    setEditing(null);
    setDraft(null);
  };
  const send = async (fields: Fields, timeChanged: boolean) => {
    const body = {
      kind: fields.kind,
      text: fields.text,
      ...(timeChanged && fields.time ? { publishedAt: instantAt(fields.time, zone).toISOString() } : {}),
      ...(editing === 'new' && fields.sourceCorrectionId ? { sourceCorrectionId: fields.sourceCorrectionId } : {}),
    };
    await action.run(async () => {
      const saved =
        editing === 'new'
          ? await api.post<Article>(`/articles/${article.id}/corrections`, body)
          : await api.patch<Article>(`/articles/${article.id}/corrections/${editing}`, body);
      onChanged(saved);
      close();
    });
  };
  const remove = async (note: Correction) => {
    if (!confirm(t.corrections.removeQuestion)) return;
    await action.run(async () => onChanged(await api.delete<Article>(`/articles/${article.id}/corrections/${note.id}`)));
  };
  const form = (label: string) =>
    draft && <NoteForm key={String(editing)} initial={draft} language={article.language} submitLabel={label} onSubmit={send} onCancel={close} />;

  return (
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t.corrections.heading}</h2>
      <p class="muted help">{published ? t.corrections.help : t.corrections.notPublished}</p>
      {article.corrections.length === 0 ? (
        published && <p class="muted">{t.corrections.none}</p>
      ) : (
        <ol class="notes">
          {article.corrections.map((note) => (
            <li key={note.id} class={`note ${note.kind}`}>
              <div class="note-head" id={`note-${note.id}`}>
                <span class={note.kind === 'correction' ? 'badge warn' : 'badge'}>{t.corrections[note.kind]}</span> <span class="muted">{siteTime(note.publishedAt)}</span>
              </div>
              {editing === note.id ? (
                form(t.corrections.save)
              ) : (
                <>
                  <p class="note-text" lang={article.language} dir="auto">
                    {note.text}
                  </p>
                  {note.sourceCorrectionId && source?.corrections.some((s) => s.id === note.sourceCorrectionId) && (
                    <small class="muted">{t.format(t.corrections.carriedFrom, { language: named(source.language) })}</small>
                  )}
                  {mayChange && (
                    <div class="row-actions">
                      {/* Which note each button acts on, for a screen reader: its kind and time. */}
                      <button type="button" class="link" aria-describedby={`note-${note.id}`} onClick={() => open(note.id, { kind: note.kind, text: note.text, time: localInputValue(note.publishedAt, zone), sourceCorrectionId: note.sourceCorrectionId })}>
                        {t.corrections.edit}
                      </button>
                      <button type="button" class="link remove" aria-describedby={`note-${note.id}`} onClick={() => void remove(note)}>
                        {t.corrections.remove}
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {mayChange && toCarry.length > 0 && source && (
        <div class="to-carry" role="group" aria-labelledby="to-carry-heading">
          <h3 id="to-carry-heading">{t.format(t.corrections.toCarry, { language: named(source.language) })}</h3>
          <ul>
            {toCarry.map((note) => (
              <li key={note.id}>
                <span class={note.kind === 'correction' ? 'badge warn' : 'badge'}>{t.corrections[note.kind]}</span> <span class="muted">{siteTime(note.publishedAt)}</span>
                <p lang={source.language} dir={directionOf(source.language)}>
                  {note.text}
                </p>
                {/* The source's kind and words to translate; its time is now, when readers of this language get it. */}
                <button type="button" onClick={() => open('new', { kind: note.kind, text: note.text, time: now(), sourceCorrectionId: note.id })}>
                  {t.corrections.carry}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormError error={action.error} />
      {editing === 'new'
        ? form(t.corrections.addNote)
        : mayChange && (
            <button type="button" onClick={() => open('new', { kind: 'correction', text: '', time: now(), sourceCorrectionId: null })}>
              {t.corrections.add}
            </button>
          )}
    </section>
  );
}
