import { expect, it } from 'vitest';
import { listArticles } from '../../src/content/articles.list.js';
import { createArticle, updateArticle } from '../../src/content/articles.service.js';
import { createTranslation, storiesNeeding } from '../../src/content/translations.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

describeEachEngine('the admin stories list: headline search and translation states', (database) => {
  const titlesFor = async (filter: { titleContains?: string; storyIds?: number[]; language?: string }) =>
    (await listArticles(database().db, { page: 1, limit: 100, ...filter }, BASE, 'admin')).items.map((a) => a.title).sort();

  it('finds headlines containing the text whatever the case, taking % _ and \\ as themselves', async () => {
    const titles = ['Rates rise 5% in March', 'Rates rise 50 percent', 'snake_case names', 'snakeXcase names', 'C:\\path found', 'C:path lost', 'ÉLECTION à Paris'];
    for (const title of titles) await createArticle(database(), { language: 'en', title }, editor, BASE);
    expect(await titlesFor({ titleContains: 'rates RISE' })).toEqual(['Rates rise 5% in March', 'Rates rise 50 percent']);
    expect(await titlesFor({ titleContains: '5%' })).toEqual(['Rates rise 5% in March']);
    expect(await titlesFor({ titleContains: '%' })).toEqual(['Rates rise 5% in March']);
    expect(await titlesFor({ titleContains: 'snake_case' })).toEqual(['snake_case names']);
    expect(await titlesFor({ titleContains: '_' })).toEqual(['snake_case names']);
    expect(await titlesFor({ titleContains: 'C:\\path' })).toEqual(['C:\\path found']);
    expect(await titlesFor({ titleContains: '\\' })).toEqual(['C:\\path found']);
    expect(await titlesFor({ titleContains: "it's" })).toEqual([]);
    expect(await titlesFor({ titleContains: 'à Paris' })).toEqual(['ÉLECTION à Paris']);
    const page = await listArticles(database().db, { titleContains: 'rates', page: 1, limit: 1 }, BASE, 'admin');
    expect(page.pagination).toEqual({ page: 1, limit: 1, total: 2, pages: 2 });
  });

  it('selects the stories missing, in progress or outdated in some language, by the rules the editor shows', async () => {
    await updateSettings(database().db, { languages: ['en', 'fr'] });
    const alone = await createArticle(database(), { language: 'en', title: 'Only in English' }, editor, BASE);
    const started = await createArticle(database(), { language: 'en', title: 'Translation started' }, editor, BASE);
    const draft = await createTranslation(database(), started.id, { language: 'fr' }, editor, BASE, null);
    const behind = await createArticle(database(), { language: 'en', title: 'Source changed since' }, editor, BASE);
    const translated = await createTranslation(database(), behind.id, { language: 'fr' }, editor, BASE, null);
    const done = await updateArticle(database(), translated.id, { version: translated.version, title: 'Source changée depuis' }, editor, BASE);
    const both = await createArticle(database(), { language: 'en', title: 'Up to date' }, editor, BASE);
    const current = await createTranslation(database(), both.id, { language: 'fr' }, editor, BASE, null);
    await updateArticle(database(), current.id, { version: current.version, title: 'À jour' }, editor, BASE);
    const ours = (ids: number[]) => ids.filter((id) => [alone, started, behind, both].some((a) => a.storyId === id));

    expect(ours(await storiesNeeding(database().db, 'missing'))).toEqual([alone.storyId]);
    expect(ours(await storiesNeeding(database().db, 'in-progress'))).toEqual([started.storyId]);
    expect(ours(await storiesNeeding(database().db, 'outdated'))).toEqual([]);
    expect(done.translationStatus?.find((l) => l.language === 'fr')?.state).toBe('current');

    await updateArticle(database(), behind.id, { version: behind.version, standfirst: 'New words in the original' }, editor, BASE);
    const outdated = await storiesNeeding(database().db, 'outdated');
    expect(ours(outdated)).toEqual([behind.storyId]);
    // The list shows every version of the selected stories, filtered further by language.
    expect(await titlesFor({ storyIds: outdated })).toEqual(['Source changed since', 'Source changée depuis']);
    expect(await titlesFor({ storyIds: await storiesNeeding(database().db, 'in-progress'), language: 'fr' })).toEqual([draft.title]);
    expect(await titlesFor({ storyIds: [] })).toEqual([]);
  });
});
