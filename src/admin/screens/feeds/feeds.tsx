import { Rss } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useSiteTime, useAction, useApi } from '../../hooks.js';

interface FollowedFeed {
  id: number;
  url: string;
  name: string;
  language: string | null;
  publish: boolean;
  canonicalToSource: boolean;
  pollMinutes: number;
  lastPolledAt: string | null;
  failures: number;
  lastError: string | null;
  items: number;
}

interface PollResult {
  status: 'new' | 'unchanged' | 'failed' | 'skipped';
  created: number[];
  error?: string;
}

const EMPTY = { url: '', name: '', section: '', language: '', pollMinutes: '30', publish: false, canonicalToSource: true };

function pollSummary(feed: FollowedFeed, result: PollResult): string {
  if (result.status === 'failed') return `${feed.name}: the feed could not be read (${result.error ?? 'unknown error'}).`;
  if (result.status === 'new') return `${feed.name}: ${result.created.length} new ${result.created.length === 1 ? 'story' : 'stories'}.`;
  return `${feed.name}: nothing new.`;
}

/**
 * Partner feeds the site follows (RSS, Atom or JSON Feed), polled on their schedule: new items
 * become drafts, or published stories, in a section. Administrators only; the same as
 * `herald feed` and the Admin API's `/feeds`.
 */
export function PartnerFeeds() {
  const siteTime = useSiteTime();
  const feeds = useApi<{ items: FollowedFeed[] }>('/feeds');
  const [draft, setDraft] = useState(EMPTY);
  const [polled, setPolled] = useState('');
  const { error, run, submit } = useAction();

  const follow = submit(async () => {
    await api.post('/feeds', {
      url: draft.url,
      ...(draft.name.trim() ? { name: draft.name } : {}),
      ...(draft.section.trim() ? { section: draft.section } : {}),
      ...(draft.language.trim() ? { language: draft.language } : {}),
      pollMinutes: Number(draft.pollMinutes),
      publish: draft.publish,
      canonicalToSource: draft.canonicalToSource,
    });
    setDraft(EMPTY);
    feeds.reload();
  });
  const poll = (feed: FollowedFeed) =>
    run(async () => {
      setPolled(pollSummary(feed, await api.post<PollResult>(`/feeds/${feed.id}/poll`, {})));
      feeds.reload();
    });

  return (
    <section>
      <PageHeader title="Partner feeds" description="Stories from partner publications, read from their feeds into drafts or straight onto the site." />
      <FormError error={error} />
      {polled && <p role="status">{polled}</p>}
      {feeds.data?.items.length === 0 && (
        <EmptyState icon={Rss} title="The site follows no partner feed yet." action={<button type="button" class="primary" onClick={() => document.getElementById('field-url')?.focus()}>Add a partner's feed</button>}>
          Give a partner's RSS or Atom address below; their new stories arrive here as drafts or published, with their credit.
        </EmptyState>
      )}
      {!!feeds.data?.items.length && (
      <table>
        <thead>
          <tr>
            <th>Feed</th>
            <th>New items</th>
            <th>Stories</th>
            <th>Last read</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {feeds.data?.items.map((feed) => (
            <tr key={feed.id}>
              <td>
                {feed.name}
                <br />
                <code>{feed.url}</code>
              </td>
              <td>
                {feed.publish ? 'published' : 'drafts'}, every {feed.pollMinutes} min{feed.language ? `, in ${feed.language}` : ''}
              </td>
              <td>{feed.items}</td>
              <td>
                {feed.lastPolledAt ? siteTime(feed.lastPolledAt) : 'not yet'}
                {feed.lastError && <span class="badge warn" title={feed.lastError}>{` failed ${feed.failures}×`}</span>}
              </td>
              <td>
                <button type="button" onClick={() => poll(feed)}>
                  Read now
                </button>{' '}
                <button type="button" class="quiet" aria-label={`Stop following ${feed.name}`} onClick={() => run(async () => (await api.delete(`/feeds/${feed.id}`), feeds.reload()))}>
                  stop following
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}

      <h2>Follow a feed</h2>
      <form class="card" onSubmit={follow}>
        <Field label="Feed address" name="url" type="url" value={draft.url} onInput={(url) => setDraft({ ...draft, url })} error={error} required />
        <Field label="Name" name="name" value={draft.name} onInput={(name) => setDraft({ ...draft, name })} hint="The partner's name; its web address when empty." />
        <Field label="Section" name="section" value={draft.section} onInput={(section) => setDraft({ ...draft, section })} hint="Created when the site has none of that name." error={error} />
        <Field label="Language" name="language" value={draft.language} onInput={(language) => setDraft({ ...draft, language })} hint="Empty: detected for each item." error={error} />
        <Field label="Read every (minutes)" name="pollMinutes" value={draft.pollMinutes} onInput={(pollMinutes) => setDraft({ ...draft, pollMinutes })} error={error} />
        <label>
          <input type="checkbox" checked={draft.publish} onChange={(e) => setDraft({ ...draft, publish: e.currentTarget.checked })} /> Publish new items at once
          (otherwise they wait as drafts)
        </label>
        <label>
          <input type="checkbox" checked={draft.canonicalToSource} onChange={(e) => setDraft({ ...draft, canonicalToSource: e.currentTarget.checked })} /> Point search
          engines to the partner's original
        </label>
        <button type="submit" class="primary">
          Follow
        </button>
      </form>
    </section>
  );
}
