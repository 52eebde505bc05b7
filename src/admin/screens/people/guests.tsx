import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction, useApi } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { Guest } from '../../types.js';
import './guests.css';

type GuestForm = { name: string; bio: string; website: string };

const EMPTY: GuestForm = { name: '', bio: '', website: '' };

/** The server's faults (`name`, `bio`, `website`) on this form's fields, whose names carry `prefix` (ids stay unique on the page). */
function prefixed(error: ApiError | null, prefix: string): ApiError | null {
  if (!error) return null;
  return new ApiError(error.status, error.code, error.message, error.fields.map((f) => ({ ...f, field: `${prefix}${f.field}` })), error.details);
}

/** Name, short bio and link: adding a guest and editing one use the same fields. */
function GuestFields({ form, prefix, error: raw, onInput }: { form: GuestForm; prefix: string; error: ApiError | null; onInput(form: GuestForm): void }) {
  const t = useText();
  const error = prefixed(raw, prefix);
  return (
    <>
      <Field label={t.credits.name} name={`${prefix}name`} dir="auto" value={form.name} onInput={(name) => onInput({ ...form, name })} error={error} required />
      <Field label={t.credits.bio} name={`${prefix}bio`} dir="auto" multiline value={form.bio} onInput={(bio) => onInput({ ...form, bio })} error={error} />
      <Field label={t.credits.website} name={`${prefix}website`} type="url" hint={t.credits.websiteHint} placeholder="https://" value={form.website} onInput={(website) => onInput({ ...form, website })} error={error} />
    </>
  );
}

/**
 * Guest contributors: people credited on stories without an account (a name, a short bio, a
 * link), each with an author page. Editors and administrators add, edit and remove them here.
 */
export function GuestContributors() {
  const t = useText();
  const session = useSession();
  const guests = useApi<{ items: Guest[] }>('/guests');
  const [adding, setAdding] = useState<GuestForm>(EMPTY);
  const [editing, setEditing] = useState<{ id: number; form: GuestForm } | null>(null);
  const [added, setAdded] = useState('');
  const { error, run, submit } = useAction();
  const authorPage = (guest: Guest) => `${session.site.baseUrl.replace(/\/+$/, '')}/${session.site.defaultLanguage}/author/${encodeURIComponent(guest.slug)}`;

  return (
    <section class="guests" aria-labelledby="guests-heading">
      <h2 id="guests-heading">{t.credits.guestsHeading}</h2>
      <p class="muted">{t.credits.guestsIntro}</p>
      <FormError error={error} />
      {guests.data?.items.length === 0 && <p>{t.credits.noGuests}</p>}
      <ul class="guest-list">
        {guests.data?.items.map((guest) =>
          editing?.id === guest.id ? (
            <li key={guest.id} class="card">
              <form
                onSubmit={submit(async () => {
                  await api.patch(`/guests/${guest.id}`, { ...editing.form, website: editing.form.website.trim() || null });
                  setEditing(null);
                  guests.reload();
                })}
              >
                <GuestFields form={editing.form} prefix="edit-" error={error} onInput={(form) => setEditing({ id: guest.id, form })} />
                <div class="actions">
                  <button type="submit" class="primary">{t.credits.save}</button>{' '}
                  <button type="button" onClick={() => setEditing(null)}>{t.credits.cancel}</button>
                </div>
              </form>
            </li>
          ) : (
            <li key={guest.id} class="card">
              <div class="guest-head">
                <strong>
                  <bdi>{guest.name}</bdi>
                </strong>
                <a href={authorPage(guest)}>{t.credits.authorPage}</a>
              </div>
              {guest.bio && <p dir="auto">{guest.bio}</p>}
              {guest.website && (
                <p>
                  <a href={guest.website} rel="noopener noreferrer" dir="ltr">
                    {guest.website}
                  </a>
                </p>
              )}
              <div class="actions">
                <button type="button" aria-label={t.format(t.credits.editNamed, { name: guest.name })} onClick={() => setEditing({ id: guest.id, form: { name: guest.name, bio: guest.bio, website: guest.website ?? '' } })}>
                  {t.credits.edit}
                </button>{' '}
                <button
                  type="button"
                  aria-label={t.format(t.credits.removeNamed, { name: guest.name })}
                  onClick={() => confirm(t.format(t.credits.removeConfirm, { name: guest.name })) && run(async () => (await api.delete(`/guests/${guest.id}`), guests.reload()))}
                >
                  {t.credits.remove}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      <form
        class="card"
        onSubmit={submit(async () => {
          const guest = await api.post<Guest>('/guests', { ...adding, website: adding.website.trim() || null });
          setAdding(EMPTY);
          setAdded(guest.name);
          guests.reload();
        })}
      >
        <h3>{t.credits.addGuest}</h3>
        <GuestFields form={adding} prefix="guest-" error={error} onInput={setAdding} />
        <button type="submit" class="primary">
          {t.credits.addGuest}
        </button>
        {added && <p role="status">{fill(t.credits.added, { name: <bdi>{added}</bdi> })}</p>}
      </form>
    </section>
  );
}
