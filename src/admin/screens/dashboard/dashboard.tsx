import { query } from '../../api.js';
import { formatDate, useApi } from '../../hooks.js';
import { linkHandler } from '../../router.js';
import { can, useSession } from '../../session.js';
import type { Article, Page } from '../../types.js';

function StoryList({ title, status, empty }: { title: string; status: 'draft' | 'scheduled'; empty: string }) {
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
              {a.language} · {formatDate(status === 'scheduled' ? a.publishAt : a.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Stories published lately and the languages each exists in: where translations are missing. */
function TranslationStatus() {
  const session = useSession();
  const list = useApi<Page<Article>>(`/articles${query({ status: 'published', language: session.site.defaultLanguage, limit: 8 })}`);
  const others = session.site.languages.filter((l) => l !== session.site.defaultLanguage);
  return (
    <section class="card" aria-label="Translation status">
      <h2>Translations</h2>
      <table>
        <tbody>
          {list.data?.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/admin/stories/${a.id}`} onClick={linkHandler(`/stories/${a.id}`)}>
                  {a.title}
                </a>
              </td>
              {others.map((l) => {
                const version = a.translations.find((t) => t.language === l);
                return (
                  <td key={l}>
                    <span class={`badge ${version ? 'ok' : 'missing'}`}>
                      {l} {version ? '✓' : '–'}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Where the day starts: drafts, what is scheduled, translation gaps, and quick links. */
export function Dashboard() {
  const session = useSession();
  return (
    <section>
      <h1>Welcome, {session.user.name}</h1>
      <p class="toolbar">
        <a href="/admin/stories/new" onClick={linkHandler('/stories/new')}>
          Write a story
        </a>
        <a href="/admin/media" onClick={linkHandler('/media')}>
          Media library
        </a>
        <a href={session.site.baseUrl} target="_blank" rel="noopener">
          View the site
        </a>
        {can(session, 'users.manage') && (
          <a href="/admin/people" onClick={linkHandler('/people')}>
            Invite someone
          </a>
        )}
      </p>
      <div class="grid">
        <StoryList title="Recent drafts" status="draft" empty="No drafts." />
        <StoryList title="Scheduled" status="scheduled" empty="Nothing scheduled." />
        <TranslationStatus />
      </div>
    </section>
  );
}
