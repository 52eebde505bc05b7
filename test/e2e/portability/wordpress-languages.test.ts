import { expect, it } from 'vitest';
import { languageStatuses } from '../../../src/content/translations.service.js';
import { importWordpress } from '../../../src/portability/wordpress/wordpress.import.js';
import { getSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';

const FILE = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;

describeEachEngineApp('WordPress import of a multilingual site', (t) => {
  it('makes Polylang and WPML translations language versions of one story', async () => {
    const { database } = t();
    const report = await importWordpress(database, FILE, { baseUrl: TEST_BASE_URL });
    expect(report.counts.articles).toBe(6);
    const rows = await database.db.selectFrom('articles').select(['slug', 'language', 'story_id']).execute();
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(bySlug['port-strike'].language).toBe('en');
    expect(bySlug['greve-du-port'].language).toBe('fr');
    expect(bySlug.hafenstreik.language).toBe('de');
    expect(new Set([bySlug['port-strike'].story_id, bySlug['greve-du-port'].story_id, bySlug.hafenstreik.story_id]).size).toBe(1);
    expect(bySlug['budget-passes'].language).toBe('en');
    expect(bySlug['budget-adopte'].language).toBe('fr');
    expect(bySlug['budget-passes'].story_id).toBe(bySlug['budget-adopte'].story_id);
    expect(bySlug['budget-passes'].story_id).not.toBe(bySlug['port-strike'].story_id);
  });

  it('counts the versions of a translation group up to date with the group’s first post, not outdated', async () => {
    const { database } = t();
    const english = await database.db.selectFrom('articles').select('id').where('slug', '=', 'port-strike').executeTakeFirstOrThrow();
    const states = Object.fromEntries((await languageStatuses(database.db, english.id)).map((l) => [l.language, l.state]));
    expect(states).toMatchObject({ en: 'original', fr: 'current', de: 'current' });
  });

  it('adds a language the export declares that the site did not have yet', async () => {
    const settings = await getSettings(t().database.db);
    expect(settings.languages).toEqual(['en', 'fr', 'zh-Hant', 'ar', 'de']);
  });

  it('detects the language of a post no plugin labelled, and fills Yoast SEO fields', async () => {
    const row = await t().database.db.selectFrom('articles').selectAll().where('slug', '=', 'marche-du-samedi').executeTakeFirstOrThrow();
    expect(row.language).toBe('fr');
    expect(row.seo_title).toBe('Le marché du samedi change de place – Coastal Courier');
    expect(row.seo_description).toBe('Le marché déménage place de la mairie.');
    expect(row.body).toBe('<p>À partir du mois prochain, le marché du samedi s’installera sur la place de la mairie. Les commerçants ont été consultés pendant l’été et la plupart d’entre eux approuvent ce changement, qui leur donnera plus d’espace et un meilleur accès pour les livraisons.</p>\n<p>Les habitants du quartier craignent toutefois des difficultés de stationnement.</p>');
  });

  it('shows each language version with links to the others, and redirects old localized permalinks', async () => {
    const { app } = t();
    const page = await app.inject({ url: '/fr/greve-du-port' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hreflang="en"');
    const old = await app.inject({ url: '/fr/2024/11/12/greve-du-port/' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/fr/greve-du-port');
  });
});
