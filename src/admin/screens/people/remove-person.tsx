import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useAction } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import type { Removal, StaffMember } from '../../types.js';
import { roleName } from './roles.js';

interface RemovePersonProps {
  person: StaffMember;
  staff: StaffMember[];
  /** Whom the picker offers first: the administrator doing it. */
  me: number;
  onRemoved(removal: Removal): void;
  onCancel(): void;
}

/** Asks whom a person's stories go to (as WordPress does), then removes them. */
export function RemovePerson({ person, staff, me, onRemoved, onCancel }: RemovePersonProps) {
  const t = useText();
  const others = staff.filter((p) => p.id !== person.id);
  const [heir, setHeir] = useState(String(others.some((p) => p.id === me) ? me : (others[0]?.id ?? '')));
  const [busy, setBusy] = useState(false);
  const { error, run } = useAction();
  const remove = () =>
    run(async () => {
      setBusy(true);
      try {
        onRemoved(await api.delete<Removal>(`/users/${person.id}${query({ reassignTo: heir })}`));
      } finally {
        setBusy(false);
      }
    });
  return (
    <ConfirmDialog
      title={t.format(t.people.removeTitle, { name: person.name })}
      confirmLabel={t.format(t.people.removePerson, { name: person.name })}
      onConfirm={remove}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      <p>{fill(t.people.removeWarning, { name: <bdi>{person.name}</bdi> })}</p>
      <label>
        {t.people.heirLabel}
        <select value={heir} onChange={(e) => setHeir(e.currentTarget.value)} aria-invalid={error?.fields.some((f) => f.field === 'reassignTo') ? 'true' : undefined}>
          {others.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({roleName(t, p.role)})
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t.people.bylinesNote}</p>
    </ConfirmDialog>
  );
}
