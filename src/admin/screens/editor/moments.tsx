import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { Article } from '../../types.js';
import type { Expiry } from '../../../content/articles.types.js';
import { instantAt, localInputValue } from '../../../core/time-zone.js';
import './moments.css';

interface Fields {
  /** `datetime-local` values on the site's clock; empty for none. */
  embargo: string;
  expires: string;
  expiry: Expiry;
}

const fieldsOf = (article: Article, zone: string): Fields => ({
  embargo: localInputValue(article.embargoUntil, zone),
  expires: localInputValue(article.expiresAt, zone),
  expiry: article.expiry,
});

/** Whether an embargo holds now (the server decides for good; this only chooses what to say). */
export function underEmbargo(article: Pick<Article, 'embargoUntil'>): boolean {
  return article.embargoUntil !== null && Date.parse(article.embargoUntil) > Date.now();
}

/**
 * The story's embargo and expiry, in the settings panel: two times on the site's clock (as the
 * Publish dialog takes them) and what happens at expiry. Saved on their own, as the stored story
 * answers (a new version) handed to `onChanged`; the text being edited is left as it is.
 */
export function MomentsPanel({ article, onChanged }: { article: Article; onChanged(article: Article): void }) {
  const t = useText();
  const w = t.moments;
  const zone = useSession().site.timeZone;
  const action = useAction();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(article, zone));
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<Fields>) => (setSaved(false), setFields({ ...fields, ...patch }));
  const readOnly = !article.allowed.edit;
  const at = (local: string) => (local ? instantAt(local, zone).toISOString() : null);

  const save = async (event: Event) => {
    event.preventDefault();
    const embargoUntil = at(fields.embargo);
    const expiresAt = at(fields.expires);
    if (embargoUntil && expiresAt && Date.parse(expiresAt) <= Date.parse(embargoUntil)) {
      action.fail(new ApiError(400, 'VALIDATION_FAILED', w.expiresBeforeEmbargo, [{ field: 'expiresAt', message: w.expiresBeforeEmbargo }]));
      return;
    }
    await action.run(async () => {
      const stored = await api.patch<Article>(`/articles/${article.id}`, { version: article.version, embargoUntil, expiresAt, expiry: fields.expiry });
      onChanged(stored);
      setFields(fieldsOf(stored, zone));
      setSaved(true);
    });
  };

  return (
    <section class="moments" aria-labelledby="moments-heading">
      <h2 id="moments-heading">{w.title}</h2>
      <p class="muted help">{t.format(w.help, { zone })}</p>
      <MomentBadges article={article} />
      <form onSubmit={save}>
        <fieldset class="plain" disabled={readOnly}>
          <label>
            {w.embargo}
            <input name="embargoUntil" type="datetime-local" value={fields.embargo} onInput={(e) => set({ embargo: e.currentTarget.value })} aria-describedby="embargo-hint" />
            <small id="embargo-hint" class="muted">{w.embargoHint}</small>
          </label>
          {fields.embargo && <ClearButton label={`${w.clear}: ${w.embargo}`} text={w.clear} onClear={() => set({ embargo: '' })} />}
          <label>
            {w.expires}
            <input name="expiresAt" type="datetime-local" value={fields.expires} onInput={(e) => set({ expires: e.currentTarget.value })} aria-describedby="expires-hint" />
            <small id="expires-hint" class="muted">{w.expiresHint}</small>
          </label>
          {fields.expires && <ClearButton label={`${w.clear}: ${w.expires}`} text={w.clear} onClear={() => set({ expires: '' })} />}
          <fieldset class="expiry-kind">
            <legend>{w.afterExpiry}</legend>
            {(['gone', 'unlisted'] as const).map((kind) => (
              <label key={kind} class="choice">
                <input type="radio" name="expiry" value={kind} checked={fields.expiry === kind} onChange={() => set({ expiry: kind })} />
                <span>
                  <strong>{w[kind]}</strong>
                  <small class="muted">{w[`${kind}Hint`]}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <FormError error={action.error} />
          <div class="inline-form">
            <button type="submit">{w.save}</button>
            {saved && (
              <span class="muted" role="status">
                {w.saved}
              </span>
            )}
          </div>
        </fieldset>
      </form>
    </section>
  );
}

function ClearButton({ label, text, onClear }: { label: string; text: string; onClear(): void }) {
  return (
    <button type="button" class="link clear" aria-label={label} onClick={onClear}>
      {text}
    </button>
  );
}

/** "Embargoed until …", "Expires …" or "Expired …", as the stories list and the panel show them. */
export function MomentBadges({ article }: { article: Pick<Article, 'status' | 'embargoUntil' | 'expiresAt'> }) {
  const t = useText();
  const siteTime = useSiteTime();
  return (
    <>
      {underEmbargo(article) && <span class="badge moment embargo">{t.format(t.moments.embargoedUntil, { time: siteTime(article.embargoUntil) })}</span>}
      {article.expiresAt && (
        <span class={`badge moment ${article.status === 'expired' ? 'expired' : 'expires'}`}>
          {t.format(article.status === 'expired' ? t.moments.expiredAt : t.moments.expiresAt, { time: siteTime(article.expiresAt) })}
        </span>
      )}
    </>
  );
}
