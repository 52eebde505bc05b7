import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { remembered } from '../cache/site-memo.js';
import { getSettings, type SiteSettings } from '../settings/settings.service.js';

/** What every route reaches through `app.herald`: the configuration and the one database. */
export interface HeraldContext {
  config: Config;
  database: Database;
  /** The current site settings, with the configured base URL taking precedence. */
  settings(): Promise<SiteSettings>;
}

declare module 'fastify' {
  interface FastifyInstance {
    herald: HeraldContext;
  }
}

export function createContext(config: Config, database: Database): HeraldContext {
  return {
    config,
    database,
    async settings() {
      // Remembered between writes (cache/site-memo.ts); each caller gets its own copy.
      const settings = await remembered(database.db, 'settings', () => getSettings(database.db));
      return { ...settings, languages: [...settings.languages], ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) };
    },
  };
}
