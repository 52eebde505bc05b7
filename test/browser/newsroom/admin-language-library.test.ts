import sharp from 'sharp';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImage } from '../../../src/media/media.service.js';
import { createLink } from '../../../src/people/links.service.js';
import { PartnerFeed } from '../../support/partner-feed.js';
import { newsroomSuite, PASSWORD, signInAs } from './newsroom-server.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

/** How far the document reaches past the viewport sideways (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** English these screens showed before they were translated: none of it may be left in French or Arabic. */
const ENGLISH = [
  'Sign in',
  'Forgot your password?',
  'Send me a link',
  'Every picture of the site',
  'Search by name',
  'Alternative text',
  'Focal point',
  'Partner feeds',
  'Follow a feed',
  'Read now',
  'new stories',
  'From WordPress',
  'Copy the pictures',
  'Imported:',
  'Cancel',
];

async function expectNoEnglish(page: Page) {
  const text = await page.locator('main').innerText();
  for (const english of ENGLISH) expect(text, english).not.toContain(english);
}

describe('the media library, partner feeds, import and the screens before sign-in, in French and Arabic', () => {
  const newsroom = newsroomSuite();
  let partner: PartnerFeed;
  const wxr = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;

  beforeAll(async () => {
    partner = new PartnerFeed();
    await partner.start();
    partner.items = [
      { guid: 'wire-1', title: 'Harbour reopens after the storm', body: '<p>The harbour reopened.</p>', date: '2026-11-20T08:00:00Z' },
      { guid: 'wire-2', title: 'Ferry timetable changes', body: '<p>New times from Monday.</p>', date: '2026-11-21T08:00:00Z' },
    ];
    const editor = await newsroom.person('editor', 'Léa Library');
    const picture = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#4070a0' } }).png().toBuffer();
    const { database } = newsroom.server;
    await uploadImage(database, newsroom.server.app.herald.config, { data: picture, filename: 'harbour.png', mimeType: 'image/png' }, { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Léa Library' });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => partner?.server.close(() => resolve()));
  });

  /** A signed-in administrator whose chosen admin language is `language`, in a browser set to English. */
  async function administrator(language: 'fr' | 'ar', options: BrowserContextOptions): Promise<Page> {
    const { id, email } = await newsroom.person('administrator', `Admin ${language}`);
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', id).execute();
    const page = await newsroom.openPage({ ...options, locale: 'en-GB' });
    page.setDefaultTimeout(10_000);
    await signInAs(page, newsroom.url, email);
    return page;
  }

  const open = async (page: Page, path: string) => {
    await page.goto(`${newsroom.url}/admin${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
  };

  it('shows sign-in, the reset request and a one-time link in the browser’s language, before anyone signs in', async () => {
    const { id, email } = await newsroom.person('editor', 'Rémi Reset');
    const french = await newsroom.openPage({ ...DESKTOP, locale: 'fr-FR' });
    await french.goto(`${newsroom.url}/admin/`);
    await french.getByRole('heading', { name: 'Se connecter' }).waitFor();
    expect(await french.getByLabel('Adresse e-mail').count()).toBe(1);
    expect(await french.getByLabel('Mot de passe').count()).toBe(1);
    await expectNoEnglish(french);
    await french.getByRole('link', { name: /^Mot de passe oublié\s\?$/ }).click();
    await french.getByRole('heading', { name: 'Réinitialiser votre mot de passe' }).waitFor();
    await french.getByRole('button', { name: 'Envoyez-moi un lien' }).waitFor();
    await expectNoEnglish(french);
    const { token } = await createLink(newsroom.server.database.db, 'reset', id, 'test');
    await french.goto(`${newsroom.url}/admin/link/${token}`);
    await french.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
    expect(await french.locator('main p').first().textContent()).toBe(`Pour ${email} (Éditeur)`);
    await french.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).waitFor();
    await french.context().close();

    const arabic = await newsroom.openPage({ ...PHONE, locale: 'ar' });
    await arabic.goto(`${newsroom.url}/admin/`);
    await arabic.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await arabic.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await expectNoEnglish(arabic);
    expect(await sidewaysOverflow(arabic)).toBe(0);
    // Signing in with the Arabic labels: the admin then follows the browser, still in Arabic.
    await arabic.getByLabel('البريد الإلكتروني').fill(email);
    await arabic.getByLabel('كلمة المرور').fill(PASSWORD);
    await arabic.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await arabic.getByRole('button', { name: 'القائمة' }).waitFor();
    await open(arabic, `/link/${(await createLink(newsroom.server.database.db, 'reset', id, 'test')).token}`);
    expect(await arabic.getByRole('heading', { level: 1 }).textContent()).toBe('اختيار كلمة مرور جديدة');
    expect(await sidewaysOverflow(arabic)).toBe(0);
    await arabic.context().close();
  });

  it('shows the media library, partner feeds and import in French, with French counts', async () => {
    const page = await administrator('fr', DESKTOP);
    await open(page, '/media');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Médias');
    await page.getByRole('searchbox', { name: 'Rechercher dans les médias' }).waitFor();
    await page.getByText('sans texte alternatif').waitFor();
    await page.getByRole('button', { name: 'harbour.png' }).click();
    const form = page.getByRole('form', { name: 'Décrire l’image' });
    await form.getByLabel('Texte alternatif').fill('Le port au matin');
    await form.getByRole('button', { name: /^Point focal\s: 50\s?% depuis la gauche/ }).waitFor();
    await expectNoEnglish(page);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('sans texte alternatif').count()).toBe(0);
    await page.getByRole('searchbox').fill('zzz');
    await page.getByRole('status').filter({ hasText: 'Aucune image ne correspond à cette recherche' }).waitFor();

    await open(page, '/feeds');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Flux partenaires');
    await page.getByText('Le site ne suit encore aucun flux partenaire.').waitFor();
    await page.getByLabel('Adresse du flux').fill(`${partner.url}/rss`);
    await page.getByLabel('Nom', { exact: true }).fill('Partner Daily');
    await page.getByRole('button', { name: 'Suivre', exact: true }).click();
    await page.getByRole('button', { name: 'Ne plus suivre Partner Daily' }).waitFor();
    await page.getByRole('cell', { name: 'brouillons, toutes les 30 min' }).waitFor();
    await page.getByRole('button', { name: 'Lire maintenant' }).click();
    await page.getByRole('status').filter({ hasText: /^Partner Daily\s: 2 nouveaux articles\.$/ }).waitFor();
    await expectNoEnglish(page);

    await open(page, '/import');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importer');
    await page.getByText('Outils → Exporter → Tout le contenu').waitFor();
    await page.getByLabel('Export WordPress (.xml)').setInputFiles(wxr);
    expect(await page.getByLabel('Copier les images dans la médiathèque').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('status').filter({ hasText: /Importé\s: .*6 articles/ }).waitFor();
    await expectNoEnglish(page);
    // An answer cut off after its progress, before the report, is said in French too.
    await page.route('**/api/admin/v1/imports/wordpress*', (route) =>
      route.fulfill({ contentType: 'application/x-ndjson', body: `${JSON.stringify({ progress: { phase: 'importing', done: 1, total: 6, imported: 1, skipped: 0 } })}\n` }),
    );
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le serveur a interrompu sa réponse avant la fin de l’importation.' }).waitFor();
    await page.context().close();
  });

  it('shows them right to left in Arabic on a phone, with Arabic plural forms and nothing wider than the screen', async () => {
    const page = await administrator('ar', PHONE);
    const rightToLeft = async () => {
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
      expect(await sidewaysOverflow(page)).toBe(0);
      await expectNoEnglish(page);
    };

    await open(page, '/media');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('الوسائط');
    // Described in French by the test before: its button is named by that alternative text now.
    await page.getByRole('button', { name: 'Le port au matin' }).click();
    const form = page.getByRole('form', { name: 'وصف الصورة' });
    await form.getByLabel('النص البديل').waitFor();
    await form.getByRole('button', { name: /^نقطة التركيز: / }).press('ArrowLeft');
    await form.getByRole('status').filter({ hasText: 'تم الحفظ' }).waitFor();
    await form.getByText('49% أفقيًا، 50% عموديًا').waitFor();
    await rightToLeft();

    await open(page, '/feeds');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('خلاصات الشركاء');
    // Two new stories take Arabic's dual, a failure its "one".
    partner.items.push(
      { guid: 'wire-3', title: 'Lighthouse repainted', body: '<p>White again.</p>', date: '2026-11-22T08:00:00Z' },
      { guid: 'wire-4', title: 'Fish market moves', body: '<p>To the quay.</p>', date: '2026-11-23T08:00:00Z' },
    );
    await page.getByRole('button', { name: 'اقرأ الآن' }).click();
    await page.getByRole('status').filter({ hasText: 'Partner Daily: قصتان جديدتان.' }).waitFor();
    partner.failWith = 503;
    await page.getByRole('button', { name: 'اقرأ الآن' }).click();
    await page.getByRole('status').filter({ hasText: 'Partner Daily: تعذّرت قراءة الخلاصة' }).waitFor();
    await page.getByText('فشلت مرة واحدة').waitFor();
    partner.failWith = null;
    await rightToLeft();

    await open(page, '/import');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('استيراد');
    await page.getByLabel('ملف تصدير ووردبريس بصيغة XML').setInputFiles(wxr);
    await page.getByRole('button', { name: 'استيراد' }).click();
    await page.getByRole('status').filter({ hasText: 'تم الاستيراد: لا جديد.' }).waitFor();
    await page.getByRole('status').filter({ hasText: '6 × already imported by an earlier run' }).waitFor();
    await rightToLeft();
    await page.context().close();
  });
});
