import { Mail } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { languageNameIn } from '../../../content/languages.js';
import { NewsletterForm } from './newsletter-form.js';
import { NewsletterSends } from './newsletter-sends.js';
import type { Newsletter } from './newsletter-types.js';
import { rhythm } from './rhythm.js';
import './newsletters.css';

const focusForm = () => document.getElementById('field-name')?.focus();

/**
 * The newsletters (one language each; stories sent one by one or in a daily or weekly digest at
 * an hour on the site's clock), their confirmed members, and each one's sends. Editors and
 * administrators (`newsletters.manage`).
 */
export function Newsletters() {
  const t = useText();
  const words = t.newsletters;
  const list = useApi<{ items: Newsletter[] }>('/newsletters');
  const [editing, setEditing] = useState<Newsletter | null>(null);
  const [showing, setShowing] = useState<Newsletter | null>(null);
  const [done, setDone] = useState('');

  const edit = (newsletter: Newsletter) => {
    setEditing(newsletter);
    setDone('');
    requestAnimationFrame(() => document.getElementById('newsletter-form')?.scrollIntoView({ block: 'start' }));
  };

  return (
    <section>
      <PageHeader title={t.nav.newsletters} description={words.intro} />
      <FormError error={list.error} />
      {done && <p role="status">{done}</p>}
      {list.data?.items.length === 0 && (
        <EmptyState icon={Mail} title={words.empty} action={<button type="button" class="primary" onClick={focusForm}>{words.createFirst}</button>}>
          {words.emptyHint}
        </EmptyState>
      )}
      {!!list.data?.items.length && (
        <table class="newsletters">
          <thead>
            <tr>
              <th>{words.newsletter}</th>
              <th>{words.rhythm}</th>
              <th>{words.members}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((n) => (
              <tr key={n.id}>
                <td>
                  <strong>
                    <bdi lang={n.language}>{n.name}</bdi>
                  </strong>{' '}
                  <span class="badge">{languageNameIn(n.language, t.lang)}</span>
                  {n.visibility === 'hidden' && <span class="badge">{words.hidden}</span>}
                  {n.archived && <span class="badge warn">{words.archivedBadge}</span>}
                  {n.authorsMaySend && <span class="badge">{words.authorsBadge}</span>}
                  {n.description && (
                    <p class="muted" lang={n.language} dir="auto">
                      {n.description}
                    </p>
                  )}
                </td>
                <td>{rhythm(t, n)}</td>
                <td>
                  {t.plural(n.members.confirmed, words.confirmedMembers)}
                  {n.members.pending > 0 && <div class="muted">{t.plural(n.members.pending, words.pendingMembers)}</div>}
                </td>
                <td class="actions">
                  <div class="row-actions">
                    <button type="button" aria-label={t.format(words.showSends, { name: n.name })} aria-pressed={showing?.id === n.id} onClick={() => setShowing(showing?.id === n.id ? null : n)}>
                      {words.rhythm}
                    </button>
                    <button type="button" aria-label={t.format(words.editNewsletter, { name: n.name })} onClick={() => edit(n)}>
                      {t.common.edit}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {showing && <NewsletterSends key={showing.id} newsletter={showing} />}
      <NewsletterForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onCancel={() => setEditing(null)}
        onSaved={(saved, created) => {
          setEditing(null);
          setDone(created ? t.format(words.created, { name: saved.name }) : words.saved);
          list.reload();
        }}
      />
    </section>
  );
}
