import { Users } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { can, useSession } from '../../session.js';
import type { Removal, StaffMember } from '../../types.js';
import { ApiAccess } from './api-access.js';
import { GuestContributors } from './guests.js';
import { RemovePerson } from './remove-person.js';
import { roleName, ROLES, WRITER_ROLES } from './roles.js';

/**
 * People (invite, change roles, sign out everywhere, remove), and API access for administrators
 * (see api-access.tsx). Administrators manage everyone and remove people, choosing whom their
 * stories go to; editors invite contributors and authors, change one into the other and sign
 * them out everywhere.
 */
export function People() {
  const session = useSession();
  const t = useText();
  const admin = can(session, 'users.manage');
  const managesWriters = can(session, 'users.manage.writers');
  const roles = admin ? ROLES : WRITER_ROLES;
  const staff = useApi<{ items: StaffMember[] }>('/users');
  const [invite, setInvite] = useState({ email: '', name: '', role: 'author' });
  const [link, setLink] = useState('');
  const { error, run, submit } = useAction();
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);

  return (
    <section>
      <PageHeader title={t.nav.people} description={t.people.intro} />
      <FormError error={error} />
      {removal && (
        <p role="status">
          {fill(t.people.removed, { name: <bdi>{removal.removed.name}</bdi> })}
          {removal.reassigned && (
            <>
              {' '}
              {fill(t.people.heirHolds, {
                name: <bdi>{removal.reassigned.name}</bdi>,
                versions: t.plural(removal.reassigned.versions, t.people.languageVersions),
              })}
            </>
          )}
        </p>
      )}
      {staff.data?.items.length === 1 && (
        <EmptyState
          icon={Users}
          title={t.people.onlyYou}
          action={<button type="button" class="primary" onClick={() => document.getElementById('field-email')?.focus()}>{t.people.addColleague}</button>}
        >
          {t.people.onlyYouHint}
        </EmptyState>
      )}
      <table class="people">
        <thead>
          <tr>
            <th>{t.people.name}</th>
            <th>{t.people.email}</th>
            <th>{t.people.role}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.data?.items.map((p) => (
            <tr key={p.id}>
              <td>
                <bdi>{p.name}</bdi> {p.active === false && <span class="badge warn">{t.people.invited}</span>}
              </td>
              <td class="email">{p.email}</td>
              <td>
                {roles.includes(p.role) ? (
                  <select
                    aria-label={t.format(t.people.roleOf, { name: p.name })}
                    value={p.role}
                    onChange={(e) => run(async () => (await api.patch(`/users/${p.id}`, { role: e.currentTarget.value }), staff.reload()))}
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {roleName(t, r)}
                      </option>
                    ))}
                  </select>
                ) : (
                  roleName(t, p.role)
                )}
              </td>
              <td class="actions">
                {(admin || (managesWriters && WRITER_ROLES.includes(p.role))) && (
                  <button type="button" onClick={() => run(async () => void (await api.delete(`/users/${p.id}/sessions`)))}>
                    {t.people.signOutEverywhere}
                  </button>
                )}
                {admin && p.id !== session.user.id && (
                  <button type="button" aria-label={t.format(t.people.removePerson, { name: p.name })} onClick={() => setRemoving(p)}>
                    {t.people.removeEllipsis}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {removing && staff.data && (
        <RemovePerson
          person={removing}
          staff={staff.data.items}
          me={session.user.id}
          onCancel={() => setRemoving(null)}
          onRemoved={(done) => {
            setRemoving(null);
            setRemoval(done);
            staff.reload();
          }}
        />
      )}

      <h2>{t.people.inviteHeading}</h2>
      <form
        class="card"
        onSubmit={submit(async () => {
          const created = await api.post<{ url: string; delivery: string }>('/users/invitations', invite);
          setLink(created.url);
          setInvite({ email: '', name: '', role: 'author' });
          staff.reload();
        })}
      >
        <Field label={t.people.email} name="email" type="email" value={invite.email} onInput={(email) => setInvite({ ...invite, email })} error={error} required />
        <Field label={t.people.name} name="name" value={invite.name} onInput={(name) => setInvite({ ...invite, name })} error={error} required />
        <label>
          {t.people.role}{' '}
          <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.currentTarget.value })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleName(t, r)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" class="primary">
          {t.people.invite}
        </button>
        {link && (
          <p role="status">{fill(t.people.invitationLink, { link: <code>{link}</code> })}</p>
        )}
      </form>

      <GuestContributors />

      {can(session, 'tokens.manage') && <ApiAccess />}
    </section>
  );
}
