import { expect, it } from 'vitest';
import { createArticle } from '../../src/content/articles.service.js';
import { applyDueMoments } from '../../src/content/moments.gate.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Actor } from '../../src/people/permissions.js';
import { createWebhook, installWebhookQueue } from '../../src/reach/webhooks.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, ENGINES, openStore } from '../support/engines.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };
const BASE = 'http://herald.test';

for (const engine of ENGINES) {
  it(`two processes reaching the same moment publish and expire each story once: one webhook each [${engine}]`, { timeout: 60_000 }, async () => {
    const store = await createStore(engine);
    const first = openStore(store);
    await migrateToLatest(first);
    const second = openStore(store);
    try {
      await updateSettings(first.db, { baseUrl: BASE, languages: ['en'], defaultLanguage: 'en' });
      for (const process of [first, second]) installWebhookQueue(process, BASE);
      await createWebhook(first.db, { url: 'https://hooks.example/in', events: ['article.published', 'article.unpublished'] }, []);
      const hour = 3_600_000;
      const lifts = Date.now() + hour;
      const story = await createArticle(
        first,
        { language: 'en', title: 'Embargoed', status: 'published', embargoUntil: new Date(lifts).toISOString(), expiresAt: new Date(lifts + hour).toISOString() },
        desk,
        BASE,
      );
      expect(story.status).toBe('scheduled');

      // Side by side on PostgreSQL; on SQLite two connections of one Node process cannot interleave
      // their writes (the second would find the file locked), so the second process comes just after.
      const both = async (at: number) => {
        if (engine === 'postgres') await Promise.all([applyDueMoments(first, at), applyDueMoments(second, at)]);
        else for (const process of [first, second]) await applyDueMoments(process, at);
      };
      await both(lifts + 1000);
      await both(lifts + hour + 1000);

      const events = await first.db.selectFrom('webhook_deliveries').select('event').orderBy('id').execute();
      expect(events.map((e) => e.event)).toEqual(['article.published', 'article.unpublished']);
      const row = await first.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', story.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'expired', published_at: new Date(lifts).toISOString() });
    } finally {
      await second.close();
      await first.close();
      await store.drop();
    }
  });
}
