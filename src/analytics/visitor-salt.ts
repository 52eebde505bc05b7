import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Redis } from '../core/redis.js';

/**
 * The day's salt of the visitor hash: random, held in memory only, and gone once its day is.
 *
 * Why not derive it (say from the site's secret and the date)? Anything derived from something
 * stored can be derived again: whoever holds the database or a backup could then hash every IPv4
 * address with any day's user agents and recognise readers in the stored hashes. A salt that
 * was random and never written cannot be recomputed, so yesterday's hashes link to nobody.
 *
 * Processes must still agree on it, or a reader served by two processes would count twice.
 * They agree by asking whoever holds it in memory: the cluster's primary process on one machine
 * (HERALD_WORKERS=N), or Redis across machines (a key that expires with its day). A process
 * alone keeps its own.
 */
export interface SaltSource {
  /** The salt of a day (days since 1970, UTC). */
  saltOf(day: number): Promise<Buffer>;
}

const SALT_BYTES = 32;

/** Salts made here and kept for today and yesterday (a flush can straddle midnight). */
class LocalSalts implements SaltSource {
  #salts = new Map<number, Buffer>();

  async saltOf(day: number): Promise<Buffer> {
    return this.now(day);
  }

  now(day: number): Buffer {
    let salt = this.#salts.get(day);
    if (!salt) {
      salt = randomBytes(SALT_BYTES);
      this.#salts.set(day, salt);
      for (const kept of this.#salts.keys()) if (kept < day - 1) this.#salts.delete(kept);
    }
    return salt;
  }
}

type SaltMessage = { herald: 'visitor-salt?'; day: number } | { herald: 'visitor-salt'; day: number; salt: string };

function isSaltMessage(value: unknown): value is SaltMessage {
  return typeof value === 'object' && value !== null && 'herald' in value && String((value as { herald: unknown }).herald).startsWith('visitor-salt');
}

/** A cluster worker's salts: asked of the primary (see shareVisitorSalts), once a day. */
class PrimarySalts implements SaltSource {
  #asked = new Map<number, Promise<Buffer>>();

  saltOf(day: number): Promise<Buffer> {
    let asked = this.#asked.get(day);
    if (!asked) {
      asked = new Promise<Buffer>((resolve) => {
        const onMessage = (message: unknown) => {
          if (!isSaltMessage(message) || message.herald !== 'visitor-salt' || message.day !== day) return;
          process.off('message', onMessage);
          resolve(Buffer.from(message.salt, 'base64'));
        };
        process.on('message', onMessage);
        process.send?.({ herald: 'visitor-salt?', day } satisfies SaltMessage);
      });
      this.#asked.set(day, asked);
      for (const kept of this.#asked.keys()) if (kept < day - 1) this.#asked.delete(kept);
    }
    return asked;
  }
}

/** The primary's side: one salt a day for all its workers, in its memory only. */
export function shareVisitorSalts(): void {
  const salts = new LocalSalts();
  cluster.on('message', (worker, message: unknown) => {
    if (!isSaltMessage(message) || message.herald !== 'visitor-salt?') return;
    const salt = salts.now(message.day).toString('base64');
    if (worker.isConnected()) worker.send({ herald: 'visitor-salt', day: message.day, salt } satisfies SaltMessage);
  });
}

/**
 * Salts shared through Redis: the first process to ask sets a random one (SET NX) that expires
 * a day after its day ends; the others read it. Redis keeps it in memory; a Redis configured to
 * save to disk would write it there until it expires (see the README).
 */
class RedisSalts implements SaltSource {
  #known = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  saltOf(day: number): Promise<Buffer> {
    let known = this.#known.get(day);
    if (!known) {
      known = this.#fetch(day);
      // A failed look-up is asked again next time rather than remembered.
      known.catch(() => this.#known.delete(day));
      this.#known.set(day, known);
      for (const kept of this.#known.keys()) if (kept < day - 1) this.#known.delete(kept);
    }
    return known;
  }

  async #fetch(day: number): Promise<Buffer> {
    const key = `${this.prefix}visitor-salt:${day}`;
    const secondsLeft = Math.max(60, Math.ceil(((day + 2) * 86_400_000 - Date.now()) / 1000));
    await this.redis.set(key, randomBytes(SALT_BYTES).toString('base64'), 'EX', secondsLeft, 'NX');
    const salt = await this.redis.get(key);
    if (!salt) throw new Error('the visitor salt vanished from Redis');
    return Buffer.from(salt, 'base64');
  }
}

/** Redis when several machines share it; the primary for cluster workers; else this process. */
export function visitorSalts(redis: Redis | null, prefix: string): SaltSource {
  if (redis) return new RedisSalts(redis, prefix);
  if (cluster.isWorker) return new PrimarySalts();
  return new LocalSalts();
}
