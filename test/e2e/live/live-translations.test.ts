import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { libreTranslateService } from '../newsroom/fake-translators.js';
import { parseHtml } from '../site/html.js';

describeEachEngineApp(
  'A live blog in several languages',
  (t) => {
    let service: Awaited<ReturnType<typeof libreTranslateService>>;
    beforeAll(async () => {
      service = await libreTranslateService();
    });
    afterAll(() => service?.close());
    const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, role: 'editor' | 'administrator' | 'contributor' = 'editor') =>
      t().app.inject({ method, url: `/api/admin/v1${url}`, payload, headers: await t().auth(role) });
    const entryOn = async (path: string, id: number) => {
      const doc = parseHtml((await t().app.inject({ url: path })).body);
      const item = doc.one('li', { id: `entry-${id}` });
      const body = doc.all('div', { class: /live-body/ }).find((div) => div.parent === item)!;
      return { doc, item, body, text: doc.text(item) };
    };

    it('shows an entry not yet translated as written, its language marked and said; a person’s translation replaces it', async () => {
      const english = (await api('POST', '/articles', { language: 'en', title: 'Flood watch', status: 'published' })).json();
      const french = (await api('POST', '/articles', { language: 'fr', title: 'Alerte aux crues', translationOf: english.id, status: 'published' })).json();
      // Made live through either language version: the blog is the story's.
      expect((await api('POST', `/articles/${french.id}/live`)).statusCode).toBe(201);
      const entry = (await api('POST', `/articles/${english.id}/live/entries`, { body: '<p>The river is rising.</p>' })).json();

      const before = await entryOn(new URL(french.url).pathname, entry.id);
      expect(before.doc.attr(before.body, 'lang')).toBe('en');
      expect(before.text).toContain('Pas encore traduit : original en anglais');
      expect(before.text).toContain('The river is rising.');
      const editorView = (await api('GET', `/articles/${french.id}/live`)).json();
      expect(editorView.entries[0]).toMatchObject({ id: entry.id, language: 'en', translated: false, translations: [] });

      const translated = await api('PUT', `/articles/${french.id}/live/entries/${entry.id}/translation`, { body: '<p>La rivière monte.</p><script>x()</script>' });
      expect(translated.json()).toMatchObject({ language: 'fr', originalLanguage: 'en', translated: true, machineTranslated: false, body: '<p>La rivière monte.</p>' });
      const after = await entryOn(new URL(french.url).pathname, entry.id);
      expect(after.doc.attr(after.body, 'lang')).toBe('fr');
      expect(after.text).not.toContain('Pas encore traduit');
      expect(after.text).not.toContain('Traduction automatique');
      expect(after.text).toContain('La rivière monte.');
      // The English page is unchanged.
      expect((await entryOn(new URL(english.url).pathname, entry.id)).text).toContain('The river is rising.');
      // Editing through the French version changes the French words only.
      await api('PATCH', `/articles/${french.id}/live/entries/${entry.id}`, { body: '<p>La rivière monte vite.</p>' });
      expect((await entryOn(new URL(english.url).pathname, entry.id)).text).toContain('The river is rising.');
      expect((await entryOn(new URL(french.url).pathname, entry.id)).text).toContain('La rivière monte vite.');
      const refused = await api('PUT', `/articles/${english.id}/live/entries/${entry.id}/translation`, { body: 'x' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields[0].field).toBe('body');
    });

    it('translates an entry by machine after it appeared, marked as such, once a provider is configured', async () => {
      const english = (await api('POST', '/articles', { language: 'en', title: 'Heatwave', status: 'published' })).json();
      const arabic = (await api('POST', '/articles', { language: 'ar', title: 'موجة حر', translationOf: english.id, status: 'published' })).json();
      await api('POST', `/articles/${english.id}/live`);
      const entry = (await api('POST', `/articles/${english.id}/live/entries`, { body: '<p>Schools <strong>close</strong> early.</p>' })).json();
      const url = `/articles/${arabic.id}/live/entries/${entry.id}/machine-translation`;
      const unconfigured = await api('POST', url);
      expect(unconfigured.statusCode).toBe(400);
      expect(unconfigured.json().error.fields[0].field).toBe('machineTranslation');
      expect((await api('GET', `/articles/${arabic.id}/live`)).json().machineTranslation).toBe(false);

      await api('PUT', '/machine-translation', { provider: 'libretranslate', baseUrl: service.url }, 'administrator');
      expect((await api('GET', `/articles/${arabic.id}/live`)).json().machineTranslation).toBe(true);
      expect((await api('POST', url, undefined, 'contributor')).statusCode).toBe(403);
      const translated = await api('POST', url);
      expect(translated.statusCode, translated.body).toBe(200);
      expect(translated.json()).toMatchObject({ language: 'ar', translated: true, machineTranslated: true, body: '<p>[ar] Schools <strong>[ar] close</strong>[ar]  early.</p>' });
      expect(service.received.at(-1)!.body).toMatchObject({ source: 'en', target: 'ar', format: 'html' });
      const page = await entryOn(new URL(arabic.url).pathname, entry.id);
      expect(page.doc.attr(page.body, 'lang')).toBe('ar');
      expect(page.text).toContain('ترجمة آلية');
      expect(page.text).not.toContain('لم يُترجم بعد');
      expect((await api('POST', `/articles/${english.id}/live/entries/${entry.id}/machine-translation`)).statusCode).toBe(400);
      await api('PUT', '/machine-translation', { provider: null }, 'administrator');
    });
  },
  { HERALD_OUTBOUND_ALLOW: '127.0.0.1' },
);
