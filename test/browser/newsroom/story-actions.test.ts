import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import type { Role } from '../../../src/people/roles.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { png } from '../../e2e/newsroom/media-files.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** The site's clock, and a browser set to another one, to prove the admin follows the site's. */
const SITE_ZONE = 'Europe/Paris';
const BROWSER_ZONE = 'America/New_York';

describe('what the admin offers on a story or a picture, and what it says when the server refuses', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { timezone: SITE_ZONE });
  });

  const db = () => newsroom.server.database.db;
  const open = async (role: Role, name: string) => {
    const person = await newsroom.person(role, name);
    await page?.context().close();
    page = await newsroom.openPage({ timezoneId: BROWSER_ZONE, viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, newsroom.url, person.email);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    const actor: Actor = { role, userId: person.id, principal: `user:${person.id}`, name };
    return actor;
  };
  const someone = async (role: Role, name: string): Promise<Actor> => {
    const person = await newsroom.person(role, name);
    return { role, userId: person.id, principal: `user:${person.id}`, name };
  };
  const story = (actor: Actor, fields: { title: string; status?: 'draft' | 'published'; authors?: number[] }) =>
    createArticle(newsroom.server.database, { language: 'en', body: '<p>Text.</p>', ...fields }, actor, newsroom.url);

  it("shows a contributor no Update, Publish or Move to trash on someone else's story, only on its own", async () => {
    const editor = await someone('editor', 'Edna Editor');
    const theirs = await story(editor, { title: 'Harbour strike ends', status: 'published' });
    const contributor = await open('contributor', 'Cody Contributor');
    const mine = await story(contributor, { title: 'Market day in Arles' });

    await page.goto(`${newsroom.url}/admin/stories/${theirs.id}`);
    await page.getByRole('note').filter({ hasText: 'You can read this story' }).waitFor();
    const bar = page.locator('.publish-bar');
    const settings = page.getByRole('complementary', { name: 'Story settings' });
    for (const name of [/^Update/, /^Save draft/, 'Publish…', 'Schedule…', 'Unpublish']) {
      expect(await bar.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    expect(await settings.getByRole('button', { name: 'Move to trash' }).count()).toBe(0);
    expect(await page.getByPlaceholder('Headline').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('textbox', { name: 'Story text' }).getAttribute('contenteditable')).toBe('false');

    await page.goto(`${newsroom.url}/admin/stories/${mine.id}`);
    await bar.getByRole('button', { name: /^Save draft/ }).waitFor();
    expect(await settings.getByRole('button', { name: 'Move to trash' }).count()).toBe(1);
    expect(await bar.getByRole('button', { name: 'Publish…' }).count()).toBe(0);

    // The list offers the trash on the contributor's own story only.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('button', { name: `Move to trash: ${mine.title}` }).waitFor();
    expect(await page.getByRole('button', { name: `Move to trash: ${theirs.title}` }).count()).toBe(0);
  });

  it('shows a refused save and a refused trash on screen, in an alert, not only in the console', async () => {
    const contributor = await open('contributor', 'Cleo Contributor');
    const draft = await story(contributor, { title: 'Lifeboat crew honoured' });
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    await page.locator('.publish-bar').getByRole('button', { name: /^Save draft/ }).waitFor();
    // While the contributor has the draft open, an editor publishes it.
    const editor = await someone('editor', 'Eli Editor');
    await publishArticle(newsroom.server.database, draft.id, editor, newsroom.url);
    await page.getByPlaceholder('Headline').fill('Lifeboat crew honoured in Marseille');
    await page.getByRole('button', { name: /^Save draft/ }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.first().textContent()).toMatch(/A contributor may not change a story once it is scheduled or published/);
    expect(await alert.first().isVisible()).toBe(true);

    // An author's own story handed to someone else meanwhile: moving it to the trash is refused.
    const author = await open('author', 'Ada Author');
    const own = await story(author, { title: 'Ferry timetable changes' });
    await page.goto(`${newsroom.url}/admin/stories/${own.id}`);
    await page.getByRole('complementary', { name: 'Story settings' }).getByRole('button', { name: 'Move to trash' }).waitFor();
    await db().updateTable('articles').set({ created_by: editor.principal }).where('id', '=', own.id).execute();
    await db().updateTable('article_authors').set({ user_id: editor.userId! }).where('article_id', '=', own.id).execute();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Your role (Author) may only move your own stories to the trash.');
    expect(page.url()).toContain(`/admin/stories/${own.id}`);
    expect((await db().selectFrom('articles').select('deleted_at').where('id', '=', own.id).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it("schedules on the site's clock from a browser on another one, in summer and in winter, and shows the zone", async () => {
    await open('administrator', 'Ari Admin');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(BROWSER_ZONE);
    await page.goto(`${newsroom.url}/admin/stories/new?language=en`);
    await page.getByPlaceholder('Headline').fill('Summer festival opens');
    await page.getByRole('button', { name: /^Save draft/ }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const year = new Date().getUTCFullYear() + 1;

    const schedule = async (typed: string, shown: string) => {
      // A draft's one way out is "Publish…"; a scheduled story's, "Schedule…" (another time, or now).
      await page.locator('.publish-bar').getByRole('button', { name: /^(Publish|Schedule)…$/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Publish this story' });
      await dialog.getByRole('radio', { name: /Schedule for later/ }).check();
      await dialog.getByLabel(`Publish at (${SITE_ZONE} time)`).fill(typed);
      await dialog.getByRole('button', { name: 'Continue' }).click();
      const confirmation = page.getByRole('dialog', { name: 'Ready to go out?' });
      expect(await confirmation.textContent()).toContain(`Schedule “\u2068Summer festival opens\u2069” for ${shown} on the English site.`);
      await confirmation.getByRole('button', { name: 'Schedule', exact: true }).click();
      await expect.poll(() => page.locator('.publish-bar .badge').textContent()).toBe('scheduled');
      await expect.poll(async () => (await db().selectFrom('articles').select('publish_at').where('id', '=', id).executeTakeFirstOrThrow()).publish_at).toContain(typed.slice(0, 10));
      return (await db().selectFrom('articles').select('publish_at').where('id', '=', id).executeTakeFirstOrThrow()).publish_at;
    };
    // Paris is two hours ahead of UTC in July, one in December; New York is behind both.
    expect(await schedule(`${year}-07-01T14:05`, `1 Jul ${year}, 14:05 (${SITE_ZONE})`)).toBe(`${year}-07-01T12:05:00.000Z`);
    await expect.poll(() => page.locator('.publish-bar').textContent()).toContain(`for 1 Jul ${year}, 14:05 (${SITE_ZONE})`);
    expect(await schedule(`${year}-12-03T14:05`, `3 Dec ${year}, 14:05 (${SITE_ZONE})`)).toBe(`${year}-12-03T13:05:00.000Z`);
    await expect.poll(() => page.locator('.publish-bar').textContent()).toContain(`for 3 Dec ${year}, 14:05 (${SITE_ZONE})`);

    // The list says the same, with the zone.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Stories' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Summer festival opens/ }).textContent()).toContain(`3 Dec ${year}, 14:05 (${SITE_ZONE})`);

    // The source's publication time names the site's zone and is read on the site's clock (UTC+1 in January).
    await page.goto(`${newsroom.url}/admin/stories/${id}`);
    const settings = page.getByRole('complementary', { name: 'Story settings' });
    await settings.getByLabel('Publication').fill('Agence Exemple');
    await settings.getByLabel(`Published (${SITE_ZONE} time)`).fill(`${year}-01-15T09:30`);
    await page.keyboard.press('Control+s');
    await expect
      .poll(async () => (await db().selectFrom('articles').select('source_published_at').where('id', '=', id).executeTakeFirstOrThrow()).source_published_at)
      .toBe(`${year}-01-15T08:30:00.000Z`);
    await page.reload();
    expect(await settings.getByLabel(`Published (${SITE_ZONE} time)`).inputValue()).toBe(`${year}-01-15T09:30`);
  });

  it("offers an author Save on its own picture only, and says why not on someone else's", async () => {
    const upload = async (name: string, width: number) => {
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Media' }).click();
      await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: await png(width, 90) });
      await page.getByTitle(name).waitFor();
    };
    await open('administrator', 'Ava Admin');
    await upload('harbour-admin.png', 161);
    await open('author', 'Abe Author');
    await upload('market-author.png', 162);

    await page.getByTitle('market-author.png').click();
    const form = page.getByRole('form', { name: 'Describe the picture' });
    await form.getByLabel('Alternative text').fill('Stalls in the square');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await db().selectFrom('media').select('alt').where('original_name', '=', 'market-author.png').executeTakeFirstOrThrow()).alt).toBe('Stalls in the square');

    await page.getByTitle('harbour-admin.png').click();
    await form.getByRole('note').filter({ hasText: 'an editor can' }).waitFor();
    expect(await form.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await form.getByLabel('Alternative text').getAttribute('readonly')).not.toBeNull();
  });
});
