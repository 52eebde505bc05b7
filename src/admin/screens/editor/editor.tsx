import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { FormError } from '../../components/form.js';
import { navigate, setLeaveGuard, useLocation } from '../../router.js';
import type { ScreenProps } from '../../screens.js';
import { can, useSession } from '../../session.js';
import type { Article, Revision, StaffMember } from '../../types.js';
import { blockText } from '../../../content/block-text.js';
import { countWords, draftOf, EMPTY_DRAFT, payloadOf, type Draft } from './draft.js';
import { Languages } from './languages.js';
import { PreviewLinks } from './preview-links.js';
import { PublishBar } from './publish-bar.js';
import { actorName, Revisions } from './revisions.js';
import { RichText } from './rich-text.js';
import { SidePanel } from './side-panel.js';

const AUTOSAVE_MS = 2500;

interface Conflict {
  version: number;
  by: string;
  at: string;
}

/** Writing a story: the text, its settings, publishing, revisions, and its other languages. */
export function StoryEditor({ params }: ScreenProps) {
  const session = useSession();
  const { query } = useLocation();
  const isNew = params.id === 'new';
  const [article, setArticle] = useState<Article | null>(null);
  const [original, setOriginal] = useState<Article | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const changes = useRef(0);
  // The draft as of the last keystroke, for saves started before the next render.
  const latest = useRef(draft);
  const language = article?.language ?? query.get('language') ?? session.site.defaultLanguage;

  const load = async () => {
    if (isNew) return;
    const loaded = await api.get<Article>(`/articles/${params.id}`);
    setArticle(loaded);
    latest.current = draftOf(loaded);
    setDraft(latest.current);
    setText(blockText(loaded.body));
    setDirty(false);
    setConflict(null);
    setOriginal(loaded.translatedFrom ? await api.get<Article>(`/articles/${loaded.translatedFrom.id}`) : null);
  };
  useEffect(() => {
    // A new story just saved for the first time is already here: reloading would undo typing.
    if (article && String(article.id) === params.id) return;
    void load().catch(setError);
  }, [params.id]);

  const change = (patch: Partial<Draft>) => {
    changes.current++;
    latest.current = { ...latest.current, ...patch };
    setDraft(latest.current);
    setDirty(true);
  };

  const explainConflict = async (version: number) => {
    const [revisions, staff] = await Promise.all([
      api.get<{ items: Revision[] }>(`/articles/${params.id}/revisions`),
      api.get<{ items: StaffMember[] }>('/users'),
    ]);
    const latest = revisions.items[0];
    setConflict({ version, by: actorName(latest?.actor ?? '', staff.items), at: latest?.createdAt ?? '' });
  };

  const save = async (extra: Record<string, unknown> = {}, version = article?.version) => {
    const draft = latest.current;
    if (!draft.title.trim()) {
      setError(new ApiError(400, 'VALIDATION_FAILED', 'Give the story a headline before saving it.', [{ field: 'title', message: 'is required' }]));
      return;
    }
    const started = changes.current;
    setBusy(true);
    setError(null);
    try {
      const body = { ...payloadOf(draft), ...extra };
      const saved = article
        ? await api.patch<Article>(`/articles/${article.id}`, { ...body, version })
        : await api.post<Article>('/articles', { ...body, language });
      setArticle(saved);
      setConflict(null);
      setSavedAt(new Date());
      setDirty(changes.current !== started);
      if (!article) {
        setLeaveGuard(null);
        navigate(`/stories/${saved.id}`, { replace: true });
      }
    } catch (caught) {
      const failure = caught as ApiError;
      if (failure.status === 409 && typeof failure.details.currentVersion === 'number') await explainConflict(failure.details.currentVersion);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  // Drafts save themselves a moment after typing stops; scheduled and published stories wait for "Update".
  useEffect(() => {
    if (!dirty || busy || conflict || !draft.title.trim() || (article && article.status !== 'draft')) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, dirty, busy, conflict]);

  useEffect(() => {
    if (!dirty) {
      setLeaveGuard(null);
      return;
    }
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', warn);
    setLeaveGuard(() => confirm('This story has unsaved changes. Leave anyway?'));
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => () => setLeaveGuard(null), []);

  if (!isNew && !article) return error ? <FormError error={error} /> : <p>Loading…</p>;
  const me = session.user.id;
  const own = !article || article.createdBy === `user:${me}` || article.authors.some((a) => a.id === me);
  const canPublish = can(session, 'articles.publish.any') || (own && can(session, 'articles.publish.own'));
  const words = countWords(`${draft.title} ${text}`, language);

  const restore = (revision: Revision) => {
    change(draftOf(revision.article));
    setText(blockText(revision.article.body));
  };
  const trash = async () => {
    if (!article || !confirm('Move this story to the trash? It can be restored from there.')) return;
    await api.delete(`/articles/${article.id}`);
    setLeaveGuard(null);
    navigate('/stories');
  };

  return (
    <div class="editor-screen">
      <PublishBar article={article} canPublish={canPublish} busy={busy} dirty={dirty} onSave={save} onTrash={trash} />
      <PreviewLinks article={article} dirty={dirty} />
      <p class="muted" role="status">
        {words} words · {dirty ? 'unsaved changes' : savedAt ? `saved at ${savedAt.toLocaleTimeString()}` : 'no changes'}
        {article?.machineTranslated && ' · machine-translated: review before publishing'}
      </p>
      <FormError error={error} />
      {conflict && (
        <div class="notice" role="alertdialog" aria-label="Edit conflict">
          <p>
            This story was changed by <strong>{conflict.by}</strong> at {new Date(conflict.at).toLocaleString()} while you were editing.
          </p>
          <button type="button" onClick={() => void load()}>
            Reload their version (discard mine)
          </button>{' '}
          <button type="button" class="primary" onClick={() => void save({}, conflict.version)}>
            Overwrite with my version
          </button>
        </div>
      )}
      <div class={original ? 'columns three' : 'columns'}>
        {original && (
          <section class="original" aria-label={`Original (${original.language})`} lang={original.language}>
            <h2 class="muted">Original · {original.language}</h2>
            <h1>{original.title}</h1>
            <p class="standfirst">{original.standfirst}</p>
            <div class="prose" dangerouslySetInnerHTML={{ __html: original.body }} />
          </section>
        )}
        <div class="writing" lang={language}>
          <label class="sr-only" for="title">
            Headline
          </label>
          <textarea id="title" name="title" class="headline" rows={1} placeholder="Headline" value={draft.title} onInput={(e) => change({ title: e.currentTarget.value })} />
          <RichText
            html={draft.body}
            language={language}
            canUpload={can(session, 'media.upload')}
            onChange={(html, plain) => {
              setText(plain);
              change({ body: html });
            }}
          />
          {article && <Languages article={article} />}
          {article && <Revisions articleId={article.id} current={draft} onRestore={restore} />}
        </div>
        <SidePanel draft={draft} language={language} text={text} baseUrl={session.site.baseUrl} canUpload={can(session, 'media.upload')} onChange={change} />
      </div>
    </div>
  );
}
