import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { createMailer, type Mailer } from '../core/mail.js';
import { openRedis, type Redis } from '../core/redis.js';
import type { Database } from '../db/database.js';
import { remembered } from '../cache/site-memo.js';
import { momentGate, type MomentGate } from '../content/moments.gate.js';
import { getSettings, type SiteSettings } from '../settings/settings.service.js';

/** What every route reaches through `app.herald`: the configuration and the one database. */
export interface HeraldContext {
  config: Config;
  database: Database;
  /** The current site settings, with the configured base URL taking precedence. */
  settings(): Promise<SiteSettings>;
  /** The one mailer: SMTP when HERALD_SMTP_URL is set, the log otherwise. */
  mailer: Mailer;
  /** The Redis client every rate limit counts in, shared by all app processes; null without REDIS_URL. */
  redis(): Promise<Redis | null>;
  /** The time in milliseconds, as Date.now(); tests move it instead of waiting. */
  now(): number;
  /** When embargoes lift and expiries come, on that clock (content/moments.gate.ts). */
  moments: MomentGate;
  /** Closes what the context opened (the Redis client). */
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    herald: HeraldContext;
  }
}

export function createContext(config: Config, database: Database, log: FastifyBaseLogger, clock: () => number = Date.now): HeraldContext {
  let redis: Promise<Redis | null> | undefined;
  return {
    config,
    database,
    mailer: createMailer(log, config.mail),
    redis: () => (redis ??= config.redisUrl ? openRedis(config.redisUrl, log, 'rate limits') : Promise.resolve(null)),
    now: clock,
    moments: momentGate(database, clock, (error) => log.error({ err: error }, 'embargoes and expiries: applying a moment failed')),
    async close() {
      this.moments.stop();
      const client = await redis;
      await client?.quit().catch(() => undefined);
    },
    async settings() {
      // Remembered between writes (cache/site-memo.ts); each caller gets its own copy.
      return configuredSettings(await remembered(database.db, 'settings', () => getSettings(database.db)), config);
    },
  };
}

/** A copy of the stored settings, with the configured base URL (HERALD_BASE_URL) taking precedence. */
export function configuredSettings(settings: SiteSettings, config: Pick<Config, 'baseUrl'>): SiteSettings {
  return { ...settings, languages: [...settings.languages], ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) };
}
