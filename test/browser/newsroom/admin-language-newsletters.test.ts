import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../../src/members/members.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('Newsletters and Members in the newsroom’s language, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let editor: { id: number; email: string };
  beforeAll(async () => {
    editor = await newsroom.person('editor', 'Eddie Editor');
    const db = newsroom.server.database.db;
    const now = new Date().toISOString();
    const newsletter = async (name: string, language: string, cadence: string) =>
      (await db.insertInto('newsletters').values({ name, language, cadence, send_time: '18:30', send_weekday: 5, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = await newsletter('La Semaine', 'fr', 'weekly');
    const daily = await newsletter('The Morning', 'en', 'daily');
    // Two confirmed members of one, three of the other: Arabic's dual and its plural of three to ten.
    for (const [i, ids] of [[weekly], [weekly, daily], [daily], [daily]].entries()) {
      await createMember(db, { email: `reader${i}@example.com`, newsletters: ids, consent: true });
    }
  });

  const readsIn = async (language: string, viewport: { width: number; height: number }) => {
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', editor.id).execute();
    page = await newsroom.openPage({ viewport });
    await signInAs(page, newsroom.url, editor.email);
  };
  const open = async (path: string, heading: string) => {
    await page.goto(`${newsroom.url}/admin${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const englishLeft = async (words: string[]) => {
    const text = await page.locator('main').innerText();
    return words.filter((word) => text.includes(word));
  };
  const rightToLeft = async () => {
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  };
  const ENGLISH = ['New newsletter', 'Weekly digest', 'confirmed member', 'How stories go out', 'Create newsletter', 'Add a member', 'Import members', 'Export CSV', 'Search members', 'Confirmed'];

  it('in French on a desktop: the newsletters with their rhythm and members, and the members with their forms', async () => {
    await readsIn('fr', { width: 1280, height: 800 });
    await open('/newsletters', 'Newsletters');
    const row = page.getByRole('row').filter({ hasText: 'La Semaine' });
    await row.getByText('Condensé hebdomadaire le vendredi à 18:30').waitFor();
    await row.getByText('2 membres confirmés').waitFor();
    await page.getByRole('form', { name: 'Nouvelle newsletter' }).getByRole('button', { name: 'Créer la newsletter' }).waitFor();
    await row.getByRole('button', { name: 'Envois de La Semaine' }).click();
    await page.getByText('Rien n’a encore été envoyé.').waitFor();
    expect(await englishLeft(ENGLISH)).toEqual([]);

    await open('/members', 'Membres');
    await page.getByText('4 membres', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Exporter en CSV' }).waitFor();
    await page.getByRole('form', { name: 'Ajouter un membre' }).getByLabel('Cette personne a demandé à recevoir ces newsletters').waitFor();
    await page.getByRole('form', { name: 'Importer des membres' }).getByRole('button', { name: 'Importer' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'reader1@example.com' }).getByText('La Semaine · Confirmé').waitFor();
    expect(await englishLeft(ENGLISH)).toEqual([]);
  });

  it('in Arabic on a phone: right to left, counted in the dual and the plural of few, nothing sideways', async () => {
    await readsIn('ar', { width: 390, height: 844 });
    await open('/newsletters', 'النشرات البريدية');
    await rightToLeft();
    await page.getByRole('row').filter({ hasText: 'La Semaine' }).getByText('عضوان مؤكَّدان').waitFor();
    await page.getByRole('row').filter({ hasText: 'The Morning' }).getByText('3 أعضاء مؤكَّدين').waitFor();
    await page.getByRole('row').filter({ hasText: 'The Morning' }).getByText('موجز يومي عند 18:30').waitFor();
    await page.getByRole('form', { name: 'نشرة بريدية جديدة' }).waitFor();
    expect(await englishLeft(ENGLISH)).toEqual([]);

    await open('/members', 'الأعضاء');
    await rightToLeft();
    await page.getByText('4 أعضاء', { exact: true }).waitFor();
    await page.getByLabel('البحث في الأعضاء').fill('reader1');
    await page.getByText('عضو واحد', { exact: true }).waitFor();
    await page.getByRole('form', { name: 'استيراد الأعضاء' }).waitFor();
    await rightToLeft();
    expect(await englishLeft(ENGLISH)).toEqual([]);
  });
});
