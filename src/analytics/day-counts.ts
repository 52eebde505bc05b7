/**
 * The counts of one page on one past day, packed into a few bytes each (`analytics_days.counts`).
 * Counts older than the minute rows are mostly ones and zeros spread over many small
 * combinations; a row each would cost dozens of bytes of row header on either engine, so a
 * day's combinations for a page share one row and are written as unsigned LEB128 varints:
 *
 *   per hour present, in order:  hour, number of entries,
 *   then per entry, by segment:  segment id minus the previous one's (0 before the first),
 *                                views, visitors, site visitors, reads.
 *
 * A day rolled up into one bucket (past 90 days) has all its entries at hour 0.
 */
export const HOUR = 60;
export const DAY = 24 * HOUR;

export interface DayCount {
  /** The UTC hour of the day the counts belong to (0 once the day is one bucket). */
  hour: number;
  /** An `analytics_segments` id: the page's language and kind, where the reader came from, device, country. */
  segment: number;
  views: number;
  visitors: number;
  siteVisitors: number;
  reads: number;
}

function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

export function encodeDayCounts(counts: readonly DayCount[]): Buffer {
  const sorted = [...counts].sort((a, b) => a.hour - b.hour || a.segment - b.segment);
  const out: number[] = [];
  for (let start = 0; start < sorted.length; ) {
    const hour = sorted[start].hour;
    let end = start;
    while (end < sorted.length && sorted[end].hour === hour) end++;
    writeVarint(out, hour);
    writeVarint(out, end - start);
    let previous = 0;
    for (const count of sorted.slice(start, end)) {
      writeVarint(out, count.segment - previous);
      previous = count.segment;
      writeVarint(out, count.views);
      writeVarint(out, count.visitors);
      writeVarint(out, count.siteVisitors);
      writeVarint(out, count.reads);
    }
    start = end;
  }
  return Buffer.from(out);
}

/** Calls `visit` for each entry, in order, without building objects (a year is millions of them). */
export function readDayCounts(
  bytes: Uint8Array,
  visit: (hour: number, segment: number, views: number, visitors: number, siteVisitors: number, reads: number) => void,
): void {
  let at = 0;
  const next = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new RangeError('analytics day counts end in the middle of a number');
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (at < bytes.length) {
    const hour = next();
    const entries = next();
    let segment = 0;
    for (let i = 0; i < entries; i++) {
      segment += next();
      visit(hour, segment, next(), next(), next(), next());
    }
  }
}

export function decodeDayCounts(bytes: Uint8Array): DayCount[] {
  const counts: DayCount[] = [];
  readDayCounts(bytes, (hour, segment, views, visitors, siteVisitors, reads) => counts.push({ hour, segment, views, visitors, siteVisitors, reads }));
  return counts;
}

/** Adds entries with the same hour and segment together; `oneBucket` first moves every entry to hour 0. */
export function mergeDayCounts(counts: Iterable<DayCount>, oneBucket: boolean): DayCount[] {
  const byKey = new Map<number, DayCount>();
  for (const count of counts) {
    const hour = oneBucket ? 0 : count.hour;
    const key = hour * 2 ** 32 + count.segment;
    const into = byKey.get(key);
    if (!into) byKey.set(key, { ...count, hour });
    else {
      into.views += count.views;
      into.visitors += count.visitors;
      into.siteVisitors += count.siteVisitors;
      into.reads += count.reads;
    }
  }
  return [...byKey.values()];
}
