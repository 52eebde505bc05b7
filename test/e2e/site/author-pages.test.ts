import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { expectReciprocalCluster, headOf, publish } from './structured-data.js';

// The site speaks en, fr, zh-Hant and ar; the author writes in English and French only.
describeEachEngineApp('author pages in each language', (t) => {
  it('sets up an author with an English story and its French translation', async () => {
    const english = await publish(t(), { language: 'en', title: 'Harbour strike ends' });
    await publish(t(), { language: 'fr', title: 'La grève du port prend fin', translationOf: english.id });
  });

  it('clusters only the languages the author has stories in, reciprocally, with x-default', async () => {
    const cluster = await expectReciprocalCluster(t(), '/en/author/test-editor');
    expect(Object.fromEntries(cluster)).toEqual({
      en: `${TEST_BASE_URL}/en/author/test-editor`,
      fr: `${TEST_BASE_URL}/fr/author/test-editor`,
      'x-default': `${TEST_BASE_URL}/en/author/test-editor`,
    });
    expect((await headOf(t(), '/en/author/test-editor')).robots).toEqual([]);
  });

  it('answers the page of a language without the author’s stories noindex, outside any cluster', async () => {
    for (const language of ['zh-Hant', 'ar']) {
      const head = await headOf(t(), `/${language}/author/test-editor`);
      expect(head.status).toBe(200);
      expect(head.robots).toEqual(['noindex']);
      expect([...head.hreflang.keys()]).toEqual([]);
    }
    // The language switcher of the English page sends those languages to their home page.
    const english = await headOf(t(), '/en/author/test-editor');
    const switcher = Object.fromEntries(
      english.html.all('a', { hreflang: /./, lang: /./ }).map((a) => [english.html.attr(a, 'hreflang'), english.html.attr(a, 'href')]),
    );
    expect(switcher['zh-Hant']).toBe('/zh-Hant/');
    expect(switcher.ar).toBe('/ar/');
    expect(switcher.fr).toBe(`${TEST_BASE_URL}/fr/author/test-editor`);
  });
});
