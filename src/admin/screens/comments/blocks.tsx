import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction, useApi } from '../../hooks.js';

interface Block {
  id: number;
  kind: 'word' | 'email' | 'ip' | 'network';
  value: string;
}

const KINDS: Array<[Block['kind'], string, string]> = [
  ['word', 'Word', 'a word or phrase'],
  ['email', 'E-mail', 'someone@example.org or @example.org'],
  ['ip', 'IP address', '203.0.113.7'],
  ['network', 'Network', '203.0.113.0/24'],
];

/** Block lists: a comment matching any of them is marked spam, with the match as its reason. */
export function BlockLists() {
  const list = useApi<{ items: Block[] }>('/comments/blocks');
  const [kind, setKind] = useState<Block['kind']>('word');
  const [value, setValue] = useState('');
  const { error, run, submit } = useAction();

  const add = submit(async () => {
    await api.post('/comments/blocks', { kind, value });
    setValue('');
    list.reload();
  });
  const remove = (id: number) =>
    run(async () => {
      await api.delete(`/comments/blocks/${id}`);
      list.reload();
    });

  return (
    <section aria-labelledby="blocks-heading">
      <h2 id="blocks-heading">Block lists</h2>
      <form class="toolbar" onSubmit={add}>
        <select aria-label="Block kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Block['kind'])}>
          {KINDS.map(([k, label]) => (
            <option value={k}>{label}</option>
          ))}
        </select>
        <input aria-label="Blocked value" required value={value} placeholder={KINDS.find(([k]) => k === kind)![2]} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">Block</button>
      </form>
      <FormError error={error} />
      <ul class="blocks">
        {list.data?.items.map((block) => (
          <li key={block.id}>
            <span class="badge">{block.kind}</span> {block.value}{' '}
            <button type="button" onClick={() => remove(block.id)} aria-label={`Unblock ${block.value}`}>
              Unblock
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Open, closed, or closing by itself after the site's delay: one story's comments. */
export function StoryCommentsMode({ story }: { story: string }) {
  const state = useApi<{ mode: 'open' | 'closed' | 'auto'; open: boolean }>(story ? `/comments/stories/${story}` : null);
  const set = async (mode: 'open' | 'closed' | 'auto') => {
    await api.put(`/comments/stories/${story}`, { mode });
    state.reload();
  };
  if (!story || !state.data) return null;
  return (
    <p class="toolbar">
      Comments on story #{story} are {state.data.open ? 'open' : 'closed'} ({state.data.mode}):
      {(['open', 'closed', 'auto'] as const).map((mode) => (
        <button type="button" aria-pressed={state.data!.mode === mode} onClick={() => set(mode)}>
          {mode === 'auto' ? 'Automatic' : mode === 'open' ? 'Keep open' : 'Close'}
        </button>
      ))}
    </p>
  );
}
