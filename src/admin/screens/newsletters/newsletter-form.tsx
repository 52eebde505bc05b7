import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { languageNameIn } from '../../../content/languages.js';
import type { Newsletter } from './newsletter-types.js';
import { weekdayName } from './rhythm.js';

type Draft = Pick<Newsletter, 'name' | 'language' | 'description' | 'senderName' | 'replyTo' | 'visibility' | 'cadence' | 'sendTime' | 'sendWeekday' | 'authorsMaySend' | 'archived'>;

function draftOf(newsletter: Newsletter | null, language: string): Draft {
  if (newsletter) {
    const { name, language, description, senderName, replyTo, visibility, cadence, sendTime, sendWeekday, authorsMaySend, archived } = newsletter;
    return { name, language, description, senderName, replyTo, visibility, cadence, sendTime, sendWeekday, authorsMaySend, archived };
  }
  return { name: '', language, description: '', senderName: '', replyTo: '', visibility: 'public', cadence: 'each', sendTime: '07:00', sendWeekday: 1, authorsMaySend: false, archived: false };
}

interface Props {
  /** The newsletter being edited; null to create one. */
  editing: Newsletter | null;
  onSaved(saved: Newsletter, created: boolean): void;
  onCancel(): void;
}

/** A newsletter's settings: what it is, who it comes from, who sees it, and when stories go out. */
export function NewsletterForm({ editing, onSaved, onCancel }: Props) {
  const t = useText();
  const words = t.newsletters;
  const { site } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing, site.defaultLanguage));
  const { error, submit } = useAction();
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const save = submit(async () => {
    const { archived, ...fields } = draft;
    const saved = editing
      ? await api.patch<Newsletter>(`/newsletters/${editing.id}`, draft)
      : await api.post<Newsletter>('/newsletters', fields);
    onSaved(saved, !editing);
  });
  const heading = editing ? t.format(words.editHeading, { name: editing.name }) : words.createHeading;

  return (
    <form class="card newsletter-form" id="newsletter-form" aria-label={heading} onSubmit={save}>
      <h2>{heading}</h2>
      <FormError error={error} />
      <Field label={words.name} name="name" value={draft.name} onInput={(name) => set({ name })} error={error} dir="auto" required />
      <div class="field">
        <label for="field-language">{words.language}</label>
        <select id="field-language" value={draft.language} onChange={(e) => set({ language: e.currentTarget.value })}>
          {site.languages.map((language) => (
            <option key={language} value={language}>
              {languageNameIn(language, t.lang)} ({language})
            </option>
          ))}
        </select>
      </div>
      <Field label={words.description} name="description" value={draft.description} onInput={(description) => set({ description })} hint={words.descriptionHint} error={error} dir="auto" multiline />
      <Field label={words.senderName} name="senderName" value={draft.senderName} onInput={(senderName) => set({ senderName })} hint={words.senderHint} error={error} dir="auto" />
      <Field label={words.replyTo} name="replyTo" type="email" value={draft.replyTo} onInput={(replyTo) => set({ replyTo })} hint={words.replyToHint} error={error} />
      <fieldset>
        <legend>{words.visibility}</legend>
        {(['public', 'hidden'] as const).map((visibility) => (
          <label key={visibility} class="choice">
            <input type="radio" name="visibility" checked={draft.visibility === visibility} onChange={() => set({ visibility })} /> {words[`visibility_${visibility}`]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{words.cadence}</legend>
        {(['each', 'daily', 'weekly'] as const).map((cadence) => (
          <label key={cadence} class="choice">
            <input type="radio" name="cadence" checked={draft.cadence === cadence} onChange={() => set({ cadence })} /> {words[`cadence_${cadence}`]}
          </label>
        ))}
        {draft.cadence !== 'each' && (
          <div class="inline-form">
            {draft.cadence === 'weekly' && (
              <>
                <label for="field-sendWeekday">{words.weekday}</label>
                <select id="field-sendWeekday" value={String(draft.sendWeekday)} onChange={(e) => set({ sendWeekday: Number(e.currentTarget.value) })}>
                  {[1, 2, 3, 4, 5, 6, 0].map((day) => (
                    <option key={day} value={String(day)}>
                      {weekdayName(day, t.lang)}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label for="field-sendTime">{t.format(words.time, { zone: site.timeZone })}</label>
            <input id="field-sendTime" type="time" value={draft.sendTime} onInput={(e) => set({ sendTime: e.currentTarget.value })} required />
          </div>
        )}
      </fieldset>
      <div class="field">
        <label>
          <input type="checkbox" checked={draft.authorsMaySend} onChange={(e) => set({ authorsMaySend: e.currentTarget.checked })} /> {words.authorsMaySend}
        </label>
      </div>
      {editing && (
        <div class="field">
          <label>
            <input type="checkbox" checked={draft.archived} onChange={(e) => set({ archived: e.currentTarget.checked })} /> {words.archived}
          </label>
        </div>
      )}
      <div class="toolbar">
        <button type="submit" class="primary">
          {editing ? t.common.save : words.create}
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            {t.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
