import { useEffect, useRef, useState } from 'preact/hooks';
import { Trash2 } from 'lucide-preact';
import { api, ApiError } from '../../api.js';
import { FormError } from '../../components/form.js';
import { asApiError, useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { navigate, setLeaveGuard, useLocation } from '../../router.js';
import type { ScreenProps } from '../../screens.js';
import { can, useSession, type Session } from '../../session.js';
import type { Article, ArticleActions, Revision, StaffMember } from '../../types.js';
import { blockText } from '../../../content/block-text.js';
import { directionOf, languageNameIn } from '../../../content/languages.js';
import { stateLabel, stateReason } from '../../components/translation-state.js';
import { countWords, draftOf, EMPTY_DRAFT, payloadOf, type Draft } from './draft.js';
import { CorrectionsPanel, notesToCarry } from './corrections.js';
import { Languages } from './languages.js';
import { LiveBlogPanel } from './live-blog.js';
import { MomentsPanel } from './moments.js';
import { PreviewLinks } from './preview-links.js';
import { ReviewBar } from './review-bar.js';
import { PublishBar } from './publish-bar.js';
import { actorName, Revisions } from './revisions.js';
import { RichText } from './rich-text.js';
import { SidePanel } from './side-panel.js';
import { StoryStats } from './story-stats.js';
import { StoryReactions } from './story-reactions.js';
import { Headline } from './headline.js';
import { SettingsDrawer, useSettingsDrawer } from './settings-drawer.js';
import '../../../site/assets/story-type.css';
import './editor.css';

const AUTOSAVE_MS = 2500;

/** What a person may do with a story not yet saved: write it, and publish it if the role publishes its own. */
function newStoryActions(session: Session): ArticleActions {
  const publish = can(session, 'articles.publish.own');
  return { edit: true, publish, schedule: publish, unpublish: false, trash: false, restore: false, delete: false, translate: false, submit: false, sendBack: false };
}

interface Conflict {
  version: number;
  by: string;
  at: string;
}

/**
 * Writing a story: the headline and text in the public site's type on a calm page, a top bar
 * to save, preview and publish, and a settings panel (the story's details, its other languages,
 * its revisions) beside the text or over it on a narrow screen.
 */
export function StoryEditor({ params }: ScreenProps) {
  const session = useSession();
  const t = useText();
  const siteTime = useSiteTime();
  const settings = useSettingsDrawer();
  const { query } = useLocation();
  const isNew = params.id === 'new';
  const [article, setArticle] = useState<Article | null>(null);
  const [original, setOriginal] = useState<Article | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const action = useAction();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const changes = useRef(0);
  // The draft as of the last keystroke, for saves started before the next render.
  const latest = useRef(draft);
  const language = article?.language ?? query.get('language') ?? session.site.defaultLanguage;
  const zone = session.site.timeZone;

  const load = async () => {
    if (isNew) return;
    const loaded = await api.get<Article>(`/articles/${params.id}`);
    setArticle(loaded);
    latest.current = draftOf(loaded, zone);
    setDraft(latest.current);
    setText(blockText(loaded.body));
    setDirty(false);
    setConflict(null);
    setOriginal(loaded.translatedFrom ? await api.get<Article>(`/articles/${loaded.translatedFrom.id}`) : null);
  };
  useEffect(() => {
    // A new story just saved for the first time is already here: reloading would undo typing.
    if (article && String(article.id) === params.id) return;
    void action.run(load);
  }, [params.id]);

  const change = (patch: Partial<Draft>) => {
    changes.current++;
    latest.current = { ...latest.current, ...patch };
    setDraft(latest.current);
    setDirty(true);
  };

  /**
   * A refusal means the story, or whose it is, changed since it was opened: the buttons follow
   * what the server now allows (the text typed stays), and the refusal is passed on to be shown.
   */
  const afterRefusal = async (failure: ApiError) => {
    if (article && failure.status === 403) setArticle(await api.get<Article>(`/articles/${article.id}`));
    return failure;
  };

  const explainConflict = async (version: number) => {
    const [revisions, staff] = await Promise.all([
      api.get<{ items: Revision[] }>(`/articles/${params.id}/revisions`),
      api.get<{ items: StaffMember[] }>('/users'),
    ]);
    const latest = revisions.items[0];
    setConflict({ version, by: actorName(latest?.actor ?? '', staff.items, t), at: latest?.createdAt ?? '' });
  };

  const save = async (extra: Record<string, unknown> = {}, version = article?.version): Promise<void> => {
    const draft = latest.current;
    if (!draft.title.trim()) {
      action.fail(new ApiError(400, 'VALIDATION_FAILED', t.editor.needsHeadline, [{ field: 'title', message: 'is required' }]));
      return;
    }
    const started = changes.current;
    setBusy(true);
    await action.run(async () => {
      try {
        const body = { ...payloadOf(draft, zone), ...extra };
        const saved = article
          ? await api.patch<Article>(`/articles/${article.id}`, { ...body, version })
          : await api.post<Article>('/articles', { ...body, language });
        setArticle(saved);
        setConflict(null);
        setDirty(changes.current !== started);
        if (!article) {
          setLeaveGuard(null);
          navigate(`/stories/${saved.id}`, { replace: true });
        }
      } catch (caught) {
        const failure = asApiError(caught);
        // A newer version: the conflict notice says by whom and offers the way out.
        if (failure.status === 409 && typeof failure.details.currentVersion === 'number') await explainConflict(failure.details.currentVersion);
        else throw await afterRefusal(failure);
      }
    });
    setBusy(false);
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
    setLeaveGuard(() => confirm(t.editor.leaveUnsaved));
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => () => setLeaveGuard(null), []);
  // Ctrl+S (⌘S) saves as the Save button does, instead of the browser's "Save page as".
  const saveKey = useRef<(event: KeyboardEvent) => void>(() => {});
  saveKey.current = (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    event.preventDefault();
    if ((article?.allowed ?? newStoryActions(session)).edit && !busy) void save();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => saveKey.current(event);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);

  if (!isNew && !article) return action.error ? <FormError error={action.error} /> : <p>{t.common.loading}</p>;
  const allowed = article?.allowed ?? newStoryActions(session);
  const readOnly = !allowed.edit;
  const words = countWords(`${draft.title} ${text}`, language);
  const ownState = article?.translationStatus?.find((l) => l.articleId === article.id);
  // While the settings cover the text as a drawer, Tab stays in the drawer.
  const behindDrawer = settings.open && settings.over;

  const restore = (revision: Revision) => {
    change(draftOf(revision.article, zone));
    setText(blockText(revision.article.body));
  };
  const trash = async () => {
    if (!article || !confirm(t.editor.trashQuestion)) return;
    await action.run(async () => {
      await api.delete(`/articles/${article.id}`).catch(async (caught: unknown) => {
        throw await afterRefusal(asApiError(caught));
      });
      setLeaveGuard(null);
      navigate('/stories');
    });
  };

  return (
    <div class={settings.open ? 'editor-screen settings-open' : 'editor-screen'}>
      {/* The headline field is the page's title to the eye; this names the screen to a screen reader. */}
      <h1 class="sr-only">{isNew ? t.editor.newStory : t.editor.editStory}</h1>
      <PublishBar
        article={article}
        allowed={allowed}
        headline={draft.title}
        language={language}
        busy={busy}
        dirty={dirty}
        saved={Boolean(article) && !readOnly}
        onSave={save}
        preview={!settings.phone && <PreviewLinks article={article} dirty={dirty} />}
        settingsOpen={settings.open}
        onToggleSettings={settings.toggle}
        inert={behindDrawer}
      />
      <div class="editor-notices" inert={behindDrawer}>
        {article && <ReviewBar article={article} dirty={dirty} onSave={save} onChanged={setArticle} />}
        {article?.machineTranslated && (
          <p class="translation-note" role="note">
            {t.editor.machineTranslated}
          </p>
        )}
        {readOnly && (
          <p class="notice" role="note">
            {t.format(t.editor.readOnly, { role: t.common[`role_${session.user.role}`] })}
          </p>
        )}
        {ownState && (ownState.state === 'in-progress' || ownState.state === 'outdated') && (
          <p class={`translation-note ${ownState.state}`} role="note">
            <strong>{t.format(t.editor.translationState, { state: stateLabel(ownState.state, t) })}</strong> {stateReason(ownState, t)}
          </p>
        )}
        {article && original && notesToCarry(article, original).length > 0 && (
          <p class="translation-note outdated" role="note">
            {t.format(t.corrections.notice, { language: languageNameIn(original.language, t.lang) })}
          </p>
        )}
        <FormError error={action.error} />
        {conflict && (
          <div class="notice" role="alertdialog" aria-label={t.editor.editConflict}>
            <p>{t.format(t.editor.conflict, { by: conflict.by, time: siteTime(conflict.at) })}</p>
            <button type="button" onClick={() => void load()}>
              {t.editor.reloadTheirs}
            </button>{' '}
            <button type="button" class="primary" onClick={() => void save({}, conflict.version)}>
              {t.editor.overwrite}
            </button>
          </div>
        )}
      </div>
      <div class={original ? 'editor-body with-original' : 'editor-body'}>
        {original && (
          <section class="original" inert={behindDrawer} aria-label={t.format(t.editor.original, { language: original.language })} lang={original.language} dir={directionOf(original.language)}>
            <h2 class="muted">{t.format(t.editor.originalHeading, { language: original.language })}</h2>
            <h1>{original.title}</h1>
            <p class="standfirst">{original.standfirst}</p>
            <div class="prose" dangerouslySetInnerHTML={{ __html: original.body }} />
          </section>
        )}
        <div class="writing" lang={language} dir={directionOf(language)} inert={behindDrawer}>
          <Headline value={draft.title} language={language} readOnly={readOnly} onInput={(title) => change({ title })} />
          <RichText
            // Tiptap is set up once: a new one when the right to change the story comes or goes.
            key={readOnly ? 'read' : 'write'}
            html={draft.body}
            language={language}
            readOnly={readOnly}
            canUpload={can(session, 'media.upload')}
            footer={t.plural(words, t.editor.words)}
            onChange={(html, plain) => {
              setText(plain);
              change({ body: html });
            }}
          />
          {article && <LiveBlogPanel article={article} canUpload={can(session, 'media.upload')} />}
        </div>
        <SettingsDrawer drawer={settings}>
          {settings.phone && article && (
            <section class="drawer-preview">
              <PreviewLinks article={article} dirty={dirty} />
            </section>
          )}
          <SidePanel draft={draft} language={language} isTranslation={!!article?.translatedFrom} readOnly={readOnly} text={text} baseUrl={session.site.baseUrl} canUpload={can(session, 'media.upload')} onChange={change} />
          {article && <MomentsPanel key={article.id} article={article} onChanged={setArticle} />}
          {article && <Languages article={article} canTranslate={allowed.translate} />}
          {article && <CorrectionsPanel article={article} source={original} onChanged={setArticle} />}
          {article?.publishedAt && can(session, 'stats.read.own') && <StoryStats storyId={article.storyId} title={article.title} />}
          {article?.publishedAt && session.site.federation && <StoryReactions key={article.id} articleId={article.id} showDeliveries={can(session, 'fediverse.deliveries.own')} />}
          {article && <Revisions article={article} current={draft} onRestore={readOnly ? null : restore} />}
          {article && allowed.trash && (
            <button type="button" class="trash" disabled={busy} onClick={() => void trash()}>
              <Trash2 aria-hidden="true" size={16} />
              {t.editor.moveToTrash}
            </button>
          )}
        </SettingsDrawer>
      </div>
    </div>
  );
}
