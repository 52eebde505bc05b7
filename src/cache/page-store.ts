import { LRUCache } from 'lru-cache';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** A response kept in memory, replayed byte for byte on a hit. */
export interface CachedPage {
  status: number;
  headers: OutgoingHttpHeaders;
  /** `headers` plus Content-Length and X-Cache, ready for writeHead. */
  wireHeaders: OutgoingHttpHeaders;
  body: Buffer;
  etag: string;
  /** What the page shows (article:1, list:en, settings…): a write to any of them drops it. */
  keys: string[];
  storedAt: number;
}

/** Written under the bare URL of a page that varies by request headers: which ones to look at. */
interface VaryMarker {
  vary: string[];
}

type Slot = CachedPage | VaryMarker;

/** What a write affects: some keys, or everything (settings, a flush after a missed message). */
export type Invalidation = { all: true } | { all?: false; keys: string[] };

export interface CacheStats {
  hits: number;
  /** Requests that went to the route, i.e. pages rendered from the database. */
  misses: number;
  stored: number;
  /** Renders not stored because a write touched their keys while they were being rendered. */
  discarded: number;
  invalidations: number;
  dropped: number;
}

// A render that started before an invalidation of one of its keys may hold the old content;
// remembering when each key was last invalidated lets `store` refuse it. The memory of keys
// is bounded: past this many, it is forgotten and every render in flight is refused instead.
const MAX_REMEMBERED_KEYS = 50_000;
const MARKER_SIZE = 64;

function isPage(slot: Slot | undefined): slot is CachedPage {
  return slot !== undefined && 'body' in slot;
}

/**
 * The encoding a compressing server would pick (brotli, then gzip, then deflate, among those
 * accepted with q > 0), so that equivalent Accept-Encoding values share one entry.
 */
function normalEncoding(header: string | undefined): string {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  for (const encoding of ['br', 'gzip', 'deflate']) if ((accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0) return encoding;
  return 'identity';
}

function variantKey(url: string, vary: string[], headers: IncomingHttpHeaders): string {
  const parts = vary.map((name) => {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    return name === 'accept-encoding' ? normalEncoding(value) : value.toLowerCase().replace(/\s+/g, '');
  });
  return `${url}\n${parts.join('\n')}`;
}

export function varyNames(header: OutgoingHttpHeaders[string]): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : String(header);
  return text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

/**
 * The in-memory page cache: an LRU bounded by bytes, an index from each key to the entries
 * showing it (so an invalidation drops exactly those), and a sequence number that keeps a
 * render overtaken by a write from being stored.
 */
export class PageStore {
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0, discarded: 0, invalidations: 0, dropped: 0 };
  readonly #lru: LRUCache<string, Slot>;
  readonly #byKey = new Map<string, Set<string>>();
  #sequence = 0;
  #floor = 0;
  readonly #lastInvalidated = new Map<string, number>();
  /** False while invalidations from other processes may be missed (Redis not connected). */
  #usable = true;

  constructor(maxBytes: number) {
    this.#lru = new LRUCache<string, Slot>({
      maxSize: Math.max(maxBytes, 1024),
      sizeCalculation: (slot) => (isPage(slot) ? slot.body.length + 512 + slot.keys.length * 16 : MARKER_SIZE),
      dispose: (slot, entryKey) => {
        if (!isPage(slot)) return;
        for (const key of slot.keys) {
          const entries = this.#byKey.get(key);
          entries?.delete(entryKey);
          if (entries?.size === 0) this.#byKey.delete(key);
        }
      },
    });
  }

  get size(): number {
    return this.#lru.size;
  }

  get bytes(): number {
    return this.#lru.calculatedSize;
  }

  get usable(): boolean {
    return this.#usable;
  }

  /** Stops (false) or resumes (true) serving and storing; either way what is held is dropped. */
  setUsable(usable: boolean): void {
    this.invalidate({ all: true });
    this.#usable = usable;
  }

  /** A ticket taken when a render starts; `store` needs it to tell whether a write overtook the render. */
  begin(): number {
    return this.#sequence;
  }

  lookup(url: string, headers: IncomingHttpHeaders): CachedPage | undefined {
    if (!this.#usable) return undefined;
    const slot = this.#lru.get(url);
    if (isPage(slot) || slot === undefined) return slot;
    const page = this.#lru.get(variantKey(url, slot.vary, headers));
    return isPage(page) ? page : undefined;
  }

  /** Keeps a rendered page unless a write touched what it shows after `ticket` was taken. */
  store(ticket: number, url: string, requestHeaders: IncomingHttpHeaders, page: CachedPage): boolean {
    if (!this.#usable || ticket < this.#floor || page.keys.some((key) => (this.#lastInvalidated.get(key) ?? -1) > ticket)) {
      this.stats.discarded += 1;
      return false;
    }
    const vary = varyNames(page.headers.vary);
    let entryKey = url;
    if (vary.length) {
      this.#lru.set(url, { vary });
      entryKey = variantKey(url, vary, requestHeaders);
    }
    this.#lru.set(entryKey, page);
    // The LRU may refuse an entry larger than the whole cache.
    if (!this.#lru.has(entryKey)) return false;
    for (const key of page.keys) {
      let entries = this.#byKey.get(key);
      if (!entries) this.#byKey.set(key, (entries = new Set()));
      entries.add(entryKey);
    }
    this.stats.stored += 1;
    return true;
  }

  /** Called when everything is dropped, here or by another process: site-wide memos go too. */
  onDropAll: (() => void) | null = null;

  /** Drops every entry showing one of the keys (or all); returns how many were dropped. */
  invalidate(target: Invalidation): number {
    this.#sequence += 1;
    this.stats.invalidations += 1;
    if (target.all || this.#lastInvalidated.size + target.keys.length > MAX_REMEMBERED_KEYS) {
      this.#floor = this.#sequence;
      this.#lastInvalidated.clear();
    }
    if (target.all) {
      this.onDropAll?.();
      const dropped = [...this.#lru.values()].filter(isPage).length;
      this.#lru.clear();
      this.#byKey.clear();
      this.stats.dropped += dropped;
      return dropped;
    }
    let dropped = 0;
    for (const key of target.keys) {
      this.#lastInvalidated.set(key, this.#sequence);
      for (const entryKey of [...(this.#byKey.get(key) ?? [])]) {
        if (this.#lru.delete(entryKey)) dropped += 1;
      }
    }
    this.stats.dropped += dropped;
    return dropped;
  }
}
