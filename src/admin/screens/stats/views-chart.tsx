import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useText } from '../../i18n/index.js';
import type { SeriesPoint, SeriesStep } from '../../../analytics/stats.service.js';
import { formatCount } from './format.js';

const HEIGHT = 260;

const TICK_FORMAT: Record<SeriesStep, Intl.DateTimeFormatOptions> = {
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { hour: '2-digit', minute: '2-digit' },
  day: { day: 'numeric', month: 'short' },
};
const POINT_FORMAT: Record<SeriesStep, Intl.DateTimeFormatOptions> = {
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { weekday: 'short', hour: '2-digit', minute: '2-digit' },
  day: { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' },
};

function dateFormat(lang: string, zone: string, options: Intl.DateTimeFormatOptions) {
  // English reads day before month, as the rest of the admin does.
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { ...options, timeZone: zone });
}

/** A colour the stylesheet defines (light or dark), for the canvas, which cannot read CSS variables. */
function cssColour(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || '#888';
}

/**
 * Views and visitors step by step, drawn by uPlot: time runs with the reading direction (right to
 * left in Arabic, the counts' axis on the right), ticks and the hovered step in the admin's
 * language on the site's clock.
 */
export function ViewsChart({ series, step, timeZone }: { series: SeriesPoint[]; step: SeriesStep; timeZone: string }) {
  const t = useText();
  const box = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const rtl = t.dir === 'rtl';

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const tick = dateFormat(t.lang, timeZone, TICK_FORMAT[step === 'day' && series.length > 100 ? 'day' : step]);
    const monthTick = dateFormat(t.lang, timeZone, { month: 'short', year: '2-digit' });
    const [accent, soft, ok, muted, line] = ['--accent', '--accent-soft', '--ok', '--muted', '--line'].map((name) => cssColour(element, name));
    const font = `12px ${getComputedStyle(element).fontFamily}`;
    const data: uPlot.AlignedData = [series.map((point) => Date.parse(point.start) / 1000), series.map((point) => point.views), series.map((point) => point.visitors)];
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 8 } },
        scales: {
          x: { time: true, dir: rtl ? -1 : 1 },
          y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
        },
        axes: [
          {
            stroke: muted, font, grid: { show: false }, ticks: { stroke: line },
            values: (_u, splits) => splits.map((seconds) => (series.length > 100 ? monthTick : tick).format(new Date(seconds * 1000))),
          },
          {
            side: rtl ? 1 : 3, stroke: muted, font, size: 48, grid: { stroke: line, width: 1 }, ticks: { show: false },
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000],
            values: (_u, splits) => splits.map((n) => formatCount(n, t.lang)),
          },
        ],
        series: [
          {},
          { label: t.stats.views, stroke: accent, width: 2, fill: soft, points: { show: series.length <= 31 } },
          { label: t.stats.visitors, stroke: ok, width: 2, dash: [6, 4], points: { show: false } },
        ],
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, step, timeZone, t.lang, rtl]);

  const point = hovered === null ? null : series[hovered];
  const totals = { views: series.reduce((sum, p) => sum + p.views, 0), visitors: series.reduce((sum, p) => sum + p.visitors, 0) };
  return (
    <figure class="views-chart">
      <figcaption>
        <span class="key views">{t.stats.views}</span>
        <span class="key visitors">{t.stats.visitors}</span>
        <span class="readout" aria-live="polite">
          {point && (
            <>
              <bdi>{dateFormat(t.lang, timeZone, POINT_FORMAT[step]).format(new Date(point.start))}</bdi> · {t.stats.views} <strong>{formatCount(point.views, t.lang)}</strong> ·{' '}
              {t.stats.visitors} <strong>{formatCount(point.visitors, t.lang)}</strong>
            </>
          )}
        </span>
      </figcaption>
      <div
        ref={box}
        class="plot"
        role="img"
        aria-label={`${t.stats.chart}: ${t.stats.views} ${formatCount(totals.views, t.lang)}, ${t.stats.visitors} ${formatCount(totals.visitors, t.lang)}`}
        data-points={series.length}
      />
    </figure>
  );
}
