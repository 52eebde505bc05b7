import { Rss } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useSiteTime, useAction, useApi } from '../../hooks.js';
import { useText, type AdminText } from '../../i18n/index.js';

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

function pollSummary(t: AdminText, feed: FollowedFeed, result: PollResult): string {
  if (result.status === 'failed') return t.format(t.feeds.unreadable, { feed: feed.name, error: result.error ?? t.feeds.unknownError });
  if (result.status === 'new') return t.plural(result.created.length, t.feeds.newStories, { feed: feed.name });
  return t.format(t.feeds.nothingNew, { feed: feed.name });
}

/** How a feed's new items arrive: "drafts, every 30 min, in fr". */
function schedule(t: AdminText, feed: FollowedFeed): string {
  const every = t.plural(feed.pollMinutes, feed.publish ? t.feeds.publishedEvery : t.feeds.draftsEvery);
  return feed.language ? t.format(t.feeds.inLanguage, { schedule: every, language: feed.language }) : every;
}

/**
 * Partner feeds the site follows (RSS, Atom or JSON Feed), polled on their schedule: new items
 * become drafts, or published stories, in a section. Administrators only; the same as
 * `herald feed` and the Admin API's `/feeds`.
 */
export function PartnerFeeds() {
  const siteTime = useSiteTime();
  const t = useText();
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
      setPolled(pollSummary(t, feed, await api.post<PollResult>(`/feeds/${feed.id}/poll`, {})));
      feeds.reload();
    });

  return (
    <section>
      <PageHeader title={t.nav.feeds} description={t.feeds.description} />
      <FormError error={error} />
      {polled && <p role="status">{polled}</p>}
      {feeds.data?.items.length === 0 && (
        <EmptyState
          icon={Rss}
          title={t.feeds.empty}
          action={
            <button type="button" class="primary" onClick={() => document.getElementById('field-url')?.focus()}>
              {t.feeds.addFirst}
            </button>
          }
        >
          {t.feeds.emptyHint}
        </EmptyState>
      )}
      {!!feeds.data?.items.length && (
      <table>
        <thead>
          <tr>
            <th>{t.feeds.feed}</th>
            <th>{t.feeds.newItems}</th>
            <th>{t.feeds.stories}</th>
            <th>{t.feeds.lastRead}</th>
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
              <td>{schedule(t, feed)}</td>
              <td>{feed.items}</td>
              <td>
                {feed.lastPolledAt ? siteTime(feed.lastPolledAt) : t.feeds.notYet}
                {feed.lastError && (
                  <>
                    {' '}
                    <span class="badge warn" title={feed.lastError}>
                      {t.plural(feed.failures, t.feeds.failures)}
                    </span>
                  </>
                )}
              </td>
              <td>
                <button type="button" onClick={() => poll(feed)}>
                  {t.feeds.readNow}
                </button>{' '}
                <button type="button" class="quiet" aria-label={t.format(t.feeds.stopFollowingFeed, { feed: feed.name })} onClick={() => run(async () => (await api.delete(`/feeds/${feed.id}`), feeds.reload()))}>
                  {t.feeds.stopFollowing}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}

      <h2>{t.feeds.followHeading}</h2>
      <form class="card" onSubmit={follow}>
        <Field label={t.feeds.address} name="url" type="url" value={draft.url} onInput={(url) => setDraft({ ...draft, url })} error={error} required />
        <Field label={t.feeds.name} name="name" value={draft.name} onInput={(name) => setDraft({ ...draft, name })} hint={t.feeds.nameHint} />
        <Field label={t.feeds.section} name="section" value={draft.section} onInput={(section) => setDraft({ ...draft, section })} hint={t.feeds.sectionHint} error={error} />
        <Field label={t.feeds.language} name="language" value={draft.language} onInput={(language) => setDraft({ ...draft, language })} hint={t.feeds.languageHint} error={error} />
        <Field label={t.feeds.every} name="pollMinutes" value={draft.pollMinutes} onInput={(pollMinutes) => setDraft({ ...draft, pollMinutes })} error={error} />
        {/* In a field, as on the Import screen: the box beside its words, not above them. */}
        <div class="field">
          <label>
            <input type="checkbox" checked={draft.publish} onChange={(e) => setDraft({ ...draft, publish: e.currentTarget.checked })} /> {t.feeds.publishAtOnce}
          </label>
        </div>
        <div class="field">
          <label>
            <input type="checkbox" checked={draft.canonicalToSource} onChange={(e) => setDraft({ ...draft, canonicalToSource: e.currentTarget.checked })} />{' '}
            {t.feeds.canonical}
          </label>
        </div>
        <button type="submit" class="primary">
          {t.feeds.follow}
        </button>
      </form>
    </section>
  );
}
