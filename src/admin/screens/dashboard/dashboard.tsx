import { ExternalLink, PenLine } from 'lucide-preact';
import { query } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { useSiteTime, useApi } from '../../hooks.js';
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
            <a href={`/admin/stories/${a.id}`} onClick={linkHandler(`/stories/${a.id}`)}>
              {a.title}
            </a>{' '}
            <span class="muted">
              {a.language} · {siteTime(status === 'scheduled' ? a.publishAt : a.updatedAt)}
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
  const gaps = useApi<TranslationGaps>(`/translation-gaps${query({ limit: 8 })}`);
  const counts = gaps.data?.counts;
  return (
    <section class="card translation-gaps" aria-label="Translation status">
      <h2>Translations</h2>
      {counts && (
        <p class="gap-counts" aria-label="Translations waiting">
          <span class="badge missing">{counts.missing} missing</span> <span class="badge progress">{counts['in-progress']} in progress</span>{' '}
          <span class="badge warn">{counts.outdated} outdated</span>
        </p>
      )}
      {gaps.data?.total === 0 && <p class="muted">Every published story is translated and up to date.</p>}
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
        <p class="muted">
          {gaps.data.items.length} latest of {gaps.data.total} stories waiting.
        </p>
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
  const pending = useApi<PendingComments>(`/comments${query({ status: 'pending', limit: 5 })}`);
  return (
    <section class="card" aria-label="Comments awaiting moderation">
      <h2>Comments awaiting moderation {pending.data && <span class="badge warn">{pending.data.total}</span>}</h2>
      {pending.error && <p class="muted">The comment queue is not available.</p>}
      <ul>
        {pending.data?.items.map((c) => (
          <li key={c.id}>
            <strong>{c.author.name}</strong> on {c.article?.title ?? 'a story'}: <span class="muted">{c.body.slice(0, 120)}</span>
          </li>
        ))}
      </ul>
      <a href="/admin/comments" onClick={linkHandler('/comments')}>
        Open the moderation queue
      </a>
    </section>
  );
}

/** Where the day starts: drafts, what is scheduled, translation gaps, quick links, and the demo's removal while it is there. */
export function Dashboard() {
  const session = useSession();
  return (
    <section>
      <PageHeader title={`Welcome, ${session.user.name}`}>
        {can(session, 'users.manage') && (
          <a class="button" href="/admin/people" onClick={linkHandler('/people')}>
            Invite someone
          </a>
        )}
        <a class="button" href="/admin/media" onClick={linkHandler('/media')}>
          Media library
        </a>
        <a class="button" href={session.site.baseUrl} target="_blank" rel="noopener">
          <ExternalLink aria-hidden="true" size={16} />
          View the site
        </a>
        <a class="button primary" href="/admin/stories/new" onClick={linkHandler('/stories/new')}>
          <PenLine aria-hidden="true" size={16} />
          Write a story
        </a>
      </PageHeader>
      {can(session, 'demo.remove') && <DemoContent />}
      <div class="grid">
        {can(session, 'articles.review') && <WaitingForReview />}
        <StoryList title="Recent drafts" status="draft" empty="No drafts." />
        <StoryList title="Scheduled" status="scheduled" empty="Nothing scheduled." />
        <TranslationStatus />
        {can(session, 'comments.moderate') && <AwaitingModeration />}
      </div>
    </section>
  );
}
