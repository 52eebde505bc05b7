import type { MediaStorage } from '../media/media.service.js';

/** What an import did: counts of what it created, and what it skipped and why. */
export class ImportReport {
  readonly counts: Record<string, number> = {};
  readonly skipped = new Map<string, number>();
  readonly notes: string[] = [];
  redirects = 0;

  created(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  skip(reason: string, n = 1): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + n);
  }

  /** Something worth telling that did not stop an item from being imported. */
  note(message: string): void {
    if (this.notes.length < 200) this.notes.push(message);
  }

  /** Where an import stands, for a progress bar. */
  progress(done: number, total: number, phase: ImportProgress['phase'] = 'importing'): ImportProgress {
    return { phase, done, total, imported: this.counts.articles ?? 0, skipped: [...this.skipped.values()].reduce((a, b) => a + b, 0) };
  }

  /** What was created (only what is more than zero), what was skipped and why. */
  toJSON() {
    const created = Object.fromEntries(Object.entries({ ...this.counts, redirects: this.redirects }).filter(([, n]) => n > 0));
    return { created, skipped: Object.fromEntries(this.skipped), notes: this.notes };
  }

  /** The closing summary the CLI prints. */
  lines(): string[] {
    const created = Object.entries(this.toJSON().created)
      .map(([what, n]) => `${n} ${what}`)
      .join(', ');
    const out = [`Imported: ${created || 'nothing new'}.`];
    const skippedTotal = [...this.skipped.values()].reduce((a, b) => a + b, 0);
    if (skippedTotal) {
      out.push(`Skipped ${skippedTotal}:`);
      for (const [reason, n] of [...this.skipped].sort((a, b) => b[1] - a[1])) out.push(`  ${n} × ${reason}`);
    }
    if (this.notes.length) out.push('Notes:', ...this.notes.map((n) => `  ${n}`));
    return out;
  }
}

export interface ImportProgress {
  /** Checking the whole file first (nothing is written), then importing. */
  phase: 'checking' | 'importing';
  /** Items of the file read so far, of `total` (unknown, 0, while checking). */
  done: number;
  total: number;
  /** Stories created and items skipped so far. */
  imported: number;
  skipped: number;
}

/** The media library's data directory and pixel limit, and what pictures may be downloaded from. */
export interface MediaDownload extends MediaStorage {
  /** config.outboundAllow: the non-public hosts and ranges pictures may be downloaded from (none by default). */
  outboundAllow: readonly string[];
}

export interface ImportOptions {
  /** Base URL of the site, for the absolute URLs kept in revisions. */
  baseUrl: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Download featured images into the media library (a Config has all it needs). */
  downloadMediaTo?: MediaDownload;
  /** Posts written per transaction. */
  batchSize?: number;
  /**
   * The old site's address (`--site-url`): what an export names relative to it (Ghost's
   * `__GHOST_URL__/content/images/…`) is kept as an address there, or downloaded from there.
   */
  siteUrl?: string;
}
