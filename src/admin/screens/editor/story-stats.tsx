import { query } from '../../api.js';
import { useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { BASE, linkHandler } from '../../router.js';
import { languageNameIn } from '../../../content/languages.js';
import type { StatsReport } from '../../../analytics/stats.report.js';
import { entryLabel, formatCount, formatShare } from '../stats/format.js';

/**
 * The story's own numbers in the editor's side panel: its readers over the last 30 days in all
 * its languages, read to the end, where they came from, and each translation's share.
 */
export function StoryStats({ storyId, title }: { storyId: number; title: string }) {
  const t = useText();
  const words = t.stats;
  const report = useApi<StatsReport>(`/stats${query({ period: '30d', story: storyId, limit: 5 })}`);
  const data = report.data;
  const address = `/stats${query({ story: storyId, storyName: title })}`;
  return (
    <section class="story-stats" aria-label={words.panelHeading}>
      <h2>{words.panelHeading}</h2>
      <p class="muted">{words.panelPeriod}</p>
      {data && !data.counting && <p class="muted">{words.switchedOffShort}</p>}
      {data && data.totals.views === 0 && <p class="muted">{words.panelNone}</p>}
      {data && data.totals.views > 0 && (
        <>
          <dl class="story-kpis">
            <div>
              <dt>{words.views}</dt>
              <dd data-kpi="views">{formatCount(data.totals.views, t.lang)}</dd>
            </div>
            <div>
              <dt>{words.visitors}</dt>
              <dd data-kpi="visitors">{formatCount(data.totals.visitors, t.lang)}</dd>
            </div>
            <div>
              <dt>{words.reads}</dt>
              <dd data-kpi="reads">{formatShare(data.totals.reads, data.totals.views, t.lang)}</dd>
            </div>
          </dl>
          {data.translations && data.translations.length > 0 && (
            <>
              <h3>{words.languages}</h3>
              <ul class="story-breakdown" data-list="translations">
                {data.translations.map((entry) => (
                  <li key={entry.key} data-language={entry.language}>
                    <span>{languageNameIn(entry.language ?? '', t.lang)}</span>
                    <span>
                      {formatCount(entry.visitors, t.lang)} {words.visitors} · {formatCount(entry.views, t.lang)} {words.views}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{words.panelSources}</h3>
          <ul class="story-breakdown" data-list="sources">
            {data.top.sources.map((entry) => (
              <li key={entry.key}>
                <bdi>{entryLabel('sources', entry, t)}</bdi>
                <span>{formatCount(entry.views, t.lang)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <a href={BASE + address} onClick={linkHandler(address)}>
        {words.panelAll}
      </a>
    </section>
  );
}
