/**
 * The analytics beacon next to the cached story page (part of `npm run bench`): the beacon
 * endpoint's own rate; the cached story page's rate with beacons arriving at 1,000/s against
 * its rate without, in alternating rounds; and, with --beacon-minutes M, the server's memory
 * over M minutes of 1,000 beacons/s (sampled every 10 s).
 */
import autocannon from 'autocannon';
import { cpuMs, load, rssMb, type Measure } from './load.js';

const READER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface BeaconBench {
  /** The endpoint loaded alone, per round. */
  beaconRps: number[];
  /**
   * The server's CPU time per beacon when loaded alone, per round: what a beacon costs the
   * server whatever the load generator manages (autocannon, one JavaScript process, can set
   * the pace of the rate figures on two cores).
   */
  beaconCpuMs: number[];
  /** The server's CPU time per cached story page, without beacons and with them (their CPU taken out), per round. */
  storyCpuMs: { without: number[]; with: number[] };
  /** The cached story page per round, without beacons and with 1,000 beacons/s arriving. */
  storyRps: { without: number[]; with: number[] };
  /** Beacons actually sent per second during the "with" rounds (the target is 1,000). */
  backgroundBeaconRate: number[];
  /** Median "with" / median "without". */
  storyShareWithBeacons: number;
  /** RSS every 10 s, and the beacons per second the generator reached (1,000 asked). */
  memory: { minutes: number; rssMb: number[]; sentPerSecond: number } | null;
  errors: number;
}

/** A beacon for each story, cycling: views mostly, some reads, a few campaigns and referrers. */
function beaconRequests(articles: Array<{ id: number; language: string }>): autocannon.Request[] {
  return articles.map((article, i) => ({
    method: 'POST',
    path: '/analytics/view',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': READER },
    body: JSON.stringify({
      event: i % 5 === 4 ? 'read' : 'view', article: article.id, language: article.language, kind: 'story',
      referrer: ['', 'news.example', 'search.example'][i % 3], source: i % 7 === 0 ? 'newsletter' : '',
    }),
  }));
}

/**
 * In a worker thread of its own: sharing this event loop with the story pages' load, the
 * generator reached about 450 of the 1,000 beacons a second it was asked for.
 */
function beaconsAtRate(base: string, requests: autocannon.Request[], perSecond: number, seconds: number) {
  return autocannon({ url: base, connections: 10, overallRate: perSecond, duration: seconds, requests, workers: 1 });
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

export async function benchBeacons(
  base: string,
  pid: number,
  storyPaths: string[],
  articles: Array<{ id: number; language: string }>,
  options: { seconds: number; connections: number; rounds: number; memoryMinutes: number; progress: (text: string) => void },
): Promise<BeaconBench> {
  const requests = beaconRequests(articles);
  const result: BeaconBench = { beaconRps: [], beaconCpuMs: [], storyRps: { without: [], with: [] }, storyCpuMs: { without: [], with: [] }, backgroundBeaconRate: [], storyShareWithBeacons: 0, memory: null, errors: 0 };
  const perRequest = (ms: number, requests: number) => Math.round((ms / Math.max(1, requests)) * 10_000) / 10_000;
  const count = (measure: Measure) => (result.errors += measure.errors);
  for (let round = 0; round < options.rounds; round++) {
    options.progress(`beacon round ${round + 1}/${options.rounds}: the endpoint alone`);
    const cpuBefore = cpuMs(pid);
    const alone = await autocannon({ url: base, connections: options.connections, duration: options.seconds, requests });
    const beaconCpu = perRequest(cpuMs(pid) - cpuBefore, alone.requests.total);
    result.beaconRps.push(Math.round(alone.requests.average));
    result.beaconCpuMs.push(beaconCpu);
    result.errors += alone.errors + alone.timeouts + alone.non2xx;
    // Alternate which goes first, so that neither always follows the heavier load.
    for (const withBeacons of round % 2 ? [true, false] : [false, true]) {
      options.progress(`beacon round ${round + 1}/${options.rounds}: story pages ${withBeacons ? 'with' : 'without'} 1,000 beacons/s`);
      const background = withBeacons ? beaconsAtRate(base, requests, 1000, options.seconds + 1) : null;
      const cpuAtStart = cpuMs(pid);
      const story = await load(base, storyPaths, options.seconds, options.connections);
      let storyCpu = cpuMs(pid) - cpuAtStart;
      count(story);
      (withBeacons ? result.storyRps.with : result.storyRps.without).push(story.rps);
      if (background) {
        const sent = await background;
        result.backgroundBeaconRate.push(Math.round(sent.requests.average));
        result.errors += sent.errors + sent.timeouts + sent.non2xx;
        // The beacons' own CPU, at this round's cost per beacon, is not the page's.
        storyCpu -= sent.requests.average * options.seconds * beaconCpu;
      }
      (withBeacons ? result.storyCpuMs.with : result.storyCpuMs.without).push(perRequest(storyCpu, story.requests));
    }
  }
  result.storyShareWithBeacons = Math.round((median(result.storyRps.with) / median(result.storyRps.without)) * 1000) / 1000;
  if (options.memoryMinutes > 0) {
    const samples = [rssMb(pid)];
    const running = beaconsAtRate(base, requests, 1000, options.memoryMinutes * 60);
    const timer = setInterval(() => {
      samples.push(rssMb(pid));
      options.progress(`memory run: ${samples.length * 10} s of ${options.memoryMinutes * 60} s, RSS ${samples.at(-1)} MB`);
    }, 10_000);
    const sent = await running;
    clearInterval(timer);
    samples.push(rssMb(pid));
    result.errors += sent.errors + sent.timeouts + sent.non2xx;
    result.memory = { minutes: options.memoryMinutes, rssMb: samples, sentPerSecond: Math.round(sent.requests.average) };
  }
  return result;
}

export function describeBeacons(bench: BeaconBench): string {
  const lines = [
    `beacon endpoint: ${median(bench.beaconRps)} requests/s (rounds: ${bench.beaconRps.join(', ')}); server CPU ${median(bench.beaconCpuMs)} ms a beacon (rounds: ${bench.beaconCpuMs.join(', ')})`,
    `cached story page without beacons: ${median(bench.storyRps.without)} requests/s (rounds: ${bench.storyRps.without.join(', ')})`,
    `cached story page with beacons at 1,000/s: ${median(bench.storyRps.with)} requests/s (rounds: ${bench.storyRps.with.join(', ')}; beacons sent ${bench.backgroundBeaconRate.join(', ')}/s)`,
    `story rate kept with beacons: ${Math.round(bench.storyShareWithBeacons * 1000) / 10} %`,
    `server CPU per cached story page: ${median(bench.storyCpuMs.without)} ms without beacons, ${median(bench.storyCpuMs.with)} ms with them, their own CPU taken out (rounds: ${bench.storyCpuMs.without.join(', ')} / ${bench.storyCpuMs.with.join(', ')})`,
  ];
  if (bench.memory) lines.push(`memory over ${bench.memory.minutes} min of beacons at 1,000/s asked (${bench.memory.sentPerSecond}/s reached): RSS ${bench.memory.rssMb.join(' → ')} MB`);
  lines.push(`errors and non-2xx answers: ${bench.errors}`);
  return lines.join('\n');
}
