import { expect, it } from 'vitest';
import { createArticle, getArticle, listRevisions, updateArticle } from '../../src/content/articles.service.js';
import { addCorrection, publicCorrections, removeCorrection, updateCorrection } from '../../src/content/corrections.service.js';
import { createTranslation, languageStatuses } from '../../src/content/translations.service.js';
import type { AppError } from '../../src/core/errors.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: AppError) => caught,
  );
  if (!error) throw new Error('expected a refusal');
  return error;
}

describeEachEngine('corrections and updates', (database) => {
  const store = () => database();
  const db = () => database().db;
  const stateOf = async (id: number, language: string) => (await languageStatuses(db(), id)).find((l) => l.language === language)!.state;

  it('a correction is a new version of the story: dated now, kept in a revision, and its translations become outdated until they carry it over', async () => {
    await updateSettings(db(), { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    const original = await createArticle(store(), { language: 'en', title: 'Dam opens', body: '<p>It holds 3 million m³.</p>', status: 'published', publishedAt: '2026-12-01T08:00:00Z' }, editor, BASE);
    const french = await createTranslation(store(), original.id, { language: 'fr' }, editor, BASE, null);
    await updateArticle(store(), french.id, { version: french.version, title: 'Le barrage ouvre', body: '<p>Il retient 3 millions de m³.</p>', status: 'published' }, editor, BASE);
    expect(await stateOf(original.id, 'fr')).toBe('current');

    const before = Date.now();
    const corrected = await addCorrection(store(), original.id, { kind: 'correction', text: '  An earlier version gave the capacity as 3 million m³; it is 30 million m³.  ' }, editor, BASE);
    expect(corrected.corrections).toHaveLength(1);
    const [note] = corrected.corrections;
    expect(note).toMatchObject({ kind: 'correction', text: 'An earlier version gave the capacity as 3 million m³; it is 30 million m³.', sourceCorrectionId: null });
    expect(Date.parse(note.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    // dateModified (updatedAt) moves to the note's time; the version is a new one with a revision.
    expect(corrected.updatedAt).toBe(note.publishedAt);
    expect(corrected.version).toBe(original.version + 1);
    const revisions = await listRevisions(db(), original.id);
    expect(revisions[0].version).toBe(corrected.version);
    expect(revisions[0].article.corrections).toEqual(corrected.corrections);

    expect(await stateOf(original.id, 'fr')).toBe('outdated');
    expect(await stateOf(original.id, 'en')).toBe('original');
    // The French version carries the note over: it is up to date again.
    const carried = await addCorrection(store(), french.id, { kind: 'correction', text: 'Une version précédente indiquait 3 millions de m³ ; il s’agit de 30 millions.', publishedAt: note.publishedAt, sourceCorrectionId: note.id }, editor, BASE);
    expect(carried.corrections[0].sourceCorrectionId).toBe(note.id);
    expect(await stateOf(original.id, 'fr')).toBe('current');

    // An update note changes the story too.
    const updated = await addCorrection(store(), original.id, { kind: 'update', text: 'The dam was officially inaugurated on Friday.' }, editor, BASE);
    expect(updated.corrections.map((c) => c.kind)).toEqual(['correction', 'update']);
    expect(await stateOf(original.id, 'fr')).toBe('outdated');

    const listed = await publicCorrections(db(), 'en', 1, 10, BASE);
    expect(listed.items.map((c) => c.kind)).toEqual(['update', 'correction']);
    expect(listed.items[0].article).toEqual({ id: original.id, title: 'Dam opens', path: corrected.path, url: corrected.url });
    expect((await publicCorrections(db(), 'fr', 1, 10, BASE)).items.map((c) => c.article.id)).toEqual([french.id]);
    const firstPage = await publicCorrections(db(), 'en', 1, 1, BASE);
    const secondPage = await publicCorrections(db(), 'en', 2, 1, BASE);
    expect([firstPage.hasMore, secondPage.hasMore]).toEqual([true, false]);
    expect(secondPage.items[0].id).toBe(note.id);

    const edited = await updateCorrection(store(), original.id, note.id, { text: 'The capacity is 30 million m³, not 3 million.' }, editor, BASE);
    expect(edited.corrections[0]).toMatchObject({ id: note.id, kind: 'correction', text: 'The capacity is 30 million m³, not 3 million.', publishedAt: note.publishedAt });
    const removed = await removeCorrection(store(), original.id, edited.corrections[1].id, editor, BASE);
    expect(removed.corrections.map((c) => c.id)).toEqual([note.id]);
    expect((await getArticle(db(), original.id, BASE, 'public')).corrections).toHaveLength(1);
  });

  it('refuses a note on a draft, an empty or over-long text, an unknown kind, a time in the future or before publication, and a foreign source note', async () => {
    await updateSettings(db(), { languages: ['en', 'fr'], defaultLanguage: 'en' });
    const draft = await createArticle(store(), { language: 'en', title: 'Not out yet', body: '<p>Soon.</p>' }, editor, BASE);
    expect((await refusal(addCorrection(store(), draft.id, { kind: 'correction', text: 'Wrong.' }, editor, BASE))).status).toBe(409);

    const story = await createArticle(store(), { language: 'en', title: 'Out', body: '<p>Now.</p>', status: 'published', publishedAt: '2026-12-01T08:00:00Z' }, editor, BASE);
    const other = await createArticle(store(), { language: 'en', title: 'Other', body: '<p>Else.</p>', status: 'published' }, editor, BASE);
    const foreign = (await addCorrection(store(), other.id, { kind: 'update', text: 'More.' }, editor, BASE)).corrections[0];
    const cases: Array<[Parameters<typeof addCorrection>[2], string]> = [
      [{ kind: 'correction', text: '   ' }, 'text'],
      [{ kind: 'correction', text: 'x'.repeat(2001) }, 'text'],
      [{ kind: 'erratum' as never, text: 'Wrong.' }, 'kind'],
      [{ kind: 'correction', text: 'Wrong.', publishedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'publishedAt'],
      [{ kind: 'correction', text: 'Wrong.', publishedAt: '2026-11-30T08:00:00Z' }, 'publishedAt'],
      [{ kind: 'correction', text: 'Wrong.', publishedAt: 'yesterday' }, 'publishedAt'],
      [{ kind: 'correction', text: 'Wrong.', sourceCorrectionId: foreign.id }, 'sourceCorrectionId'],
    ];
    for (const [input, field] of cases) {
      const error = await refusal(addCorrection(store(), story.id, input, editor, BASE));
      expect([error.status, error.fields?.map((f) => f.field)]).toEqual([400, [field]]);
    }
    // Nothing was written: the story is as it was.
    const after = await getArticle(db(), story.id, BASE);
    expect([after.version, after.corrections]).toEqual([story.version, []]);
    expect((await refusal(updateCorrection(store(), story.id, foreign.id, { text: 'Mine now.' }, editor, BASE))).status).toBe(404);
  });
});
