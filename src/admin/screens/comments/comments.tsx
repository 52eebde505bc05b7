import { MessageSquare } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { fill } from '../../i18n/fill.js';
import { useLocation } from '../../router.js';
import { BlockLists, StoryCommentsMode } from './blocks.js';
import { Pager } from '../../components/pager.js';

type Status = 'pending' | 'approved' | 'spam' | 'trash';
type Action = 'approve' | 'spam' | 'not-spam' | 'trash' | 'restore' | 'delete';

interface Comment {
  id: number;
  articleId: number;
  article: { title: string; language: string; url: string } | null;
  parentId: number | null;
  status: Status;
  author: { name: string; email: string; url: string | null; ip: string | null; userId: number | null; handle: string | null };
  body: string;
  score: number;
  reasons: string[];
  createdAt: string;
}

interface CommentPage {
  items: Comment[];
  total: number;
  page: number;
  limit: number;
}

const TABS: Status[] = ['pending', 'approved', 'spam', 'trash'];

/** What each queue offers, in order; the letter is the keyboard shortcut. */
const ACTIONS: Record<Status, Array<[Action, string]>> = {
  pending: [['approve', 'a'], ['spam', 's'], ['trash', 't']],
  approved: [['spam', 's'], ['trash', 't']],
  spam: [['not-spam', 'n'], ['approve', 'a'], ['delete', 'd']],
  trash: [['restore', 'u'], ['delete', 'd']],
};

/**
 * The moderation queue: pending, approved, spam and trash, filtered by story and commenter,
 * with single and bulk decisions, edit and reply, and keyboard shortcuts (j/k to move, x to
 * select, a approve, s spam, n not spam, t trash, u restore, d delete, e edit, r reply).
 */
