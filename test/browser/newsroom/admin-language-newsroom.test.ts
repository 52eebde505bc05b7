import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { createSection } from '../../../src/content/sections.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const EDITOR_ACTOR = { role: 'editor', userId: null, principal: 'test', name: 'Test' } as const;

describe('People, Settings and Sections and tags in the newsroom’s language, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let admin: { id: number; email: string };
  beforeAll(async () => {
    admin = await newsroom.person('administrator', 'Ada Admin');
    // Four top-level sections in the menu, which shows one: three do not fit.
    for (const name of ['World', 'Sport', 'Weather', 'Culture']) await createSection(newsroom.server.database, EDITOR_ACTOR, { names: { en: { name } } });
    await updateSettings(newsroom.server.database.db, { menuSections: 1 });
  });

  const readsIn = async (language: string, viewport: { width: number; height: number }) => {
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', admin.id).execute();
    page = await newsroom.openPage({ viewport });
    await signInAs(page, newsroom.url, admin.email);
  };
  const open = async (path: string, heading: string) => {
    await page.goto(`${newsroom.url}/admin${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const shown = () => page.locator('main').innerText();
  const englishLeft = async (words: string[]) => {
    const text = await shown();
    return words.filter((word) => text.includes(word));
  };
  const fitsSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  describe('in French, on a desktop', () => {
    beforeEach(() => readsIn('fr', { width: 1280, height: 800 }));

    it('People names its columns, roles, invitation and API access in French', async () => {
      await open('/people', 'Équipe');
      await page.getByRole('heading', { name: 'Inviter quelqu’un' }).waitFor();
      await page.getByRole('heading', { name: 'Jetons de l’API d’administration' }).waitFor();
      await page.getByRole('heading', { name: 'Clés de l’API de contenu' }).waitFor();
      expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Nom', 'E-mail', 'Rôle', '']);
      expect(await page.getByLabel('Rôle du jeton').locator('option').allTextContents()).toEqual(['Contributeur', 'Auteur', 'Éditeur', 'Administrateur']);
      expect(await page.getByRole('button', { name: 'Inviter', exact: true }).count()).toBe(1);
      expect(await englishLeft(['Invite someone', 'Admin API tokens', 'Content API keys', 'Sign out everywhere', 'Create token', 'Create key', 'Only you so far'])).toEqual([]);
    });

    it('Settings names the site, its languages (in French), its clock and machine translation in French', async () => {
      await open('/settings', 'Réglages');
      const site = page.getByRole('form', { name: 'Site' });
      await site.getByLabel('Fuseau horaire').waitFor();
      await site.getByText('anglais — English (en)').waitFor();
      await site.getByRole('button', { name: 'Supprimer fr' }).waitFor();
      await page.getByRole('heading', { name: 'Traduction automatique' }).waitFor();
      expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(2);
      expect(await englishLeft(['Time zone', 'Machine translation', 'Largest upload', 'Upload a logo', 'Address of the site', 'Now there'])).toEqual([]);
    });

    it('Sections and tags says in French how many ticked sections do not fit the menu', async () => {
      await open('/taxonomy', 'Rubriques et mots-clés');
      await page.getByText('3 rubriques cochées ne tiennent pas.').waitFor();
      await page.getByLabel('World dans le menu').waitFor();
      await page.getByRole('button', { name: 'Ajouter la rubrique' }).waitFor();
      expect(await englishLeft(['Add section', 'In menu', 'do not fit', 'No tags in this language yet', 'Delete'])).toEqual([]);
    });
  });

  describe('in Arabic, on a phone', () => {
    beforeEach(() => readsIn('ar', { width: 390, height: 844 }));
    const rightToLeft = async () => {
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await fitsSideways()).toBe(true);
    };

    it('People removes someone and counts their stories’ language versions in the dual', async () => {
      const leaving = await newsroom.person('author', 'Leo Leaving');
      const actor = { role: 'author', userId: leaving.id, principal: `user:${leaving.id}`, name: 'Leo Leaving' } as const;
      const english = await createArticle(newsroom.server.database, { language: 'en', title: 'Port strike', authors: [leaving.id] }, actor, newsroom.url);
      await createArticle(newsroom.server.database, { language: 'fr', title: 'Grève au port', authors: [leaving.id], translationOf: english.id }, actor, newsroom.url);
      await open('/people', 'الفريق');
      await rightToLeft();
      await page.getByRole('heading', { name: 'دعوة شخص' }).waitFor();
      await page.getByRole('button', { name: 'إزالة Leo Leaving' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'إزالة Leo Leaving؟' }).waitFor();
      expect(await dialog.getByLabel('تنتقل قصصه، بكل اللغات، إلى').locator('option').allTextContents()).toEqual(['Ada Admin (مدير)']);
      await dialog.getByRole('button', { name: 'إزالة Leo Leaving' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('تمت إزالة Leo Leaving. انتقلت قصصه إلى Ada Admin (نسختان لغويتان).');
      await rightToLeft();
      expect(await englishLeft(['Invite someone', 'Admin API tokens', 'Sign out everywhere', 'was removed', 'language version'])).toEqual([]);
    });

    it('Settings is in Arabic and holds on a phone', async () => {
      await open('/settings', 'الإعدادات');
      await rightToLeft();
      await page.getByRole('form', { name: 'الموقع' }).getByLabel('المنطقة الزمنية').waitFor();
      await page.getByRole('heading', { name: 'الترجمة الآلية' }).waitFor();
      expect(await englishLeft(['Time zone', 'Machine translation', 'Languages', 'Upload a logo', 'Saved.'])).toEqual([]);
    });

    it('Sections and tags counts the sections that do not fit in Arabic’s forms: three, then two', async () => {
      await open('/taxonomy', 'الأقسام والوسوم');
      await rightToLeft();
      await page.getByText('3 أقسام محدّدة لا تتسع لها القائمة.').waitFor();
      await updateSettings(newsroom.server.database.db, { menuSections: 2 });
      await page.reload();
      await page.getByText('قسمان محدّدان لا تتسع لهما القائمة.').waitFor();
      await page.getByLabel('World في القائمة').waitFor();
      await rightToLeft();
      expect(await englishLeft(['Sections', 'In menu', 'Add section', 'do not fit', 'Tags'])).toEqual([]);
      await updateSettings(newsroom.server.database.db, { menuSections: 1 });
    });
  });
});
