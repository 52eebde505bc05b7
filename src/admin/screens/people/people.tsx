import { Users } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi } from '../../hooks.js';
import { can, useSession } from '../../session.js';
import type { Removal, StaffMember } from '../../types.js';
import { ApiAccess } from './api-access.js';
import { RemovePerson } from './remove-person.js';
import { ROLES, WRITER_ROLES } from './roles.js';

/**
 * People (invite, change roles, sign out everywhere, remove), and API access for administrators
 * (see api-access.tsx). Administrators manage everyone and remove people, choosing whom their
 * stories go to; editors invite contributors and authors, change one into the other and sign
 * them out everywhere.
 */
export function People() {
  const session = useSession();
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
      <PageHeader title="People" description="Who writes, edits and runs the newsroom, and what each role may do." />
      <FormError error={error} />
      {removal && (
        <p role="status">
          <bdi>{removal.removed.name}</bdi> was removed.
          {removal.reassigned && (
            <>
              {' '}
              <bdi>{removal.reassigned.name}</bdi> now holds their stories ({removal.reassigned.versions}{' '}
              {removal.reassigned.versions === 1 ? 'language version' : 'language versions'}).
            </>
          )}
        </p>
      )}
      {staff.data?.items.length === 1 && (
        <EmptyState icon={Users} title="Only you so far" action={<button type="button" class="primary" onClick={() => document.getElementById('field-email')?.focus()}>Add a colleague</button>}>
          Bring in the reporters and editors you work with: each gets a link to choose a password.
        </EmptyState>
      )}
      <table class="people">
        <thead>
          <tr>
            <th>Name</th>
            <th>E-mail</th>
            <th>Role</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.data?.items.map((p) => (
            <tr key={p.id}>
              <td>
                <bdi>{p.name}</bdi> {p.active === false && <span class="badge warn">invited</span>}
              </td>
              <td class="email">{p.email}</td>
              <td>
                {roles.includes(p.role) ? (
                  <select
                    aria-label={`Role of ${p.name}`}
                    value={p.role}
                    onChange={(e) => run(async () => (await api.patch(`/users/${p.id}`, { role: e.currentTarget.value }), staff.reload()))}
                  >
                    {roles.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  p.role
                )}
              </td>
              <td class="actions">
                {(admin || (managesWriters && WRITER_ROLES.includes(p.role))) && (
                  <button type="button" onClick={() => run(async () => void (await api.delete(`/users/${p.id}/sessions`)))}>
                    Sign out everywhere
                  </button>
                )}
                {admin && p.id !== session.user.id && (
                  <button type="button" aria-label={`Remove ${p.name}`} onClick={() => setRemoving(p)}>
                    Remove…
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

      <h2>Invite someone</h2>
      <form
        class="card"
        onSubmit={submit(async () => {
          const created = await api.post<{ url: string; delivery: string }>('/users/invitations', invite);
          setLink(created.url);
          setInvite({ email: '', name: '', role: 'author' });
          staff.reload();
        })}
      >
        <Field label="E-mail" name="email" type="email" value={invite.email} onInput={(email) => setInvite({ ...invite, email })} error={error} required />
        <Field label="Name" name="name" value={invite.name} onInput={(name) => setInvite({ ...invite, name })} error={error} required />
        <label>
          Role{' '}
          <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.currentTarget.value })}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" class="primary">
          Invite
        </button>
        {link && (
          <p role="status">
            Invitation link (also e-mailed when mail is set up): <code>{link}</code>
          </p>
        )}
      </form>

      {can(session, 'tokens.manage') && <ApiAccess />}
    </section>
  );
}