export function Comments() {
  const siteTime = useSiteTime();
  const t = useText();
  const words = t.comments;
  const { query: params } = useLocation();
  const [status, setStatus] = useState<Status>((params.get('status') as Status) || 'pending');
  const [story, setStory] = useState(params.get('story') ?? '');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [editing, setEditing] = useState<{ id: number; mode: 'edit' | 'reply'; body: string } | null>(null);
  const [message, setMessage] = useState('');
  const list = useApi<CommentPage>(`/comments${query({ status, story, email, q: text, page, limit: 25 })}`);
  const items = list.data?.items ?? [];
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.limit)) : 1;

  const outcome = useAction();
  const act = async (ids: number[], action: Action) => {
    if (!ids.length) return;
    if (action === 'delete' && !confirm(t.plural(ids.length, words.confirmDelete))) return;
    setMessage('');
    await outcome.run(async () => {
      if (ids.length === 1 && action === 'delete') await api.delete(`/comments/${ids[0]}`);
      else if (ids.length === 1) await api.post(`/comments/${ids[0]}/${action}`);
      else await api.post('/comments/bulk', { ids, action });
      setMessage(t.plural(ids.length, words[`done_${action}`]));
      setSelected(new Set());
      list.reload();
    });
  };
  const save = async () => {
    if (!editing) return;
    setMessage('');
    await outcome.run(async () => {
      if (editing.mode === 'edit') await api.patch(`/comments/${editing.id}`, { body: editing.body });
      else await api.post(`/comments/${editing.id}/reply`, { body: editing.body });
      setMessage(editing.mode === 'edit' ? words.commentSaved : words.replyPublished);
      setEditing(null);
      list.reload();
    });
  };
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  // Set on every render and read by one listener, as the stories list does: a listener set up in
  // an effect runs a frame after the list is drawn, and a key pressed in that frame found no comment.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  onKey.current = (event) => {
    const target = event.target as HTMLElement;
    if (editing || event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    const current = items[cursor];
    const key = event.key.toLowerCase();
    if (key === 'j') setCursor(Math.min(cursor + 1, items.length - 1));
    else if (key === 'k') setCursor(Math.max(cursor - 1, 0));
    else if (key === 'x' && current) toggle(current.id);
    else if (key === 'e' && current) setEditing({ id: current.id, mode: 'edit', body: current.body });
    else if (key === 'r' && current && (status === 'pending' || status === 'approved')) setEditing({ id: current.id, mode: 'reply', body: '' });
    else {
      const action = ACTIONS[status].find(([, letter]) => letter === key);
      if (!action || !current) return;
      void act(selected.size ? [...selected] : [current.id], action[0]);
    }
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);

  return (
    <section class="comments-queue">
      <PageHeader title={t.nav.comments} />
      <nav class="toolbar" aria-label={words.queues}>
        {TABS.map((value) => (
          <button type="button" aria-pressed={status === value} class={status === value ? 'primary' : ''} onClick={() => (setStatus(value), setPage(1), setSelected(new Set()), setCursor(0))}>
            {words[`tab_${value}`]}
          </button>
        ))}
      </nav>
      <div class="toolbar">
        <input aria-label={words.storyId} placeholder={words.storyId} inputMode="numeric" value={story} onInput={(e) => (setStory(e.currentTarget.value.replace(/\D/g, '')), setPage(1))} />
        <input aria-label={words.commenterEmail} placeholder={words.commenterEmail} value={email} onChange={(e) => (setEmail(e.currentTarget.value.trim()), setPage(1))} />
        <input aria-label={words.searchComments} placeholder={t.common.search} value={text} onChange={(e) => (setText(e.currentTarget.value.trim()), setPage(1))} />
        {selected.size > 0 &&
          ACTIONS[status].map(([action]) => (
            <button type="button" onClick={() => act([...selected], action)}>
              {t.plural(selected.size, words.bulkAct, { action: words[`action_${action}`] })}
            </button>
          ))}
      </div>
      <StoryCommentsMode story={story} />
      <p class="muted">{t.format(words.keys, { actions: ACTIONS[status].map(([action, letter]) => `${letter} ${words[`key_${action}`]}`).join(' · ') })}</p>
      {message && <p role="status">{message}</p>}
      <FormError error={outcome.error ?? list.error} />
      {list.data && items.length === 0 && (
        <EmptyState icon={MessageSquare} title={words.noComments}>
          {status === 'pending' ? words.pendingEmpty : words.otherEmpty}
        </EmptyState>
      )}
      <ol class="comment-queue" style="list-style:none;padding:0">
        {items.map((c, index) => (
          <li key={c.id} data-id={c.id} aria-current={index === cursor ? 'true' : undefined} class={index === cursor ? 'current' : ''} style={`padding:.5rem;border-bottom:1px solid var(--line);${index === cursor ? 'outline:2px solid var(--accent)' : ''}`}>
            <label>
              <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} aria-label={t.format(words.selectComment, { name: c.author.name })} />{' '}
              <strong>
                <bdi>{c.author.name}</bdi>
              </strong>
            </label>{' '}
            <span class="muted">
              {/* A reply from the fediverse has no e-mail address: its author's handle, linked to their profile. */}
              {c.author.handle ? (
                <a href={c.author.url ?? undefined} target="_blank" rel="noopener nofollow" dir="ltr">
                  {c.author.handle}
                </a>
              ) : (
                <bdi>{c.author.email}</bdi>
              )}{' '}
              · <bdi>{c.author.ip ?? words.noIp}</bdi> · <bdi>{siteTime(c.createdAt)}</bdi>
              {c.article && (
                <>
                  {' · '}
                  {fill(words.onStory, {
                    story: (
                      <a href={c.article.url} lang={c.article.language} dir="auto" target="_blank" rel="noopener">
                        {c.article.title}
                      </a>
                    ),
                  })}{' '}
                  <button type="button" class="link" onClick={() => (setStory(String(c.articleId)), setPage(1))}>
                    {words.onlyThisStory}
                  </button>
                </>
              )}
            </span>
            {editing?.id === c.id ? (
              <div>
                {/* A reply is written with the comment it answers in sight. */}
                {editing.mode === 'reply' && (
                  <blockquote class="replying-to" aria-label={t.format(words.commentBy, { name: c.author.name })}>
                    <p class="comment-text" dir="auto" style="white-space:pre-wrap">{c.body}</p>
                  </blockquote>
                )}
                <textarea dir="auto" aria-label={editing.mode === 'edit' ? words.commentText : t.format(words.replyTo, { name: c.author.name })} rows={4} style="width:100%" value={editing.body} onInput={(e) => setEditing({ ...editing, body: e.currentTarget.value })} />
                <button type="button" class="primary" onClick={save}>{editing.mode === 'edit' ? t.common.save : words.publishReply}</button>{' '}
                <button type="button" onClick={() => setEditing(null)}>{t.common.cancel}</button>
              </div>
            ) : (
              <p class="comment-text" dir="auto" style="white-space:pre-wrap">{c.body}</p>
            )}
            <p class="muted">
              {words.score} <span class={`badge ${c.score >= 0.9 ? 'warn' : c.score >= 0.5 ? 'missing' : 'ok'}`}>{c.score.toFixed(2)}</span> {c.reasons.join('; ')}
            </p>
            <div class="toolbar">
              {ACTIONS[c.status].map(([action]) => (
                <button type="button" onClick={() => act([c.id], action)}>{words[`action_${action}`]}</button>
              ))}
              <button type="button" onClick={() => setEditing({ id: c.id, mode: 'edit', body: c.body })}>{t.common.edit}</button>
              {(c.status === 'pending' || c.status === 'approved') && (
                <button type="button" onClick={() => setEditing({ id: c.id, mode: 'reply', body: '' })}>{words.reply}</button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <Pager page={page} pages={pages} onPage={setPage} />
      <BlockLists />
    </section>
  );
}
