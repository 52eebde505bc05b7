import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminText } from '../../../src/admin/i18n/index.js';
import { createArticle, publishArticle } from '../../../src/content/articles.service.js';
import { submitForReview } from '../../../src/content/review.service.js';
import { createMailer } from '../../../src/core/mail.js';
import type { InterfaceLanguage } from '../../../src/core/interface-text.js';
import type { Actor } from '../../../src/people/permissions.js';
import type { Role } from '../../../src/people/roles.js';
import { newsroomSuite, shoot, signInAs } from './newsroom-server.js';

const FRENCH = adminText('fr');
const ARABIC = adminText('ar');

describe("the server's refusals, shown in the person's interface language", () => {
  const newsroom = newsroomSuite();
  const db = () => newsroom.server.database.db;

  /** Someone reading the admin in `language`, signed in on a page of their own. */
  const signedIn = async (role: Role, name: string, language: InterfaceLanguage): Promise<{ actor: Actor; page: Page }> => {
    const person = await newsroom.person(role, name);
    await db().updateTable('users').set({ interface_language: language }).where('id', '=', person.id).execute();
    const page = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, newsroom.url, person.email);
    return { actor: { role, userId: person.id, principal: `user:${person.id}`, name }, page };
  };
  const someone = async (role: Role, name: string): Promise<Actor> => {
    const person = await newsroom.person(role, name);
    return { role, userId: person.id, principal: `user:${person.id}`, name };
  };
  const alertText = (page: Page) => page.getByRole('alert').first().textContent();

  it('tells a French contributor why a save is refused, and a French editor which field is missing', async () => {
    const { actor: contributor, page } = await signedIn('contributor', 'Camille Contributrice', 'fr');
    const draft = await createArticle(newsroom.server.database, { language: 'fr', title: 'Le port rouvre' }, contributor, newsroom.url);
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    await page.locator('.publish-bar').getByRole('button', { name: new RegExp(`^${FRENCH.editor.saveDraft}`) }).waitFor();
    // While the contributor has the draft open, an editor publishes it: the save is refused.
    const editor = await someone('editor', 'Edgar Éditeur');
    await publishArticle(newsroom.server.database, draft.id, editor, newsroom.url);
    await page.getByPlaceholder(FRENCH.editor.headline).fill('Le port rouvre ce matin');
    await page.getByRole('button', { name: new RegExp(`^${FRENCH.editor.saveDraft}`) }).click();
    await expect.poll(() => alertText(page)).toBe('Un contributeur ne peut plus modifier un article une fois programmé ou publié.');

    // A draft waiting for review, sent back without the note the server requires.
    const submitted = await createArticle(newsroom.server.database, { language: 'fr', title: 'La criée ferme' }, contributor, newsroom.url);
    const quiet = { mailer: createMailer({ info: () => {} }, { smtpUrl: undefined, from: 'herald@herald.test' }), mailFailed: () => {} };
    await submitForReview(newsroom.server.database, submitted.id, contributor, newsroom.url, quiet);
    const { page: editorPage } = await signedIn('editor', 'Élodie Éditrice', 'fr');
    await editorPage.goto(`${newsroom.url}/admin/stories/${submitted.id}`);
    await editorPage.getByRole('region', { name: FRENCH.review.region }).getByRole('button', { name: FRENCH.review.sendBack }).click();
    const dialog = editorPage.getByRole('dialog');
    await dialog.getByRole('button', { name: FRENCH.format(FRENCH.review.confirmSendBack, { name: 'Camille Contributrice' }) }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Certains champs demandent une autre valeur. Note : Obligatoire.');
    expect(await dialog.locator('small.fault').textContent()).toBe('Obligatoire.');
    await shoot(editorPage, 'refusal-french-fields');
  });

  it('tells an Arabic author, right to left, that only its own stories go to the trash', async () => {
    const { actor: author, page } = await signedIn('author', 'Amal Author', 'ar');
    const own = await createArticle(newsroom.server.database, { language: 'en', title: 'Ferry timetable changes' }, author, newsroom.url);
    await page.goto(`${newsroom.url}/admin/stories/${own.id}`);
    const trash = page.getByRole('complementary', { name: ARABIC.editor.storySettings }).getByRole('button', { name: ARABIC.editor.moveToTrash });
    await trash.waitFor();
    // Meanwhile the story is handed to an editor: moving it to the trash is refused.
    const editor = await someone('editor', 'Eli Editor');
    await db().updateTable('articles').set({ created_by: editor.principal }).where('id', '=', own.id).execute();
    await db().updateTable('article_authors').set({ user_id: editor.userId! }).where('article_id', '=', own.id).execute();
    await trash.click();
    await expect.poll(() => alertText(page)).toBe('دورك (كاتب) يسمح بنقل قصصك أنت فقط إلى سلة المهملات.');
    expect(await page.getByRole('alert').first().evaluate((alert) => getComputedStyle(alert).direction)).toBe('rtl');
    await shoot(page, 'refusal-arabic');
    expect((await db().selectFrom('articles').select('deleted_at').where('id', '=', own.id).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it('tells someone whose browser reads Arabic, on the sign-in screen, that the password is wrong', async () => {
    const person = await newsroom.person('editor', 'Nadia Editor');
    const page = await newsroom.openPage({ locale: 'ar', viewport: { width: 390, height: 844 } });
    await page.goto(`${newsroom.url}/admin/`);
    await page.getByLabel(ARABIC.signIn.email).fill(person.email);
    await page.getByLabel(ARABIC.signIn.password).fill('not the password');
    await page.getByRole('button', { name: ARABIC.signIn.signIn }).click();
    await expect.poll(() => alertText(page)).toBe('البريد الإلكتروني أو كلمة المرور خاطئ.');
  });
});
