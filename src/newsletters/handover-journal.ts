/**
 * The sending process's own note of what it is about to hand to the SMTP server, kept in a small
 * SQLite file of the data directory and written with synchronous calls: nothing can come between
 * the note and the final dot of a message but a few instructions of the same tick (see
 * send.worker.ts for why the database alone cannot say this on PostgreSQL).
 *
 * Each file is a slot that one process owns while it runs: it holds SQLite's exclusive lock
 * (`locking_mode = EXCLUSIVE`), which the operating system releases when the process ends, even
 * by `kill -9`. A process opening the journal takes every slot nobody holds, so the notes of a
 * process that died are read only once it is certainly dead, and by one process only; it keeps
 * one slot for itself and lets the others go once their notes are resolved. Several processes
 * on one data directory each hold a slot of their own.
 *
 * Durability: the notes reach the operating system at each call, which is all a crashed or
 * killed process needs. A power cut may lose the last of them unless
 * HERALD_SQLITE_SYNCHRONOUS=full, which syncs every note to disk (slower).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

const SLOT = /^newsletter-handover-(\d+)\.db$/;

/** What processes that stopped left noted: the claims they made, and for each the rows they were handing over. */
export type Leftovers = Map<string, number[]>;

function lockSlot(file: string, synchronous: 'normal' | 'full'): SQLite.Database | null {
  let sqlite: SQLite.Database | null = null;
  try {
    sqlite = new SQLite(file, { timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    sqlite.exec('CREATE TABLE IF NOT EXISTS claims (token TEXT PRIMARY KEY); CREATE TABLE IF NOT EXISTS handovers (token TEXT NOT NULL, row INTEGER NOT NULL)');
    // A write takes the exclusive lock, and exclusive locking mode keeps it until close.
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

function leftoversOf(sqlite: SQLite.Database, into: Leftovers): void {
  for (const { token } of sqlite.prepare('SELECT token FROM claims').all() as { token: string }[]) into.set(token, []);
  for (const { token, row } of sqlite.prepare('SELECT token, row FROM handovers').all() as { token: string; row: number }[]) {
    const rows = into.get(token);
    if (rows) rows.push(row);
    else into.set(token, [row]);
  }
}

export class HandoverJournal {
  readonly leftovers: Leftovers = new Map();
  readonly #own: SQLite.Database;
  /** Slots of stopped processes, held until their leftovers are resolved. */
  #others: SQLite.Database[];
  readonly #claiming: SQLite.Statement;
  readonly #handing: SQLite.Statement;
  readonly #forgetHandovers: SQLite.Statement;
  readonly #forgetClaim: SQLite.Statement;

  constructor(dir: string, synchronous: 'normal' | 'full' = 'normal') {
    mkdirSync(dir, { recursive: true });
    const numbers = readdirSync(dir)
      .map((name) => SLOT.exec(name)?.[1])
      .filter((found): found is string => found !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const held: SQLite.Database[] = [];
    for (const number of numbers) {
      const slot = lockSlot(join(dir, `newsletter-handover-${number}.db`), synchronous);
      if (slot) held.push(slot);
    }
    for (let next = (numbers.at(-1) ?? -1) + 1; held.length === 0; next++) {
      const slot = lockSlot(join(dir, `newsletter-handover-${next}.db`), synchronous);
      if (slot) held.push(slot);
    }
    for (const slot of held) leftoversOf(slot, this.leftovers);
    [this.#own, ...this.#others] = held;
    this.#claiming = this.#own.prepare('INSERT INTO claims (token) VALUES (?)');
    this.#handing = this.#own.prepare('INSERT INTO handovers (token, row) VALUES (?, ?)');
    this.#forgetHandovers = this.#own.prepare('DELETE FROM handovers WHERE token = ?');
    this.#forgetClaim = this.#own.prepare('DELETE FROM claims WHERE token = ?');
  }

  /** Before a claim is asked of the database: any row it gets can then be traced to this slot. */
  claiming(token: string): void {
    this.#claiming.run(token);
  }

  /** Right before the final dot of the row's message is released. */
  handing(token: string, row: number): void {
    this.#handing.run(token, row);
  }

  /** Every row of the claim has its outcome in the database. */
  finished(token: string): void {
    this.#own.transaction(() => {
      this.#forgetHandovers.run(token);
      this.#forgetClaim.run(token);
    })();
  }

  /** The leftovers are resolved in the database (before this process claims anything): forgets them and lets the slots of stopped processes go. */
  settled(): void {
    for (const slot of [this.#own, ...this.#others]) slot.exec('DELETE FROM handovers; DELETE FROM claims');
    this.leftovers.clear();
    for (const slot of this.#others) slot.close();
    this.#others = [];
  }

  close(): void {
    for (const slot of this.#others) slot.close();
    this.#own.close();
  }
}
