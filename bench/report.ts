/** The benchmark's outputs: a table for the terminal and the README, and an SVG bar chart. */
import type { Measure } from './load.js';

export interface PageResult {
  page: string;
  path: string;
  on?: Measure;
  off?: Measure;
  note?: string;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  /** The 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
  options: { engine: string; stories: number; seconds: number; connections: number };
  seeded: { stories: number; comments: number; seedSeconds: number };
  startupMs: number;
  rssMb: { afterCacheOn: number; afterCacheOff: number };
  pages: PageResult[];
  ceiling: Measure & { bytes: number };
  /** Cached story req/s as a share of the bare-Node ceiling. */
  ceilingRatio: number;
  compare?: { url: string; measure: Measure; ratio: number };
  workers?: {
    processes: number;
    redis: boolean;
    story: Measure;
    home: Measure;
    storyOff: Measure;
    oneProcess: { story: Measure; home: Measure; storyOff: Measure };
  };
  notes: string[];
}

const cell = (m: Measure | undefined, key: keyof Measure) => (m ? String(Math.round(m[key] as number)) : '–');

/** A Markdown table: also what the README shows. */
export function table(result: BenchResult): string {
  const rows = [
    '| page | cache on req/s | p50 ms | p99 ms | errors | cache off req/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.pages.map((p) =>
      p.note
        ? `| ${p.page} | ${p.note} | | | | | | | |`
        : `| ${p.page} | ${cell(p.on, 'rps')} | ${cell(p.on, 'p50')} | ${cell(p.on, 'p99')} | ${cell(p.on, 'errors')} | ${cell(p.off, 'rps')} | ${cell(p.off, 'p50')} | ${cell(p.off, 'p99')} | ${cell(p.off, 'errors')} |`,
    ),
    `| bare Node.js ceiling (same story bytes) | ${result.ceiling.rps} | ${result.ceiling.p50} | ${result.ceiling.p99} | ${result.ceiling.errors} | | | | |`,
  ];
  const lines = [
    rows.join('\n'),
    '',
    `Cached story page: ${(result.ceilingRatio * 100).toFixed(0)}% of the bare-Node ceiling. ` +
      `Start to first 200: ${Math.round(result.startupMs)} ms. RSS: ${result.rssMb.afterCacheOn} MB (cache on), ${result.rssMb.afterCacheOff} MB (cache off). ` +
      `Load average ${result.loadAverage.start} at the start, ${result.loadAverage.end} at the end (${result.machine.cpus} CPUs).`,
  ];
  if (result.compare) lines.push(`Compared with ${result.compare.url}: ${result.compare.measure.rps} req/s; Herald's cached story is ${result.compare.ratio.toFixed(1)}× that.`);
  if (result.workers) {
    const w = result.workers;
    lines.push(
      `${w.processes} processes${w.redis ? ' + Redis' : ''} vs 1: story ${w.story.rps} vs ${w.oneProcess.story.rps} req/s, ` +
        `home ${w.home.rps} vs ${w.oneProcess.home.rps} (cache on); story ${w.storyOff.rps} vs ${w.oneProcess.storyOff.rps} (cache off).`,
    );
  }
  return lines.join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Horizontal bars, cache on and off per page, plus the ceiling, with the numbers written on them. */
export function svgChart(result: BenchResult): string {
  const bars: Array<{ label: string; value: number; color: string }> = [];
  for (const page of result.pages) {
    if (page.on) bars.push({ label: `${page.page} · cache on`, value: page.on.rps, color: '#2f6f4f' });
    if (page.off) bars.push({ label: `${page.page} · cache off`, value: page.off.rps, color: '#9bbfa9' });
  }
  bars.push({ label: 'bare Node.js ceiling', value: result.ceiling.rps, color: '#777' });
  const max = Math.max(...bars.map((b) => b.value), 1);
  const labelWidth = 190;
  const barWidth = 460;
  const row = 24;
  const top = 40;
  const height = top + bars.length * row + 30;
  const title = `Herald ${result.options.engine}, ${result.options.stories.toLocaleString('en')} stories, ${result.options.connections} connections — requests per second (${result.date})`;
  const body = bars
    .map((bar, i) => {
      const y = top + i * row;
      const width = Math.max(1, Math.round((bar.value / max) * barWidth));
      return [
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${row - 8}" fill="${bar.color}"/>`,
        `<text x="${labelWidth + width + 6}" y="${y + 15}">${bar.value.toLocaleString('en')}</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 90}" height="${height}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="22" font-size="13" font-weight="bold">${escape(title)}</text>
${body}
<text x="10" y="${height - 10}" fill="#555">${escape(`${result.machine.cpus} CPU ${result.machine.cpuModel}, Node ${result.machine.node}; story page cached = ${(result.ceilingRatio * 100).toFixed(0)}% of the ceiling`)}</text>
</svg>
`;
}
