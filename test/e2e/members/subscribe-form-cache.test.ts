import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { createCacheApp, type CacheApp } from '../cache/harness.js';

// The subscribe forms are cached with their pages: what the newsroom changes in a newsletter reaches them at once.
for (const engine of ENGINES) {
  describe(`cached subscribe forms follow the newsletters [${engine}]`, () => {
    let t: CacheApp;
    beforeAll(async () => {
      t = await createCacheApp(engine);
    });
    afterAll(() => t?.close());

    const page = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url });
      return { body: response.body, cache: response.headers['x-cache'] };
    };
    const api = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await t.app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization: t.authorization }, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.statusCode === 204 ? null : response.json();
    };
    const warm = async (url: string) => {
      await page(url);
      expect((await page(url)).cache).toBe('HIT');
    };

    it('offers a newsletter once created, renamed, moved to another language, and no longer once deleted', async () => {
      await warm('/fr/subscribe');
      const { id } = await api('POST', '/newsletters', { name: 'Le Quotidien', language: 'fr' });
      expect((await page('/fr/subscribe')).body).toContain('Le Quotidien');

      await warm('/fr/subscribe');
      await api('PATCH', `/newsletters/${id}`, { name: 'Le Matin' });
      expect((await page('/fr/subscribe')).body).toContain('Le Matin');

      await warm('/fr/subscribe');
      await warm('/en/subscribe');
      await api('PATCH', `/newsletters/${id}`, { language: 'en' });
      expect((await page('/fr/subscribe')).body).not.toContain('Le Matin');
      expect((await page('/en/subscribe')).body).toContain('Le Matin');

      await warm('/en/subscribe');
      await api('DELETE', `/newsletters/${id}`);
      expect((await page('/en/subscribe')).body).not.toContain('Le Matin');
    });
  });
}
