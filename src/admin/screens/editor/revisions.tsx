import { useState } from 'preact/hooks';
import { useApi, useSiteTime } from '../../hooks.js';
import { useText, type AdminText } from '../../i18n/index.js';
import type { Guest, Revision, Section, StaffMember, StoredArticle } from '../../types.js';
import { changedFields, type Comparable } from '../../../content/revision-fields.js';
import { diffWords, type Draft } from './draft.js';

/** Who a principal (`user:3`, `token:2`) is, in words of the admin's language `t` (English where a caller has not passed it yet). */
export function actorName(principal: string, staff: StaffMember[] | undefined, t: AdminText): string {
  const [kind, id] = principal.split(':');
  if (kind === 'user') return staff?.find((p) => p.id === Number(id))?.name ?? t.format(t.revisions.user, { id });
  return kind === 'token' ? t.format(t.revisions.apiToken, { id }) : principal;
}

/**
 * The text being edited as a version to compare: the draft's fields, its section, byline and
 * credits named from the lists the editor has (staff and guest contributors), and what the
 * draft does not hold (notes) as last saved.
 */
function draftAsVersion(draft: Draft, saved: StoredArticle, sections: Section[] | undefined, staff: Array<{ id: number; name: string }> | undefined): Comparable {
  const section = sections?.find((s) => s.id === draft.section);
  const sectionName = section ? (section.names[saved.language]?.name ?? Object.values(section.names)[0]?.name ?? '') : '';
  const credited = saved.credits ? [...saved.credits.translators, ...saved.credits.photographers, ...saved.credits.additionalReporting] : [];
  const person = (id: number) => [...saved.authors, ...credited].find((a) => a.id === id)?.name ?? staff?.find((p) => p.id === id)?.name ?? `#${id}`;
  const people = (ids: number[]) => ids.map((id) => ({ id, name: person(id), slug: '', bio: '', avatarUrl: null, website: null }));
  return {
    ...saved,
    title: draft.title,
    standfirst: draft.standfirst,
    body: draft.body,
    slug: draft.slug,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
    featuredImage: draft.featuredImage,
    section: draft.section === null ? null : { ...(saved.section ?? { id: draft.section, slug: '', description: '', language: saved.language }), id: draft.section, name: sectionName },
    tags: draft.tags.map((name, i) => ({ id: -i, language: saved.language, name, slug: '', description: '' })),
    authors: people(draft.authors),
    credits: { translators: people(draft.credits.translators), photographers: people(draft.credits.photographers), additionalReporting: people(draft.credits.additionalReporting) },
    source: draft.source?.name.trim() ? { name: draft.source.name, url: draft.source.url || null, publishedAt: draft.source.publishedAt || null } : null,
  } as Comparable;
}

/** Every field that differs between two versions, each as a word diff in the story's direction. */
function Comparison({ before, after, label, language }: { before: Comparable; after: Comparable; label: string; language: string }) {
  const t = useText();
  const changes = changedFields(before, after);
  return (
    <div class="revision-diff" role="group" aria-label={label}>
      {changes.length === 0 ? (
        <p class="muted">{t.revisions.noChanges}</p>
      ) : (
        <dl>
          {changes.map((change) => (
            <div key={change.key} class={`field-diff field-${change.key}`}>
              <dt>{t.revisions[`field_${change.key}`]}</dt>
              {change.key === 'picture' && (before.featuredImage?.url ?? '') !== (after.featuredImage?.url ?? '') && (
                <dd class="pictures">
                  {before.featuredImage ? <img src={before.featuredImage.url} alt="" class="before" /> : <span class="before" />}
                  <span aria-hidden="true">→</span>
                  {after.featuredImage ? <img src={after.featuredImage.url} alt="" class="after" /> : <span class="after" />}
                </dd>
              )}
              {/* The story's own words, in its direction whatever the admin's. */}
              <dd class="diff" lang={language} dir="auto">
                {diffWords(change.before, change.after).map((part, i) =>
                  part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'added' ? <ins key={i}>{part.text}</ins> : <del key={i}>{part.text}</del>,
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/**
 * Earlier versions of the story: compare one, field by field (headline, standfirst, text,
 * picture, section, tags, byline, credits, source, address, search texts, notes), with the text
 * being edited or with any other version; or bring it back.
 */
export function Revisions({ article, current, onRestore }: { article: StoredArticle; current: Draft; onRestore: ((revision: Revision) => void) | null }) {
  const siteTime = useSiteTime();
  const t = useText();
  const revisions = useApi<{ items: Revision[] }>(`/articles/${article.id}/revisions`);
  const staff = useApi<{ items: StaffMember[] }>('/users');
  const guests = useApi<{ items: Guest[] }>('/guests');
  const sections = useApi<{ items: Section[] }>('/sections');
  const [open, setOpen] = useState<number | null>(null);
  // 'current': the text being edited; else another version's number.
  const [against, setAgainst] = useState<'current' | number>('current');
  const items = revisions.data?.items ?? [];
  const otherVersion = items.find((r) => r.version === against);
  return (
    <section class="revisions" aria-label={t.revisions.heading}>
      <h2>
        {t.revisions.heading}{' '}
        <button type="button" class="link" onClick={revisions.reload}>
          {t.revisions.refresh}
        </button>
      </h2>
      <ol>
        {items.map((revision) => (
          <li key={revision.version}>
            {t.format(t.revisions.version, { n: revision.version })} · <bdi>{actorName(revision.actor, staff.data?.items, t)}</bdi> · {siteTime(revision.createdAt)}{' '}
            <button
              type="button"
              class="link"
              aria-expanded={open === revision.version}
              onClick={() => {
                setOpen(open === revision.version ? null : revision.version);
                setAgainst('current');
              }}
            >
              {t.revisions.compare}
            </button>{' '}
            {onRestore && (
              <button type="button" class="link" onClick={() => onRestore(revision)}>
                {t.revisions.restore}
              </button>
            )}
            {open === revision.version && (
              <>
                <label class="compare-with">
                  {t.revisions.compareWith}{' '}
                  <select name="compareWith" value={String(against)} onChange={(e) => setAgainst(e.currentTarget.value === 'current' ? 'current' : Number(e.currentTarget.value))}>
                    <option value="current">{t.revisions.theCurrentText}</option>
                    {items
                      .filter((other) => other.version !== revision.version)
                      .map((other) => (
                        <option key={other.version} value={String(other.version)}>
                          {t.format(t.revisions.versionN, { n: other.version })}
                        </option>
                      ))}
                  </select>
                </label>
                {against === 'current' || !otherVersion ? (
                  <Comparison
                    before={revision.article}
                    after={draftAsVersion(current, article, sections.data?.items, [...(staff.data?.items ?? []), ...(guests.data?.items ?? [])])}
                    label={t.format(t.revisions.changesFrom, { n: revision.version })}
                    language={article.language}
                  />
                ) : (
                  // Older first, whichever was picked first.
                  <Comparison
                    before={(otherVersion.version < revision.version ? otherVersion : revision).article}
                    after={(otherVersion.version < revision.version ? revision : otherVersion).article}
                    label={t.format(t.revisions.changesBetween, { n: Math.min(otherVersion.version, revision.version), m: Math.max(otherVersion.version, revision.version) })}
                    language={article.language}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
