import { ExternalLink, PenLine } from 'lucide-preact';
import { query } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { useSiteTime, useApi } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { linkHandler } from '../../router.js';
import { can, useSession } from '../../session.js';
import { StateBadge } from '../../components/translation-state.js';
import type { Article, Page, TranslationGaps } from '../../types.js';
import { DemoContent } from './demo-content.js';
import { WaitingForReview } from './waiting-for-review.js';

function StoryList({ title, status, empty }: { title: string; status: 'draft' | 'scheduled'; empty: string }) {
  const siteTime = useSiteTime();
  const list = useApi<Page<Article>>(`/articles${query({ status, limit: 8 })}`);
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      {list.data?.items.length === 0 && <p class="muted">{empty}</p>}
      <ul>
        {list.data?.items.map((a) => (
          <li key={a.id}>
            <a href={`/admin/stories/${a.id}`} lang={a.language} dir="auto" onClick={linkHandler(`/stories/${a.id}`)}>
              {a.title}
            </a>{' '}
            <span class="muted">
              <bdi>{a.language}</bdi> · <bdi>{siteTime(status === 'scheduled' ? a.publishAt : a.updatedAt)}</bdi>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Published stories that wait for a translation (missing, in progress or outdated in some site
 * language), each from its own original, whatever the default language: the server's one rule.
 */
function TranslationStatus() {
  const t = useText();
  const gaps = useApi<TranslationGaps>(`/translation-gaps${query({ limit: 8 })}`);
  const counts = gaps.data?.counts;
  return (
    <section class="card translation-gaps" aria-label={t.dashboard.translationStatus}>
      <h2>{t.dashboard.translations}</h2>
      {counts && (
        <p class="gap-counts" aria-label={t.dashboard.translationsWaiting}>
          <span class="badge missing">{t.plural(counts.missing, t.dashboard.gapsMissing)}</span>{' '}
          <span class="badge progress">{t.plural(counts['in-progress'], t.dashboard.gapsInProgress)}</span>{' '}
          <span class="badge warn">{t.plural(counts.outdated, t.dashboard.gapsOutdated)}</span>
        </p>
      )}
      {gaps.data?.total === 0 && <p class="muted">{t.dashboard.allTranslated}</p>}
      <ul class="gap-list">
        {gaps.data?.items.map((a) => (
          <li key={a.id} data-story={a.storyId}>
            <a href={`/admin/stories/${a.id}`} lang={a.language} dir="auto" onClick={linkHandler(`/stories/${a.id}`)}>
              {a.title}
            </a>
            <span class="states">
              {a.translationStatus?.map((l) =>
                l.articleId && l.state !== 'original' ? (
                  <a key={l.language} href={`/admin/stories/${l.articleId}`} onClick={linkHandler(`/stories/${l.articleId}`)}>
                    <StateBadge status={l} />
                  </a>
                ) : (
                  <StateBadge key={l.language} status={l} />
                ),
              )}
            </span>
          </li>
        ))}
      </ul>
      {gaps.data && gaps.data.total > gaps.data.items.length && (
        <p class="muted">{t.plural(gaps.data.total, t.dashboard.latestWaiting, { shown: gaps.data.items.length })}</p>
      )}
    </section>
  );
}

interface PendingComments {
  items: Array<{ id: number; author: { name: string }; body: string; article: { title: string } | null }>;
  total: number;
}

/** Comments waiting for a moderator (editors and administrators); the queue has its own screen. */
function AwaitingModeration() {
  const t = useText();
  const pending = useApi<PendingComments>(`/comments${query({ status: 'pending', limit: 5 })}`);
  return (
    <section class="card" aria-label={t.dashboard.awaitingModeration}>
      <h2>
        {t.dashboard.awaitingModeration} {pending.data && <span class="badge warn">{pending.data.total}</span>}
      </h2>
      {pending.error && <p class="muted">{t.dashboard.queueUnavailable}</p>}
      <ul>
        {pending.data?.items.map((c) => (
          <li key={c.id}>
            <strong>
              <bdi>{c.author.name}</bdi>
            </strong>{' '}
            {fill(t.dashboard.commentOn, { story: c.article ? <bdi>{c.article.title}</bdi> : t.dashboard.aStory })}{' '}
            <span class="muted" dir="auto">
              {c.body.slice(0, 120)}
            </span>
          </li>
        ))}
      </ul>
      <a href="/admin/comments" onClick={linkHandler('/comments')}>
        {t.dashboard.openQueue}
      </a>
    </section>
  );
}

/** Where the day starts: drafts, what is scheduled, translation gaps, quick links, and the demo's removal while it is there. */
export function Dashboard() {
  const session = useSession();
  const t = useText();
  return (
    <section>
      <PageHeader title={t.format(t.dashboard.welcome, { name: session.user.name })}>
        {can(session, 'users.manage') && (
          <a class="button" href="/admin/people" onClick={linkHandler('/people')}>
            {t.dashboard.inviteSomeone}
          </a>
        )}
        <a class="button" href="/admin/media" onClick={linkHandler('/media')}>
          {t.dashboard.mediaLibrary}
        </a>
        <a class="button" href={session.site.baseUrl} target="_blank" rel="noopener">
          <ExternalLink aria-hidden="true" size={16} />
          {t.dashboard.viewSite}
        </a>
        <a class="button primary" href="/admin/stories/new" onClick={linkHandler('/stories/new')}>
          <PenLine aria-hidden="true" size={16} />
          {t.dashboard.writeStory}
        </a>
      </PageHeader>
      {can(session, 'demo.remove') && <DemoContent />}
      <div class="grid">
        {can(session, 'articles.review') && <WaitingForReview />}
        <StoryList title={t.dashboard.recentDrafts} status="draft" empty={t.dashboard.noDrafts} />
        <StoryList title={t.dashboard.scheduled} status="scheduled" empty={t.dashboard.nothingScheduled} />
        <TranslationStatus />
        {can(session, 'comments.moderate') && <AwaitingModeration />}
      </div>
    </section>
  );
}
