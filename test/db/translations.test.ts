import { expect, it } from 'vitest';
import { listArticles } from '../../src/content/articles.list.js';
import { createArticle, getArticle, publishArticle, trashArticle, updateArticle } from '../../src/content/articles.service.js';
import type { Article } from '../../src/content/articles.types.js';
import { createTranslation, languageStatuses, translationGaps } from '../../src/content/translations.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

describeEachEngine('translation states', (database) => {
  const store = () => database();
  const db = () => database().db;
  const latest = (id: number) => getArticle(db(), id, BASE);
  const edit = async (id: number, fields: Partial<Article>) => updateArticle(store(), id, { ...fields, version: (await latest(id)).version } as never, editor, BASE);

  /**
   * The state of the story of `id` in `language` as the editor, the story answer, the list
   * answer and the dashboard each read it: they must agree, so this answers one value.
   */
  async function stateIn(id: number, language: string): Promise<string> {
    const editorView = (await languageStatuses(db(), id)).find((l) => l.language === language)!.state;
    const answer = (await latest(id)).translationStatus!.find((l) => l.language === language)!.state;
    const listed = (await listArticles(db(), { page: 1, limit: 100 }, BASE, 'admin')).items.find((a) => a.id === id)!;
    const inList = listed.translationStatus!.find((l) => l.language === language)!.state;
    const gaps = await translationGaps(db(), 100, BASE);
    const storyId = (await latest(id)).storyId;
    const onDashboard = gaps.items.find((a) => a.storyId === storyId)?.translationStatus!.find((l) => l.language === language)!.state ?? 'not listed';
    const readings = { editorView, answer, inList, onDashboard };
    const expected = Object.fromEntries(Object.keys(readings).map((k) => [k, editorView]));
    // The dashboard lists only stories waiting for work: an up-to-date one is not there.
    if (onDashboard === 'not listed') expect(['current', 'original']).toContain(editorView);
    else expect(readings).toEqual(expected);
    return editorView;
  }

  it('Translate makes an in-progress draft; editing its words makes it current; the original’s new words make it outdated everywhere', async () => {
    await updateSettings(db(), { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    const original = await createArticle(store(), { language: 'en', title: 'Harbour reopens', body: '<p>Boats are back.</p>', status: 'published' }, editor, BASE);
    expect(await stateIn(original.id, 'fr')).toBe('missing');

    const french = await createTranslation(store(), original.id, { language: 'fr' }, editor, BASE, null);
    expect(french.body).toBe(original.body);
    expect(await stateIn(original.id, 'fr')).toBe('in-progress');
    expect(await stateIn(original.id, 'en')).toBe('original');
    // A save that changes no words (a tag, or the copy saved as it is) is no translator's work.
    await edit(french.id, { title: french.title, tags: ['Port'] } as never);
    expect(await stateIn(french.id, 'fr')).toBe('in-progress');

    await edit(french.id, { title: 'Le port rouvre', body: '<p>Les bateaux reviennent.</p>' });
    expect(await stateIn(original.id, 'fr')).toBe('current');

    // Publishing or re-tagging the original changes no words: the translation stays current.
    await edit(original.id, { tags: ['Harbour'] } as never);
    await publishArticle(store(), french.id, editor, BASE);
    expect(await stateIn(original.id, 'fr')).toBe('current');

    await edit(original.id, { body: '<p>Boats are back after repairs.</p>' });
    expect(await stateIn(original.id, 'fr')).toBe('outdated');
    expect(await stateIn(french.id, 'fr')).toBe('outdated');
    const status = (await languageStatuses(db(), original.id)).find((l) => l.language === 'fr')!;
    expect(status.source).toEqual({ articleId: original.id, language: 'en', translatedVersion: 1, wordsVersion: 3 });

    await edit(french.id, { body: '<p>Les bateaux reviennent après des travaux.</p>' });
    expect(await stateIn(original.id, 'fr')).toBe('current');
  });

  it('publishing a copied draft ends "in progress"; a translation written through the API is current at once', async () => {
    await updateSettings(db(), { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    const original = await createArticle(store(), { language: 'en', title: 'Bridge opens', body: '<p>A new bridge.</p>', status: 'published' }, editor, BASE);
    const arabic = await createTranslation(store(), original.id, { language: 'ar' }, editor, BASE, null);
    expect(await stateIn(original.id, 'ar')).toBe('in-progress');
    await publishArticle(store(), arabic.id, editor, BASE);
    expect(await stateIn(original.id, 'ar')).toBe('current');

    const written = await createArticle(store(), { language: 'fr', title: 'Le pont ouvre', body: '<p>Un nouveau pont.</p>', translationOf: original.id }, editor, BASE);
    expect(await stateIn(written.id, 'fr')).toBe('current');
  });

  it('judges a translation of a translation against its own source, and against the original once that source is trashed', async () => {
    await updateSettings(db(), { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    const original = await createArticle(store(), { language: 'en', title: 'Tide tables', body: '<p>High tide at noon.</p>', status: 'published' }, editor, BASE);
    const french = await createArticle(store(), { language: 'fr', title: 'Marées', body: '<p>Marée haute à midi.</p>', translationOf: original.id }, editor, BASE);
    const arabic = await createArticle(store(), { language: 'ar', title: 'جدول المد', body: '<p>المد العالي ظهرًا.</p>', translationOf: french.id }, editor, BASE);
    await edit(original.id, { body: '<p>High tide at one.</p>' });
    expect(await stateIn(original.id, 'fr')).toBe('outdated');
    expect(await stateIn(original.id, 'ar')).toBe('current');
    await edit(french.id, { body: '<p>Marée haute à une heure.</p>' });
    expect(await stateIn(original.id, 'ar')).toBe('outdated');
    await trashArticle(store(), french.id, editor, BASE);
    expect(await stateIn(original.id, 'fr')).toBe('missing');
    // Translating again says where the French version went instead of "already has one".
    await expect(createTranslation(store(), original.id, { language: 'fr' }, editor, BASE, null)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/fr version is in the trash \(article \d+\): restore it/),
    });
    await edit(arabic.id, { body: '<p>المد العالي في الساعة الواحدة.</p>' });
    expect(await stateIn(original.id, 'ar')).toBe('current');
  });

  it('keeps listing stories first written in another language when the default language changes', async () => {
    await updateSettings(db(), { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    const french = await createArticle(store(), { language: 'fr', title: 'La criée rouvre', body: '<p>Le marché aux poissons.</p>', status: 'published' }, editor, BASE);
    const english = await createArticle(store(), { language: 'en', title: 'Fish market reopens', body: '<p>The fish market.</p>', translationOf: french.id, status: 'published' }, editor, BASE);
    const listedIds = async () => (await translationGaps(db(), 100, BASE)).items.map((a) => a.id);
    expect(await listedIds()).toContain(french.id);
    expect(await stateIn(english.id, 'fr')).toBe('original');
    expect(await stateIn(english.id, 'ar')).toBe('missing');

    for (const defaultLanguage of ['fr', 'ar', 'en']) {
      await updateSettings(db(), { defaultLanguage });
      expect(await listedIds(), defaultLanguage).toContain(french.id);
      expect(await stateIn(english.id, 'fr')).toBe('original');
      expect(await stateIn(french.id, 'en')).toBe('current');
    }
  });

  it('counts every waiting language version on the dashboard, and lists a story no more once it is translated and up to date', async () => {
    await updateSettings(db(), { languages: ['en', 'fr'], defaultLanguage: 'en' });
    const before = await translationGaps(db(), 100, BASE);
    const original = await createArticle(store(), { language: 'en', title: 'Ferry strike', body: '<p>No ferries today.</p>', status: 'published' }, editor, BASE);
    const missing = await translationGaps(db(), 100, BASE);
    expect(missing.counts.missing).toBe(before.counts.missing + 1);
    expect(missing.total).toBe(before.total + 1);
    expect(missing.items[0].id).toBe(original.id);

    const french = await createTranslation(store(), original.id, { language: 'fr' }, editor, BASE, null);
    const started = await translationGaps(db(), 100, BASE);
    expect(started.counts).toEqual({ ...before.counts, 'in-progress': before.counts['in-progress'] + 1 });

    await edit(french.id, { title: 'Grève des ferries', body: '<p>Pas de ferry aujourd’hui.</p>' });
    const done = await translationGaps(db(), 100, BASE);
    expect(done.counts).toEqual(before.counts);
    expect(done.items.map((a) => a.id)).not.toContain(original.id);
    // The dashboard's page size holds: one story, the latest waiting.
    expect((await translationGaps(db(), 1, BASE)).items).toHaveLength(Math.min(1, done.total));
  });
});
