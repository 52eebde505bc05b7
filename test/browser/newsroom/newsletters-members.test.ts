import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newsroomSuite, signInAs } from './newsroom-server.js';
import { seriousViolations } from './axe.js';

const ghostExport = readFileSync(join(import.meta.dirname, '../../fixtures/members/ghost-members.csv'), 'utf8');

describe('Newsletters and Members screens, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let editor: { id: number; email: string };
  beforeAll(async () => {
    editor = await newsroom.person('editor', 'Eddie Editor');
  });
  beforeEach(async () => {
    page = await newsroom.openPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await signInAs(page, newsroom.url, editor.email);
  });

  it('creates a weekly French newsletter on the site clock, lists it with its members, and edits it', async () => {
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { name: 'Newsletters', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'No newsletters yet' }).waitFor();
    const form = page.getByRole('form', { name: 'New newsletter' });
    await form.getByLabel('Name', { exact: true }).fill('La Semaine');
    await form.getByLabel('Language', { exact: true }).selectOption('fr');
    await form.getByLabel('Sender name').fill('La rédaction');
    await form.getByLabel('A weekly digest').check();
    await form.getByLabel('On', { exact: true }).selectOption({ label: 'Friday' });
    await form.getByLabel(/^At \(site time/).fill('18:30');
    await form.getByRole('button', { name: 'Create newsletter' }).click();
    await page.getByRole('status').filter({ hasText: 'La Semaine was created.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'La Semaine' });
    await row.getByText('Weekly digest on Friday at 18:30').waitFor();
    await row.getByText('0 confirmed members').waitFor();

    await row.getByRole('button', { name: 'Edit La Semaine' }).click();
    const edit = page.getByRole('form', { name: 'Edit La Semaine' });
    await edit.getByLabel('Authors may send their own stories to it').check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Authors may send').waitFor();
    await row.getByRole('button', { name: 'Sends of La Semaine' }).click();
    await page.getByText('Nothing has been sent yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a member with consent, finds and filters them, imports a Ghost export with its report, exports, unsubscribes one from a newsletter, and removes one', async () => {
    const { id: newsletter } = await newsroom.server.database.db
      .insertInto('newsletters')
      .values({ name: 'The Morning', language: 'en', created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await page.goto(`${newsroom.url}/admin/members`);
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.getByText('No members yet').waitFor();

    const add = page.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('E-mail').fill('Ada@Example.com');
    await add.getByLabel('Name').fill('Ada Lovelace');
    await add.getByLabel(/The Morning/).check();
    await add.getByLabel('This person asked to receive these newsletters').check();
    await add.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('status').filter({ hasText: 'ada@example.com was added.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'ada@example.com' }).getByText('The Morning · Confirmed').waitFor();

    const importing = page.getByRole('form', { name: 'Import members' });
    await importing.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(ghostExport) });
    await importing.getByLabel(/The Morning/).check();
    await importing.getByRole('button', { name: 'Import' }).click();
    const report = importing.getByRole('status');
    await report.getByText('Imported from Ghost: 3 new members, 0 updated, 0 unchanged.').waitFor();
    await report.getByText('4 rows could not be read; the others were imported:').waitFor();
    await report.getByText('Line 4: "not-an-address" is not an e-mail address').waitFor();
    await page.getByText('4 members', { exact: true }).waitFor();

    await page.getByLabel('Search members').fill('jonas');
    await page.getByText('1 member', { exact: true }).waitFor();
    await page.getByLabel('Search members').fill('');
    await page.getByLabel('Status', { exact: true }).selectOption('unsubscribed');
    await page.getByLabel('Newsletter', { exact: true }).selectOption(String(newsletter));
    // The count said "1 member" for the search too: wait for the filtered rows themselves.
    await expect.poll(() => page.locator('table.members tbody tr').allInnerTexts()).toEqual([expect.stringContaining('jonas@example.de')]);
    await page.getByText('1 member', { exact: true }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported.trim().split('\r\n')).toEqual([
      // La Semaine is the first test's newsletter.
      'email,name,language,created_at,source,suppressed_at,newsletter:La Semaine [fr],newsletter:The Morning [en]',
      'jonas@example.de,Jonas Weber,en,2023-03-10T08:15:00.000Z,import:ghost,,,unsubscribed',
    ]);

    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Unsubscribe amelie.durand@example.fr from The Morning' }).click();
    await page.getByRole('status').filter({ hasText: 'amelie.durand@example.fr was unsubscribed from The Morning.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'amelie.durand@example.fr' }).getByText('The Morning · Unsubscribed').waitFor();
    await page.getByRole('button', { name: 'Remove ada@example.com' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Remove ada@example.com?' }).waitFor();
    await dialog.getByRole('button', { name: 'Remove ada@example.com' }).click();
    await page.getByRole('status').filter({ hasText: 'ada@example.com was removed.' }).waitFor();
    await page.getByText('3 members', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('is not offered to an author', async () => {
    const author = await newsroom.person('author');
    const other = await newsroom.browser.newContext();
    const authorPage = await other.newPage();
    await signInAs(authorPage, newsroom.url, author.email);
    expect(await authorPage.locator('#admin-sidebar').getByRole('link', { name: 'Members' }).count()).toBe(0);
    expect(await authorPage.locator('#admin-sidebar').getByRole('link', { name: 'Newsletters' }).count()).toBe(0);
    await other.close();
  });

  it("shows each send's recipients as they stand: delivered, failed, waiting, skipped and of unknown outcome", async () => {
    const db = newsroom.server.database.db;
    const now = new Date().toISOString();
    const { id: newsletter } = await db.insertInto('newsletters').values({ name: 'Breaking', language: 'en', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const { id: send } = await db
      .insertInto('newsletter_sends')
      .values({ newsletter_id: newsletter, kind: 'story', subject: 'Harbour reopens', status: 'queued', recipients: 7, created_by: 'user:1', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const states = ['delivered', 'delivered', 'failed', 'pending', 'handed', 'skipped', 'unknown'];
    for (const [i, status] of states.entries()) {
      const { id: member } = await db.insertInto('members').values({ email: `reader${i}@example.org`, language: 'en', source: 'admin', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('newsletter_deliveries').values({ send_id: send, member_id: member, status, next_attempt_at: now }).execute();
    }
    await page.goto(`${newsroom.url}/admin/newsletters`);
    await page.getByRole('row').filter({ hasText: 'Breaking' }).getByRole('button', { name: 'Sends of Breaking' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Harbour reopens' });
    await row.waitFor();
    const cell = (label: string) => row.locator(`td[data-label="${label}"]`).textContent();
    expect([await cell('Recipients'), await cell('Delivered'), await cell('Failed'), await cell('Waiting'), await cell('Skipped'), await cell('Outcome unknown')]).toEqual(['7', '2', '1', '2', '1', '1']);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
