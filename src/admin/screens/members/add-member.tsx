import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import type { Newsletter } from '../newsletters/newsletter-types.js';
import type { Member } from './member-types.js';
import { NewsletterChoice } from './newsletter-choice.js';

const EMPTY = { email: '', name: '', newsletters: [] as number[], consent: false };

/** Adds one reader by hand, subscribed only to the newsletters they asked for (and saying so). */
export function AddMember({ newsletters, onAdded }: { newsletters: Newsletter[]; onAdded(member: Member): void }) {
  const t = useText();
  const words = t.members;
  const [draft, setDraft] = useState(EMPTY);
  const { error, submit } = useAction();
  const add = submit(async () => {
    onAdded(await api.post<Member>('/members', draft));
    setDraft(EMPTY);
  });
  return (
    <form class="card" aria-label={words.addHeading} onSubmit={add}>
      <h2>{words.addHeading}</h2>
      <FormError error={error} />
      <Field label={words.email} name="email" type="email" value={draft.email} onInput={(email) => setDraft({ ...draft, email })} error={error} required />
      <Field label={words.name} name="name" value={draft.name} onInput={(name) => setDraft({ ...draft, name })} error={error} dir="auto" />
      {newsletters.length > 0 && (
        <>
          <NewsletterChoice legend={words.newsletters} newsletters={newsletters} chosen={draft.newsletters} onChange={(chosen) => setDraft({ ...draft, newsletters: chosen })} />
          <div class="field">
            <label>
              <input type="checkbox" name="consent" checked={draft.consent} required={draft.newsletters.length > 0} onChange={(e) => setDraft({ ...draft, consent: e.currentTarget.checked })} />{' '}
              {words.consent}
            </label>
          </div>
        </>
      )}
      <button type="submit" class="primary">
        {words.addMember}
      </button>
    </form>
  );
}
