/**
 * Wall-clock times in a named (IANA) time zone, for the site's pages and the admin alike: the
 * admin runs in browsers set to any zone, and the site's zone is what its newsroom means.
 */
const readers = new Map<string, Intl.DateTimeFormat>();

function reader(zone: string): Intl.DateTimeFormat {
  let found = readers.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    readers.set(zone, found);
  }
  return found;
}

/** What a wall clock in `zone` reads at an instant: `2026-07-01T14:05:00`. */
export function wallTime(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    reader(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** How many minutes `zone` is ahead of UTC at an instant (120 in Paris in July, 60 in December). */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((Date.parse(`${wallTime(instant, zone)}Z`) - wholeSecond) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `zone` reads `local` (`2026-07-01T14:05`, as a
 * `datetime-local` input gives it). A reading that happens twice (when clocks go back) is the
 * first one; one that never happens (when clocks go forward) is moved forward by the gap, as
 * the clock would read it an hour later.
 */
export function instantAt(local: string, zone: string): Date {
  const reading = local.length === 16 ? `${local}:00` : local.slice(0, 19);
  const asUtc = Date.parse(`${reading}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`"${local}" is not a date and time`);
  // A zone changes its offset at most once in a day on either side: these two cover every case.
  const before = zoneOffsetMinutes(new Date(asUtc - DAY_MS), zone);
  const after = zoneOffsetMinutes(new Date(asUtc + DAY_MS), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((time) => wallTime(new Date(time), zone) === reading)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - before * 60_000);
}

/** The `datetime-local` value (`2026-07-01T14:05`) of an instant, on the wall clock of `zone`. */
export function localInputValue(iso: string | null, zone: string): string {
  return iso ? wallTime(new Date(iso), zone).slice(0, 16) : '';
}
