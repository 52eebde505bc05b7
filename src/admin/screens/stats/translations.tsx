import { languageNameIn } from '../../../content/languages.js';
import { useText } from '../../i18n/index.js';
import type { NamedEntry } from '../../../analytics/stats.report.js';
import { formatCount, formatRatio, formatShare } from './format.js';

/**
 * A story's language versions side by side, most readers first, and in a sentence how the
 * first compares with the next ("English had 3× the readers of French").
 */
export function Translations({ entries }: { entries: NamedEntry[] }) {
  const t = useText();
  const words = t.stats;
  const byReaders = [...entries].sort((a, b) => b.visitors - a.visitors || b.views - a.views);
  const [first, second] = byReaders;
  const most = Math.max(1, ...byReaders.map((entry) => entry.visitors));
  const name = (entry: NamedEntry) => languageNameIn(entry.language ?? entry.key, t.lang);
  return (
    <section class="card stats-translations" aria-label={words.translations}>
      <h2>{words.translations}</h2>
      <p class="muted">{words.translationsHint}</p>
      {first && second && second.visitors > 0 && first.visitors > second.visitors && (
        <p class="comparison">{t.format(words.timesMore, { first: name(first), second: name(second), ratio: formatRatio(first.visitors / second.visitors, t.lang) })}</p>
      )}
      <ol class="versions">
        {byReaders.map((entry) => (
          <li key={entry.key} data-language={entry.language} style={{ '--share': `${(entry.visitors / most) * 100}%` }}>
            <span class="version-language">{name(entry)}</span>
            <bdi class="version-title" lang={entry.language} dir="auto">{entry.name}</bdi>
            <span class="version-bar" aria-hidden="true" />
            <span class="version-numbers">
              <span><strong>{formatCount(entry.visitors, t.lang)}</strong> {words.visitors}</span>
              <span>{formatCount(entry.views, t.lang)} {words.views}</span>
              <span>{formatShare(entry.reads, entry.views, t.lang)} {words.readEnd}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
