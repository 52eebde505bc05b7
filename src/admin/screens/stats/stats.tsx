import { BarChart3, Download, X } from 'lucide-preact';
import { useEffect } from 'preact/hooks';
import { API, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { COUNTRY_DATA_CREDIT } from '../../../analytics/country-credit.js';
import { PERIODS, type PeriodName } from '../../../analytics/periods.js';
import type { NamedEntry, StatsReport, TopList as ListName } from '../../../analytics/stats.report.js';
import { entryLabel, formatCount, formatShare } from './format.js';
import { TopList } from './top-list.js';
import { Translations } from './translations.js';
import { ViewsChart } from './views-chart.js';
import './stats.css';

/** The filters a list entry narrows the screen to, by the list it is in. */
const FILTER_OF: Partial<Record<ListName, Filter>> = {
  stories: 'story', sources: 'source', languages: 'language', sections: 'section', authors: 'author', devices: 'device', countries: 'country',
};
const FILTERS = ['story', 'language', 'section', 'author', 'source', 'device', 'country'] as const;
type Filter = (typeof FILTERS)[number];

const REALTIME_REFRESH_MS = 30_000;

/**
 * What readers read: views and visitors over a period, the stories, sources, languages,
 * sections, authors, devices and countries they came with, and a story's translations side by
 * side. Clicking an entry narrows everything to it; the period and filters live in the address,
 * so a view can be shared or kept. Authors see their own stories' numbers (the server decides).
 */
export function Stats() {
  const t = useText();
  const words = t.stats;
  const session = useSession();
  const location = useLocation();
  const period = (PERIODS as readonly string[]).includes(location.query.get('period') ?? '') ? (location.query.get('period') as PeriodName) : '30d';
  const filters = Object.fromEntries(FILTERS.flatMap((name) => (location.query.has(name) ? [[name, location.query.get(name)!]] : []))) as Partial<Record<Filter, string>>;
  // Labels of the chosen filters, kept in the address beside their keys so a chip reads "Sport", not "12".
  const labels = Object.fromEntries(FILTERS.map((name) => [name, location.query.get(`${name}Name`) ?? ''])) as Record<Filter, string>;
  const params = { period, ...filters };
  const report = useApi<StatsReport>(`/stats${query(params)}`);

  useEffect(() => {
    if (period !== 'realtime') return;
    const timer = setInterval(report.reload, REALTIME_REFRESH_MS);
    return () => clearInterval(timer);
  }, [period]);

  const go = (next: Record<string, string | undefined>) => {
    const search = new URLSearchParams(location.query);
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) search.delete(key);
      else search.set(key, value);
    }
    const text = search.toString();
    navigate(`/stats${text ? `?${text}` : ''}`, { replace: true });
  };
  const pick = (list: ListName) => (entry: NamedEntry) => {
    const filter = FILTER_OF[list]!;
    go({ [filter]: entry.key, [`${filter}Name`]: entryLabel(list, entry, t) });
  };

  const data = report.data;
  const filtered = Object.keys(filters).length > 0;
  const empty = data !== null && data.totals.views === 0;
  const csv = `${API}/stats.csv${query(params)}`;
  return (
    <div class="stats-screen">
      <PageHeader title={words.heading} description={data?.scope ? words.ownOnly : words.description}>
        <a class="button" href={csv} download>
          <Download aria-hidden="true" size={16} />
          {words.downloadCsv}
        </a>
      </PageHeader>
      <div class="stats-bar">
        <div class="segmented" role="group" aria-label={words.periods}>
          {PERIODS.map((name) => (
            <button key={name} type="button" aria-pressed={name === period} onClick={() => go({ period: name === '30d' ? undefined : name })}>
              {words[`period_${name}`]}
            </button>
          ))}
        </div>
        {period === 'realtime' && <span class="live-dot">{words.live}</span>}
      </div>
      {filtered && (
        <ul class="chips stats-filters" aria-label={words.filters}>
          {FILTERS.filter((name) => filters[name] !== undefined).map((name) => {
            const label = labels[name] || filters[name] || words.direct;
            return (
              <li key={name}>
                <span class="muted">{words[`filter_${name}`]}</span> <bdi>{label}</bdi>
                <button type="button" class="quiet small" aria-label={t.format(words.removeFilter, { name: label })} onClick={() => go({ [name]: undefined, [`${name}Name`]: undefined })}>
                  <X aria-hidden="true" size={14} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <FormError error={report.error} />
      {data && !data.counting && <p class="notice">{words.switchedOff}</p>}
      {data && empty && !filtered ? (
        <EmptyState icon={BarChart3} title={words.nothingYet}>
          {words.nothingYetHint}
        </EmptyState>
      ) : (
        data && (
          <>
            <section class="card stats-overview" aria-label={words.chart}>
              <dl class="kpis">
                <div class="kpi">
                  <dt>{words.views}</dt>
                  <dd data-kpi="views">{formatCount(data.totals.views, t.lang)}</dd>
                </div>
                <div class="kpi">
                  <dt>{words.visitors}</dt>
                  <dd data-kpi="visitors">{formatCount(data.totals.visitors, t.lang)}</dd>
                  {data.totals.visitors > 0 && (
                    <dd class="note">{t.format(words.perVisitor, { n: new Intl.NumberFormat(t.lang, { maximumFractionDigits: 1 }).format(data.totals.views / data.totals.visitors) })}</dd>
                  )}
                </div>
                <div class="kpi">
                  <dt>{words.reads}</dt>
                  <dd data-kpi="reads">{formatCount(data.totals.reads, t.lang)}</dd>
                  <dd class="note">{t.format(words.readShare, { share: formatShare(data.totals.reads, data.totals.views, t.lang) })}</dd>
                </div>
              </dl>
              {empty && <p class="muted">{words.noMatch}</p>}
              <ViewsChart series={data.series} step={data.period.step} timeZone={session.site.timeZone} />
            </section>
            {data.translations && <Translations entries={data.translations} />}
            <div class="stats-grid">
              <TopList list="stories" title={words.stories} entries={data.top.stories} detailed onPick={filters.story ? undefined : pick('stories')} />
              {(['sources', 'languages', 'sections', 'authors', 'devices', 'countries'] as const).map((list) => (
                <TopList key={list} list={list} title={words[list]} entries={data.top[list]} onPick={filters[FILTER_OF[list]!] === undefined ? pick(list) : undefined}>
                  {list === 'countries' && (
                    <p class="data-credit">
                      {words.countryData} <a href={COUNTRY_DATA_CREDIT.url} lang="en" target="_blank" rel="noopener">{COUNTRY_DATA_CREDIT.text}</a>
                    </p>
                  )}
                </TopList>
              ))}
            </div>
          </>
        )
      )}
    </div>
  );
}
