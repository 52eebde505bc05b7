import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { listArticles } from '../../../src/content/articles.list.js';
import type { Article } from '../../../src/content/articles.types.js';
import type { Database, Engine } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { addCacheKeys } from '../../../src/http/cache-keys.js';
import { cacheKey } from '../../../src/core/cache-keys.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { createStore, openStore, storeEnvironment, type TestStore } from '../../support/engines.js';
import { TEST_BASE_URL } from '../../support/app.js';

/**
 * Listing pages the way the site declares them (the listing's key plus one key per story
 * shown), with a render counter each, so tests can tell a cached answer from a fresh render
 * whatever pages the site has today. `gate` holds a render after it has read the database.
 */
export interface Probe {
  renders: Map<string, number>;
  gate: Promise<void> | null;
}

type Listing = 'tag' | 'section' | 'author';

function listingPage(items: Article[]): string {
  return `<ul>${items.map((a) => `<li>${a.title}</li>`).join('')}</ul>`;
}

function probeRoutes(probe: Probe): FastifyPluginAsync {
  return async (app) => {
    const { database } = app.herald;
    const counted = (name: string) => probe.renders.set(name, (probe.renders.get(name) ?? 0) + 1);
    for (const kind of ['tag', 'section', 'author'] as Listing[]) {
      app.get<{ Params: { id: string } }>(`/probe/${kind}/:id`, async (request, reply) => {
        const id = Number(request.params.id);
        counted(`${kind}:${id}`);
        const filter = kind === 'tag' ? { tagId: id } : kind === 'section' ? { sectionId: id } : { authorId: id };
        const { items } = await listArticles(database.db, { ...filter, page: 1, limit: 20 }, TEST_BASE_URL, 'public');
        if (probe.gate) await probe.gate;
        addCacheKeys(reply, [cacheKey[kind](id), ...items.map((a) => cacheKey.article(a.id))]);
        return reply.type('text/html; charset=utf-8').send(listingPage(items));
      });
    }
    app.get('/probe/session', async (_request, reply) => {
      counted('session');
      addCacheKeys(reply, ['list:en']);
      return reply.header('set-cookie', 'herald_session=abc; HttpOnly').type('text/html').send('<p>hello you</p>');
    });
  };
}

export interface CacheApp {
  app: FastifyInstance;
  store: TestStore;
  database: Database;
  probe: Probe;
  authorization: string;
  renders(name: string): number;
  close(): Promise<void>;
}

/**
 * A whole Herald app (Admin API, site, page cache) plus the probe pages, on `store` or on a
 * fresh database of `engine`. Two apps on one store are two processes sharing a database.
 */
export async function createCacheApp(
  engine: Engine,
  env: Record<string, string> = {},
  shared?: TestStore,
): Promise<CacheApp> {
  const store = shared ?? (await createStore(engine));
  const config = loadConfig({ ...storeEnvironment(store), ...env });
  const database = openStore(store);
  let authorization = '';
  if (!shared) {
    await migrateToLatest(database);
    await updateSettings(database.db, { baseUrl: TEST_BASE_URL, languages: ['en', 'fr'], defaultLanguage: 'en' });
  }
  const email = `editor-${Math.random().toString(36).slice(2)}@herald.test`;
  const user = await createUser(database.db, { email, name: `Editor ${email.slice(7, 11)}`, role: 'administrator' });
  authorization = `Bearer ${(await createApiToken(database.db, { name: 'cache tests', role: 'administrator', userId: user.id })).token}`;
  const probe: Probe = { renders: new Map(), gate: null };
  const app = await buildApp({ config, database, logger: false });
  await app.register(probeRoutes(probe));
  await app.ready();
  return {
    app,
    database,
    probe,
    store,
    authorization,
    renders: (name) => probe.renders.get(name) ?? 0,
    async close() {
      await app.close();
      await database.close();
      if (!shared) await store.drop();
    },
  };
}
