import { describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { blockText } from '../../../src/content/block-text.js';
import { suggestTags } from '../../../src/content/suggestions.js';
import { caretAtEndOf } from './caret.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

// Paragraphs that end and begin with names, and a picture whose credit names a photographer and a paper.
const BODY =
  '<p>La Métropole publie ses chiffres</p><p>Selon la Métropole, le lac Léman reste propre. Le lac attire les baigneurs.</p>' +
  '<figure><img src="/media/lac.jpg" alt="Le lac"><figcaption>Le lac Léman au matin. <small class="credit">Jean Photo / Courrier Picard</small></figcaption></figure>' +
  '<p>Les baigneurs reviennent au lac Léman</p><p>Ce matin, la Métropole a confirmé les chiffres.</p>';

/** Two words run together ("LémanCe") or across a full stop ("baigneurs.le"). */
const GLUED = /\p{Ll}\p{Lu}|\p{L}\.\p{L}/u;

describe('tag suggestions in the editor: whole words, none from a picture credit', () => {
  const newsroom = newsroomSuite();

  it('suggests from the paragraphs, keeping them apart, and leaves the credit out, before and after typing', async () => {
    // Read with its captions, this text does suggest the credit: the editor must not read them.
    expect(suggestTags(blockText(BODY, { captions: true }), 'fr', 8)).toEqual(expect.arrayContaining(['Jean Photo', 'Courrier Picard']));
    const person = await newsroom.person('editor', 'Élise Éditrice');
    const actor = { role: 'editor' as const, userId: person.id, principal: `user:${person.id}`, name: 'Élise Éditrice' };
    const story = await createArticle(newsroom.server.database, { language: 'fr', title: 'Le bilan de l’été', body: BODY }, actor, newsroom.url);
    const page = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    await signInAs(page, newsroom.url, person.email);
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const suggested = page.getByLabel('Suggested tags').getByRole('button');
    const names = async () => (await suggested.allTextContents()).map((text) => text.replace(/^\+\s*/, ''));
    const check = (tags: string[]) => {
      expect(tags).toEqual(expect.arrayContaining(['Métropole', 'Léman']));
      expect(tags.filter((tag) => GLUED.test(tag)), 'words glued across blocks').toEqual([]);
      expect(tags.filter((tag) => /Jean|Photo|Courrier|Picard/.test(tag)), 'words of the credit').toEqual([]);
    };
    await expect.poll(names, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Métropole']));
    check(await names());

    // Once typed in, the text comes from the editor itself rather than from the stored body.
    const body = page.getByRole('textbox', { name: 'Story text' });
    await caretAtEndOf(page, body.getByText('Ce matin, la Métropole a confirmé les chiffres.'));
    await page.keyboard.press('Enter');
    await page.keyboard.type('Annecy Plage');
    await expect.poll(names, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Annecy Plage']));
    check(await names());
  });
});
