import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database, Engine } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Role } from '../../src/people/roles.js';
import { createApiToken } from '../../src/people/tokens.service.js';
import { createUser } from '../../src/people/users.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, ENGINES, openStore, storeEnvironment, type TestStore } from './engines.js';

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  database: Database;
  config: Config;
  store: TestStore;
  /** Moves the app's clock forward, as if `ms` had passed (form timing, expiries), without waiting. */
  advanceClock(ms: number): void;
  /** `Authorization` headers of a token with this role, acting as a user of that role. */
  auth(role: Role): Promise<{ authorization: string; userId: number }>;
  close(): Promise<void>;
}

export const TEST_BASE_URL = 'http://herald.test';

/**
 * A whole Herald app on a fresh database of the given engine, with the site speaking
 * en, fr, zh-Hant and ar. Requests go through `app.inject()`.
 */
export async function createTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const store = await createStore(engine);
  const config = loadConfig({ ...storeEnvironment(store), ...env });
  const database = openStore(store);
  await migrateToLatest(database);
  await updateSettings(database.db, { baseUrl: TEST_BASE_URL, languages: ['en', 'fr', 'zh-Hant', 'ar'], defaultLanguage: 'en' });
  let clockOffset = 0;
  const app = await buildApp({ config, database, logger: false, clock: () => Date.now() + clockOffset });
  await app.ready();
  const tokens = new Map<Role, { authorization: string; userId: number }>();
  return {
    engine,
    app,
    database,
    config,
    store,
    advanceClock(ms) {
      clockOffset += ms;
    },
    async auth(role) {
      let entry = tokens.get(role);
      if (!entry) {
        const user = await createUser(database.db, { email: `${role}@herald.test`, name: `Test ${role}`, role });
        const { token } = await createApiToken(database.db, { name: `${role} token`, role, userId: user.id });
        entry = { authorization: `Bearer ${token}`, userId: user.id };
        tokens.set(role, entry);
      }
      return entry;
    },
    async close() {
      await app.close();
      await database.close();
      await store.drop();
    },
  };
}

/** Runs a suite once per engine against a fresh app (with more `env`, such as HERALD_OUTBOUND_ALLOW). */
export function describeEachEngineApp(name: string, suite: (t: () => TestApp) => void, env: Record<string, string> = {}): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let testApp: TestApp;
      beforeAll(async () => {
        testApp = await createTestApp(engine, env);
      });
      afterAll(async () => {
        await testApp?.close();
      });
      suite(() => testApp);
    });
  }
}
