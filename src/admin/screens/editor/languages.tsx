import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { StateBadge, stateReason } from '../../components/translation-state.js';
import { useAction, useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import type { Article, LanguageStatus } from '../../types.js';
import { languageNameIn } from '../../../content/languages.js';

/** The story in every site language: which versions exist, which are in progress or outdated and why, "Translate into …". */
export function Languages({ article, canTranslate }: { article: Article; canTranslate: boolean }) {
  const status = useApi<{ languages: LanguageStatus[]; machineTranslation: { available: boolean; provider: string | null } }>(
    `/articles/${article.id}/translations?v=${article.version}`,
  );
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const action = useAction();
  const t = useText();
  const missing = status.data?.languages.filter((l) => l.state === 'missing') ?? [];
  const chosen = target || missing[0]?.language || '';
  // Named in the admin's language: "arabe" for a French admin.
  const named = (language: string) => languageNameIn(language, t.lang);

  const translate = async (machine: boolean) => {
    setBusy(true);
    await action.run(async () => {
      const created = await api.post<Article>(`/articles/${article.id}/translations`, { language: chosen, machine });
      navigate(`/stories/${created.id}`);
    });
    setBusy(false);
  };

  return (
    <section class="languages" aria-label={t.translations.heading}>
      <h2>{t.translations.heading}</h2>
      <ul>
        {status.data?.languages.map((l) => (
          <li key={l.language} data-language={l.language} data-state={l.state}>
            <strong>{named(l.language)}</strong> <StateBadge status={l} withLanguage={false} />{' '}
            {l.articleId && l.articleId !== article.id && (
              <a href={`/admin/stories/${l.articleId}`} lang={l.language} dir="auto" onClick={(e) => (e.preventDefault(), navigate(`/stories/${l.articleId}`))}>
                {l.title}
              </a>
            )}
            {l.machineTranslated && <span class="muted"> · {t.translations.machineTranslated}</span>}
            {(l.state === 'in-progress' || l.state === 'outdated') && <small class="muted reason">{stateReason(l, t)}</small>}
          </li>
        ))}
      </ul>
      <FormError error={action.error} />
      {canTranslate && missing.length > 0 && (
        <div class="inline-form">
          <label>
            {t.translations.translateInto}{' '}
            <select name="translateInto" value={chosen} onChange={(e) => setTarget(e.currentTarget.value)}>
              {missing.map((l) => (
                <option key={l.language} value={l.language}>
                  {named(l.language)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy} onClick={() => translate(false)}>
            {t.translations.translate}
          </button>
          {status.data?.machineTranslation.available && (
            <button type="button" disabled={busy} onClick={() => translate(true)}>
              {t.format(t.translations.machineTranslate, { provider: status.data.machineTranslation.provider ?? '' })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
