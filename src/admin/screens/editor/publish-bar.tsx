import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ChevronLeft, PanelRight } from 'lucide-preact';
import { useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { BASE, linkHandler } from '../../router.js';
import type { Article, ArticleActions } from '../../types.js';
import { PublishDialog } from './publish-dialog.js';
import { api } from '../../api.js';

interface Props {
  article: Article | null;
  /** What the server says the person may do with this story (`allowed`). */
  allowed: ArticleActions;
  /** The headline and language as typed, for the publish dialog's confirmation. */
  headline: string;
  language: string;
  busy: boolean;
  dirty: boolean;
  saved: boolean;
  onSave(extra?: Record<string, unknown>): Promise<void>;
  /** Preview and its link, placed beside the buttons. */
  preview: ComponentChildren;
  settingsOpen: boolean;
  onToggleSettings(): void;
  /** Out of reach behind the settings drawer. */
  inert: boolean;
}

/**
 * The editor's top bar: where the story stands and whether it is saved on one side; preview,
 * save and one way to publish on the other (a dialog that asks when, then confirms); only what
 * the server allows this person, nothing more.
 */
export function PublishBar({ article, allowed, headline, language, busy, dirty, saved, onSave, preview, settingsOpen, onToggleSettings, inert }: Props) {
  const t = useText();
  const siteTime = useSiteTime();
  const [publishing, setPublishing] = useState(false);
  const status = article?.status ?? 'draft';
  const mayPublish = (allowed.publish || allowed.schedule) && status !== 'published';
  const saveState = busy ? t.editor.saving : dirty ? t.editor.unsavedChanges : saved ? t.editor.saved : '';
  return (
    <header class="publish-bar" inert={inert}>
      <div class="bar-state">
        <a class="back" href={`${BASE}/stories`} onClick={linkHandler('/stories')} title={t.editor.backToStories} aria-label={t.editor.backToStories}>
          <ChevronLeft aria-hidden="true" size={18} />
        </a>
        <span class={`badge status-${status}`}>{t.editor[`status_${status}`]}</span>
        {article?.publishAt && status === 'scheduled' && <span class="muted when">{t.format(t.editor.scheduledFor, { time: siteTime(article.publishAt) })}</span>}
        <span class="muted save-state" role="status">
          {saveState}
        </span>
      </div>
      <div class="bar-actions">
        {preview}
        {allowed.edit && status === 'draft' && (
          // Quiet beside Publish…; a writer who may not publish has the review bar's Submit as the main button.
          <button type="button" class={mayPublish ? 'quiet' : ''} disabled={busy} onClick={() => void onSave()}>
            {t.editor.saveDraft}
          </button>
        )}
        {allowed.edit && status !== 'draft' && (
          <button type="button" class="primary" disabled={busy} onClick={() => void onSave()}>
            {t.editor.update}
          </button>
        )}
        {allowed.unpublish && status !== 'draft' && (
          <button type="button" disabled={busy} onClick={() => void onSave({ status: 'draft' })}>
            {status === 'published' ? t.editor.unpublish : t.editor.unschedule}
          </button>
        )}
        {mayPublish && (
          <button type="button" class={status === 'draft' ? 'primary' : ''} disabled={busy} aria-haspopup="dialog" onClick={() => setPublishing(true)}>
            {status === 'draft' ? t.editor.publishEllipsis : t.editor.scheduleEllipsis}
          </button>
        )}
        <button
          type="button"
          class="quiet icon-only settings-toggle"
          aria-label={t.editor.storySettings}
          title={t.editor.storySettings}
          aria-expanded={settingsOpen ? 'true' : 'false'}
          aria-controls="story-settings"
          onClick={onToggleSettings}
        >
          <PanelRight aria-hidden="true" size={20} />
        </button>
      </div>
      {publishing && (
        <PublishDialog
          articleId={article?.id ?? null}
          headline={headline}
          language={language}
          allowed={allowed}
          publishAt={article?.publishAt ?? null}
          embargoUntil={article?.embargoUntil ?? null}
          busy={busy}
          onPublish={async (extra, newsletters) => {
            await onSave(extra);
            // Once it is saved: sent now if the story is out, planned for its publication if it is scheduled.
            if (newsletters.length > 0 && article) await api.post(`/articles/${article.id}/newsletter-sends`, { newsletterIds: newsletters });
            setPublishing(false);
          }}
          onClose={() => setPublishing(false)}
        />
      )}
    </header>
  );
}
