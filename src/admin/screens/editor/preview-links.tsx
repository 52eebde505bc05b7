import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { asApiError, useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import type { Article } from '../../types.js';
import { underEmbargo } from './moments.js';

interface PreviewLink {
  url: string;
  expiresAt: string;
}

/**
 * The story as readers will see it: before publication a private preview (a link that also
 * works for a colleague without an account, for a week), after it the live page.
 */
export function PreviewLinks({ article, dirty }: { article: Article | null; dirty: boolean }) {
  const [link, setLink] = useState<PreviewLink | null>(null);
  const [copied, setCopied] = useState(false);
  const { error, fail } = useAction();
  const siteTime = useSiteTime();
  const t = useText();
  if (!article) return null;
  if (article.status === 'published') {
    return (
      <a class="button" href={article.url} target="_blank" rel="noopener">
        {t.previews.viewStory}
      </a>
    );
  }
  // An embargo admits no reader, a preview link's included (content/previews.ts).
  if (underEmbargo(article)) return <span class="muted no-preview">{t.moments.noPreview}</span>;
  const fresh = async () => {
    const made = await api.post<PreviewLink>(`/articles/${article.id}/preview`).catch((caught: unknown) => (fail(asApiError(caught)), null));
    if (made) (fail(null), setLink(made));
    return made;
  };
  const open = async () => {
    // Opened at once, filled in when the link comes: browsers block a window opened later.
    const tab = window.open('', '_blank');
    const made = await fresh();
    if (made && tab) tab.location.href = made.url;
    else tab?.close();
  };
  const copy = async () => {
    const made = link ?? (await fresh());
    if (!made) return;
    await navigator.clipboard?.writeText(made.url).catch(() => undefined);
    setCopied(true);
  };
  return (
    <span class="preview-links">
      <button type="button" onClick={open} title={dirty ? t.previews.asLastSaved : undefined}>
        {t.previews.preview}
      </button>
      <button type="button" onClick={copy}>
        {copied ? t.previews.linkCopied : t.previews.copyLink}
      </button>
      {link && (
        // An address reads left to right, its start first, in an Arabic admin too.
        <input class="preview-url" dir="ltr" readOnly aria-label={t.format(t.previews.linkUntil, { time: siteTime(link.expiresAt) })} value={link.url} onFocus={(e) => e.currentTarget.select()} />
      )}
      <FormError error={error} />
    </span>
  );
}
