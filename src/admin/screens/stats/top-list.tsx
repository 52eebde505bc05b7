import { PenLine } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { BASE, linkHandler } from '../../router.js';
import { useText } from '../../i18n/index.js';
import type { NamedEntry, TopList as ListName } from '../../../analytics/stats.report.js';
import { entryLabel, formatCount, formatShare } from './format.js';

interface Props {
  list: ListName;
  title: string;
  entries: NamedEntry[];
  /** Narrows the whole screen to one entry (a language, a source…); absent where it cannot. */
  onPick?(entry: NamedEntry): void;
  /** Visitors and read-to-the-end columns beside the views (the stories). */
  detailed?: boolean;
  /** A note under the list (where its data comes from). */
  children?: ComponentChildren;
}

/** One dimension's leading entries, each with a bar as long as its share of the first's views. */
export function TopList({ list, title, entries, onPick, detailed, children }: Props) {
  const t = useText();
  const words = t.stats;
  const most = Math.max(1, ...entries.map((entry) => entry.views));
  return (
    <section class={`card top-list top-${list}`} aria-label={title}>
      <h2>{title}</h2>
      {entries.length === 0 ? (
        <p class="muted">{words.nothingInList}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">{title}</span>
              </th>
              <th scope="col" class="count">{words.views}</th>
              {detailed && <th scope="col" class="count visitors">{words.visitors}</th>}
              {detailed && <th scope="col" class="count reads">{words.readEnd}</th>}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const label = entryLabel(list, entry, t);
              return (
                <tr key={entry.key} data-key={entry.key} style={{ '--share': `${(entry.views / most) * 100}%` }}>
                  <th scope="row" class="bar">
                    {onPick ? (
                      <button type="button" class="link pick" title={t.format(words.showOnly, { name: label })} onClick={() => onPick(entry)}>
                        <bdi lang={list === 'languages' ? undefined : entry.language}>{label}</bdi>
                      </button>
                    ) : (
                      <bdi>{label}</bdi>
                    )}
                    {entry.articleId !== undefined && (
                      <a class="open" href={`${BASE}/stories/${entry.articleId}`} onClick={linkHandler(`/stories/${entry.articleId}`)} aria-label={t.format(words.openInEditor, { name: label })} title={t.format(words.openInEditor, { name: label })}>
                        <PenLine aria-hidden="true" size={14} />
                      </a>
                    )}
                  </th>
                  <td class="count views">{formatCount(entry.views, t.lang)}</td>
                  {detailed && <td class="count visitors">{formatCount(entry.visitors, t.lang)}</td>}
                  {detailed && <td class="count reads">{formatShare(entry.reads, entry.views, t.lang)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {children}
    </section>
  );
}
