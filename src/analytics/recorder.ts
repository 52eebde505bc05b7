import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { Beacon } from './beacon.js';
import type { DeviceClass } from './reader-signals.js';
import { dayOf, minuteOf } from './rollup.service.js';
import type { SaltSource } from './visitor-salt.js';
import { writeViews, type PendingViews, VIEW_KEY_COLUMNS } from './views.repository.js';

/** One counted beacon with what the request said about its reader. */
export interface CountedView {
  beacon: Beacon;
  device: DeviceClass;
  country: string;
  /** The reader's address and user agent, hashed with the day's salt and then forgotten; null when they decline (GPC/DNT). */
  reader: { ip: string; userAgent: string } | null;
  at: number;
}

/**
 * Counts views in memory and writes them in batches: a beacon costs a map update, never a
 * database round trip. Each process flushes its own counts (the upserts add up); a crash loses
 * what was counted since the last flush.
 */
export class ViewRecorder {
  #pending = new Map<string, PendingViews>();
  /** `day|page|hash` this process already saw (and sent to be recorded) today. */
  #seen = new Set<string>();
  #seenDay = -1;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly salts: SaltSource,
  ) {}

  /** How many aggregates wait to be written (the bench watches it stay small). */
  get pendingRows(): number {
    return this.#pending.size;
  }

  async count(view: CountedView): Promise<void> {
    const { beacon } = view;
    const day = dayOf(view.at);
    // Hashed before the row is taken: a flush between the two would leave the row out of both batches.
    const visitor = beacon.event === 'view' && view.reader ? await this.#visitorHash(day, view.reader) : null;
    const row = this.#rowFor({
      minute: minuteOf(view.at), article_id: beacon.article, language: beacon.language, page_kind: beacon.kind, referrer: beacon.referrer,
      source: beacon.source, medium: beacon.medium, campaign: beacon.campaign, device: view.device, country: view.country,
    });
    if (beacon.event === 'read') {
      row.reads += 1;
      return;
    }
    row.views += 1;
    if (!visitor) return;
    const page = beacon.article ? `a${beacon.article}` : `${beacon.kind}:${beacon.language}`;
    if (this.#firstSighting(day, page, visitor)) row.newVisitors.push({ day, page, visitor });
    if (this.#firstSighting(day, 'site', visitor)) row.newSiteVisitors.push({ day, page: 'site', visitor });
  }

  /** Writes what was counted. Concurrent calls run one after the other. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending = new Map();
    try {
      await writeViews(this.db, batch);
    } catch (error) {
      // Nothing of the batch was stored (one transaction): it waits for the next flush.
      for (const row of batch) this.#merge(row);
      throw error;
    }
  }

  #rowFor(key: Omit<PendingViews, 'views' | 'reads' | 'newVisitors' | 'newSiteVisitors'>): PendingViews {
    const id = VIEW_KEY_COLUMNS.map((column) => key[column]).join('\u0000');
    let row = this.#pending.get(id);
    if (!row) {
      row = { ...key, views: 0, reads: 0, newVisitors: [], newSiteVisitors: [] };
      this.#pending.set(id, row);
    }
    return row;
  }

  #merge(row: PendingViews): void {
    const into = this.#rowFor(row);
    into.views += row.views;
    into.reads += row.reads;
    into.newVisitors.push(...row.newVisitors);
    into.newSiteVisitors.push(...row.newSiteVisitors);
  }

  async #visitorHash(day: number, reader: { ip: string; userAgent: string }): Promise<string> {
    const salt = await this.salts.saltOf(day);
    return createHmac('sha256', salt).update(`${reader.ip}\n${reader.userAgent}`).digest('base64url').slice(0, 22);
  }

  #firstSighting(day: number, page: string, visitor: string): boolean {
    if (day !== this.#seenDay) {
      if (day < this.#seenDay) return true;
      this.#seen.clear();
      this.#seenDay = day;
    }
    const id = `${page}|${visitor}`;
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    return true;
  }
}
