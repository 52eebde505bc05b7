import { Globe } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi, useSiteTime } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { languageNameIn } from '../../../content/languages.js';

interface Edition {
  language: string;
  handle: string;
  followers: number;
  requests: number;
}

interface Follower {
  id: number;
  handle: string;
  uri: string;
  instance: string;
  since: string;
}

/** Accounts following an edition (or asking to), each with what may be done about it. */
function Accounts({ items, since, actions }: { items: Follower[]; since: string; actions(account: Follower): ComponentChildren }) {
  const t = useText();
  const words = t.fediverse;
  const siteTime = useSiteTime();
  return (
    <table>
      <thead>
        <tr>
          <th>{words.handle}</th>
          <th>{words.instance}</th>
          <th>{since}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.id}>
            <td>
              <a href={f.uri} target="_blank" rel="noopener" dir="ltr">
                {f.handle || f.uri}
              </a>
            </td>
            <td dir="ltr">{f.instance}</td>
            <td>{siteTime(f.since)}</td>
            <td class="actions">{actions(f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One edition's followers, a page at a time, each removable. */
function Followers({ edition, onChanged }: { edition: Edition; onChanged(): void }) {
  const t = useText();
  const words = t.fediverse;
  const [after, setAfter] = useState(0);
  const page = useApi<{ items: Follower[]; next: number | null }>(`/fediverse/followers${query({ language: edition.language, after })}`);
  const [done, setDone] = useState('');
  const { error, run } = useAction();
  const remove = (follower: Follower) =>
    run(async () => {
      await api.delete(`/fediverse/followers/${follower.id}`);
      setDone(t.format(words.removed, { handle: follower.handle || follower.uri }));
      page.reload();
      onChanged();
    });
  return (
    <section aria-labelledby={`followers-${edition.language}`}>
      <h2 id={`followers-${edition.language}`}>{fill(words.followersOf, { handle: <bdi dir="ltr">{edition.handle}</bdi> })}</h2>
      <FormError error={error} />
      {done && <p role="status">{done}</p>}
      {page.data?.items.length === 0 && <p class="muted">{words.noFollowers}</p>}
      {!!page.data?.items.length && (
        <Accounts
          items={page.data.items}
          since={words.since}
          actions={(f) => (
            <button type="button" class="quiet" aria-label={t.format(words.removeFollower, { handle: f.handle || f.uri })} onClick={() => remove(f)}>
              {words.remove}
            </button>
          )}
        />
      )}
      {page.data?.next && (
        <button type="button" onClick={() => setAfter(page.data!.next!)}>
          {words.more}
        </button>
      )}
    </section>
  );
}

/** An edition's follow requests (when the settings ask for approval): each accepted or rejected, which tells the requester's server. */
function FollowRequests({ edition, onChanged }: { edition: Edition; onChanged(): void }) {
  const t = useText();
  const words = t.fediverse;
  const [after, setAfter] = useState(0);
  const page = useApi<{ items: Follower[]; next: number | null }>(`/fediverse/follow-requests${query({ language: edition.language, after })}`);
  const [done, setDone] = useState('');
  const { error, run } = useAction();
  const answer = (request: Follower, verdict: 'accept' | 'reject') =>
    run(async () => {
      await api.post(`/fediverse/follow-requests/${request.id}/${verdict}`);
      setDone(t.format(verdict === 'accept' ? words.accepted : words.rejected, { handle: request.handle || request.uri }));
      page.reload();
      onChanged();
    });
  return (
    <section aria-labelledby={`requests-${edition.language}`} class="follow-requests">
      <h2 id={`requests-${edition.language}`}>{fill(words.requestsOf, { handle: <bdi dir="ltr">{edition.handle}</bdi> })}</h2>
      <p class="muted">{words.requestsHint}</p>
      <FormError error={error} />
      {done && <p role="status">{done}</p>}
      {!!page.data?.items.length && (
        <Accounts
          items={page.data.items}
          since={words.requestedAt}
          actions={(f) => (
            <>
              <button type="button" class="primary" aria-label={t.format(words.acceptRequest, { handle: f.handle || f.uri })} onClick={() => answer(f, 'accept')}>
                {words.accept}
              </button>{' '}
              <button type="button" class="quiet" aria-label={t.format(words.rejectRequest, { handle: f.handle || f.uri })} onClick={() => answer(f, 'reject')}>
                {words.reject}
              </button>
            </>
          )}
        />
      )}
      {page.data?.next && (
        <button type="button" onClick={() => setAfter(page.data!.next!)}>
          {words.more}
        </button>
      )}
    </section>
  );
}

/**
 * The site on the fediverse: each language edition's handle, follow requests (accept or reject
 * one) and followers (list, remove one), and the instances blocked. Editors and administrators; the same as the Admin API's `/fediverse`.
 */
export function Fediverse() {
  const t = useText();
  const words = t.fediverse;
  const session = useSession();
  const editions = useApi<{ items: Edition[] }>('/fediverse/editions');
  const blocks = useApi<{ items: Array<{ host: string; createdAt: string }> }>('/fediverse/blocks');
  const [chosen, setChosen] = useState<string | null>(null);
  const [instance, setInstance] = useState('');
  const [done, setDone] = useState('');
  const { error, run, submit } = useAction();
  const edition = editions.data?.items.find((e) => e.language === chosen) ?? editions.data?.items[0];

  const block = submit(async () => {
    const result = await api.post<{ host: string; removedFollowers: number }>('/fediverse/blocks', { instance });
    setDone(t.format(words.blockedDone, { host: result.host, n: result.removedFollowers }));
    setInstance('');
    blocks.reload();
    editions.reload();
  });
  const unblock = (host: string) =>
    run(async () => {
      await api.delete(`/fediverse/blocks/${encodeURIComponent(host)}`);
      blocks.reload();
    });

  return (
    <section class="fediverse">
      <PageHeader title={t.nav.fediverse} description={words.description} />
      {!session.site.federation && <p class="notice">{words.off}</p>}
      <h2>{words.editions}</h2>
      <table>
        <thead>
          <tr>
            <th>{words.edition}</th>
            <th>{words.handle}</th>
            <th>{words.followers}</th>
            <th>{words.requests}</th>
          </tr>
        </thead>
        <tbody>
          {editions.data?.items.map((e) => (
            <tr key={e.language} aria-current={e.language === edition?.language ? 'true' : undefined}>
              <td>
                <button type="button" class="link" aria-pressed={e.language === edition?.language} onClick={() => setChosen(e.language)}>
                  {languageNameIn(e.language, t.lang)}
                </button>
              </td>
              <td>
                <code dir="ltr">{e.handle}</code>
              </td>
              <td>
                <span class="cell-label">{words.followers} </span>
                <span data-followers={e.language}>{e.followers}</span>
              </td>
              <td>
                <span class="cell-label">{words.requests} </span>
                <span data-requests={e.language}>{e.requests}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!!edition?.requests && <FollowRequests key={`requests-${edition.language}`} edition={edition} onChanged={editions.reload} />}
      {edition && <Followers key={edition.language} edition={edition} onChanged={editions.reload} />}

      <h2>{words.blocked}</h2>
      <p class="muted">{words.blockedHint}</p>
      <FormError error={error} />
      {done && <p role="status">{done}</p>}
      {blocks.data?.items.length === 0 && <EmptyState icon={Globe} title={words.noBlocked} />}
      {!!blocks.data?.items.length && (
        <ul class="blocked-instances">
          {blocks.data.items.map((b) => (
            <li key={b.host}>
              <code dir="ltr">{b.host}</code>{' '}
              <button type="button" class="quiet" aria-label={t.format(words.unblockHost, { host: b.host })} onClick={() => unblock(b.host)}>
                {words.unblock}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="card" onSubmit={block}>
        <Field label={words.blockLabel} name="instance" value={instance} onInput={setInstance} hint={words.blockHint} error={error} required />
        <button type="submit" class="primary">
          {words.block}
        </button>
      </form>
    </section>
  );
}
