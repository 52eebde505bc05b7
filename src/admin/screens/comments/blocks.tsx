import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction, useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';

interface Block {
  id: number;
  kind: 'word' | 'email' | 'ip' | 'network';
  value: string;
}

const KINDS: Array<Block['kind']> = ['word', 'email', 'ip', 'network'];

/** Block lists: a comment matching any of them is marked spam, with the match as its reason. */
export function BlockLists() {
  const t = useText();
  const words = t.comments;
  /** What to type for each kind: addresses are the same in every language. */
  const example: Record<Block['kind'], string> = { word: words.example_word, email: words.example_email, ip: '203.0.113.7', network: '203.0.113.0/24' };
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
      <h2 id="blocks-heading">{words.blockLists}</h2>
      <form class="toolbar" onSubmit={add}>
        <select aria-label={words.blockKind} value={kind} onChange={(e) => setKind(e.currentTarget.value as Block['kind'])}>
          {KINDS.map((k) => (
            <option value={k}>{words[`kind_${k}`]}</option>
          ))}
        </select>
        <input aria-label={words.blockedValue} required value={value} placeholder={example[kind]} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">{words.block}</button>
      </form>
      <FormError error={error} />
      <ul class="blocks">
        {list.data?.items.map((block) => (
          <li key={block.id}>
            <span class="badge">{words[`badge_${block.kind}`]}</span> {block.value}{' '}
            <button type="button" onClick={() => remove(block.id)} aria-label={t.format(words.unblockValue, { value: block.value })}>
              {words.unblock}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Open, closed, or closing by itself after the site's delay: one story's comments. */
export function StoryCommentsMode({ story }: { story: string }) {
  const t = useText();
  const words = t.comments;
  const state = useApi<{ mode: 'open' | 'closed' | 'auto'; open: boolean }>(story ? `/comments/stories/${story}` : null);
  const set = async (mode: 'open' | 'closed' | 'auto') => {
    await api.put(`/comments/stories/${story}`, { mode });
    state.reload();
  };
  if (!story || !state.data) return null;
  return (
    <p class="toolbar">
      {t.format(state.data.open ? words.storyOpen : words.storyClosed, { story, mode: words[`mode_${state.data.mode}`] })}
      {(['open', 'closed', 'auto'] as const).map((mode) => (
        <button type="button" aria-pressed={state.data!.mode === mode} onClick={() => set(mode)}>
          {mode === 'auto' ? words.automatic : mode === 'open' ? words.keepOpen : words.closeComments}
        </button>
      ))}
    </p>
  );
}
