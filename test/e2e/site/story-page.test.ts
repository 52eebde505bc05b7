import { expect, it } from 'vitest';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { multipart, png } from '../newsroom/media-files.js';
import { parseHtml } from './html.js';
import { sectionNamed } from '../../support/sections.js';

const HOUR = 3_600_000;

describeEachEngineApp('Story page', (t) => {
  const ids: Record<string, { id: number; url: string; path: string; title: string; version: number; publishedAt: string }> = {};
  const create = async (key: string, payload: Record<string, unknown>) => {
    const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', payload: { status: 'published', bodyFormat: 'markdown', ...payload }, headers: await t().auth('editor') });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    ids[key] = { ...body, path: new URL(body.url).pathname };
    return body;
  };
  const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ url, headers });

  it('sets up three English stories in one section and a French machine translation', async () => {
    await updateSettings(t().database.db, { timezone: 'Europe/Paris', publisherName: 'Herald Test Newsroom' });
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
    await create('older', { language: 'en', title: 'Older world story', body: 'Older.', section: await sectionNamed(t().database, 'World'), tags: ['Wagner'], publishedAt: at(5) });
    await create('main', {
      language: 'en', title: 'Wagner fighters seen near the border', standfirst: 'Witnesses counted forty trucks.',
      body: 'First paragraph.\n\n> A quote.', section: await sectionNamed(t().database, 'World'), tags: ['Wagner', 'China'], publishedAt: at(3),
      featuredImage: { url: 'https://images.example.org/trucks.jpg', caption: 'Trucks on the road.', credit: 'Jane Doe', alt: 'A column of trucks' },
      source: { name: 'Example Wire', url: 'https://wire.example.org/story', publishedAt: at(4) },
    });
    const edited = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${ids.main.id}`, payload: { body: 'First paragraph, corrected.\n\n> A quote.', version: ids.main.version }, headers: await t().auth('editor'),
    });
    expect(edited.statusCode).toBe(200);
    await create('newer', { language: 'en', title: 'Newer world story', body: 'Newer.', section: await sectionNamed(t().database, 'World'), tags: ['China'], publishedAt: at(1) });
    await create('fr', { language: 'fr', title: 'Des combattants de Wagner vus près de la frontière', body: 'Premier paragraphe.', translationOf: ids.main.id, machineTranslated: true, section: await sectionNamed(t().database, 'Monde', 'fr'), tags: ['Wagner'] });
  });

  it('shows every item of the product brief in order', async () => {
    const response = await get(ids.main.path);
    expect(response.statusCode).toBe(200);
    const page = parseHtml(response.body);
    const article = page.one('article');
    const positions = [
      page.one('h1'),
      page.one('p', { class: 'standfirst' }),
      page.one('a', { rel: 'author' }),
      page.one('time'),
      page.one('figure'),
      page.one('div', { class: 'body' }),
      page.one('p', { class: 'source' }),
      page.one('a', { rel: 'tag' }),
      page.one('nav', { class: 'prev-next' }),
      page.one('section', { class: 'share' }),
      page.one('section', { class: 'comments' }),
      page.one('nav', { class: 'translations' }),
      page.one('section', { class: 'related' }),
    ].map(page.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[0]).toBeGreaterThan(page.position(article));

    expect(page.text(page.one('h1'))).toBe('Wagner fighters seen near the border');
    expect(page.text(page.one('title'))).toBe('Wagner fighters seen near the border');
    expect(page.attr(page.one('a', { rel: 'author' }), 'href')).toBe('/en/author/test-editor');
    const img = page.one('img', { alt: 'A column of trucks' });
    expect(page.attr(img, 'src')).toBe('https://images.example.org/trucks.jpg');
    // A picture of another site: its size is unknown, so none is guessed and there is no srcset.
    expect([page.attr(img, 'srcset'), page.attr(img, 'width'), page.attr(img, 'height')]).toEqual([undefined, undefined, undefined]);
    expect(page.text(page.one('figcaption'))).toContain('Trucks on the road.');
    expect(page.text(page.one('figcaption'))).toContain('Jane Doe');
    expect(page.attr(page.one('a', { href: 'https://wire.example.org/story' }), 'href')).toBeDefined();
    expect(page.all('a', { rel: 'tag' }).map(page.text)).toEqual(['#Wagner', '#China']);
    expect(page.attr(page.one('a', { rel: 'tag' }), 'href')).toBe('/en/tag/wagner');
  });

  it('dates the story in the site time zone and says when it was updated', async () => {
    const untouched = parseHtml((await get(ids.older.path)).body);
    expect(untouched.all('span', { class: 'updated' })).toHaveLength(0);
    const page = parseHtml((await get(ids.main.path)).body);
    const [published, updated] = page.all('time').map((el) => page.attr(el, 'datetime')!);
    // Paris is one hour ahead of UTC in November.
    expect(published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/);
    expect(Date.parse(published)).toBe(Math.floor(Date.parse(ids.main.publishedAt) / 1000) * 1000);
    expect(page.text(page.one('span', { class: 'updated' }))).toContain('Updated');
    expect(updated).toMatch(/\+01:00$/);
    expect(page.text(page.one('p', { class: /dates/ }))).toMatch(/CET|GMT\+1/);
  });

  it('links the previous and next story of the section with their titles and section name', async () => {
    const page = parseHtml((await get(ids.main.path)).body);
    const prev = page.one('a', { rel: 'prev' });
    const next = page.one('a', { rel: 'next' });
    expect(page.attr(prev, 'href')).toBe(ids.older.path);
    expect(page.text(prev)).toContain('Older world story');
    expect(page.text(prev)).toContain('World');
    expect(page.attr(next, 'href')).toBe(ids.newer.path);
    expect(page.text(next)).toContain('Newer world story');
    const related = page.one('section', { class: 'related' });
    expect(page.text(related)).toContain('Older world story');
    expect(page.text(related)).toContain('Newer world story');
  });

  it('shares through plain links to eight services and a copy-link button, loading nothing from other sites', async () => {
    const response = await get(ids.main.path);
    const page = parseHtml(response.body);
    const share = page.all('a').filter((a) => page.attr(a, 'rel')?.includes('nofollow'));
    expect(share.map(page.text)).toEqual(['Facebook', 'X', 'LinkedIn', 'Pinterest', 'Telegram', 'WhatsApp', 'Mastodon', 'E-mail']);
    for (const link of share) expect(page.attr(link, 'href')).toContain(encodeURIComponent(ids.main.url));
    const button = page.one('button', { 'data-copy-link': ids.main.url });
    expect(page.text(button)).toBe('Copy link');
    // Every script is a same-origin file (the comments form may bring its own); none is inline.
    const scripts = page.all('script').filter((s) => page.attr(s, 'type') !== 'application/ld+json');
    expect(scripts.map((s) => page.attr(s, 'src'))).toContainEqual(expect.stringMatching(/^\/assets\/copy-link\.[0-9a-f]+\.js$/));
    for (const script of scripts) expect(page.attr(script, 'src')).toMatch(/^\/[^/]/);
    for (const el of [...page.all('link', { rel: 'stylesheet' }), ...page.all('img')].filter((el) => page.attr(el, 'alt') !== 'A column of trucks')) {
      expect(page.attr(el, 'href') ?? page.attr(el, 'src')).toMatch(/^\//);
    }
  });

  it('has a comments placeholder whose notice links to the privacy page', async () => {
    const page = parseHtml((await get(ids.main.path)).body);
    const comments = page.one('section', { class: 'comments' });
    expect(page.text(comments)).toContain('IP address');
    expect(page.all('a', { href: '/en/privacy' }).length).toBeGreaterThan(0);
    expect(page.all('textarea').length).toBe(1);
  });

  it('describes itself in the head: canonical, hreflang, Open Graph, Twitter card, feeds and NewsArticle JSON-LD', async () => {
    const page = parseHtml((await get(ids.main.path)).body);
    expect(page.attr(page.one('link', { rel: 'canonical' }), 'href')).toBe(ids.main.url);
    const hreflang = Object.fromEntries(page.all('link', { rel: 'alternate', hreflang: /./ }).map((l) => [page.attr(l, 'hreflang'), page.attr(l, 'href')]));
    expect(hreflang).toEqual({ en: ids.main.url, fr: ids.fr.url, 'x-default': ids.main.url });
    expect(page.meta('og:type')).toBe('article');
    expect(page.meta('og:locale')).toBe('en_US');
    expect(page.all('meta', { property: 'og:locale:alternate' }).map((m) => page.attr(m, 'content'))).toEqual(['fr_FR']);
    expect(page.meta('og:image')).toBe('https://images.example.org/trucks.jpg');
    expect(page.meta('og:title')).toBe('Wagner fighters seen near the border');
    expect(page.meta('twitter:card')).toBe('summary_large_image');
    expect(page.meta('description')).toBe('Witnesses counted forty trucks.');
    const feeds = page.all('link', { rel: 'alternate', type: /rss|atom|json/ }).map((l) => page.attr(l, 'href'));
    expect(feeds).toContain(`${TEST_BASE_URL}/en/feed.xml`);
    expect(feeds).toContain(`${TEST_BASE_URL}/en/feed.atom`);
    expect(feeds).toContain(`${TEST_BASE_URL}/en/feed.json`);
    expect(feeds).toContain(`${TEST_BASE_URL}/en/section/world/feed.xml`);
    const [news, crumbs] = page.jsonLd();
    expect(news).toMatchObject({
      '@type': 'NewsArticle', headline: 'Wagner fighters seen near the border', image: ['https://images.example.org/trucks.jpg'],
      inLanguage: 'en', isAccessibleForFree: true, author: [{ '@type': 'Person', name: 'Test editor', url: `${TEST_BASE_URL}/en/author/test-editor` }],
      publisher: { '@type': 'Organization', name: 'Herald Test Newsroom', logo: { '@type': 'ImageObject' } },
    });
    expect(Date.parse(news.datePublished)).toBeLessThan(Date.parse(news.dateModified));
    expect(news.translationOfWork).toBeUndefined();
    expect(crumbs['@type']).toBe('BreadcrumbList');
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(['Home', 'World', 'Wagner fighters seen near the border']);
  });

  it('marks a translation: language, machine translation note, translationOfWork and links to the other version', async () => {
    const response = await get(ids.fr.path);
    const page = parseHtml(response.body);
    expect(response.body).toContain('<html lang="fr" dir="ltr">');
    expect(page.text(page.one('p', { class: 'translation-note' }))).toBe('Traduit de l’anglais par traduction automatique');
    expect(page.jsonLd()[0].translationOfWork).toEqual({ '@type': 'NewsArticle', '@id': ids.main.url, url: ids.main.url, inLanguage: 'en' });
    const other = page.one('nav', { class: 'translations' });
    expect(page.attr(page.one('a', { hreflang: 'en', href: ids.main.path }), 'href')).toBe(ids.main.path);
    expect(page.text(other)).toContain('Wagner fighters seen near the border');
    expect(page.meta('og:locale')).toBe('fr_FR');
    expect(page.text(page.one('h2', { id: 'share-heading' }))).toBe('Partager');
  });

  it('offers AVIF and WebP variants of a library image at each width, with the original as fallback', async () => {
    const body = multipart('harbour.png', 'image/png', await png(1100, 620));
    const uploaded = await t().app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, ...(await t().auth('editor')) }, payload: body.payload });
    expect(uploaded.statusCode).toBe(201);
    const media = uploaded.json();
    const story = await create('pictured', { language: 'en', title: 'Harbour at dawn', body: 'Boats.', featuredImage: { mediaId: media.id, alt: 'Boats in the harbour', caption: 'Dawn' } });
    const page = parseHtml((await get(new URL(story.url).pathname)).body);
    const sources = page.all('source').map((s) => ({ type: page.attr(s, 'type'), srcset: page.attr(s, 'srcset')! }));
    expect(sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(sources[0].srcset).toMatch(/ 480w, .* 960w, .* 1100w$/);
    const img = page.one('img', { alt: 'Boats in the harbour' });
    expect(page.attr(img, 'src')).toBe(media.url);
    expect([page.attr(img, 'width'), page.attr(img, 'height')]).toEqual(['1100', '620']);
    for (const source of sources) {
      const first = source.srcset.split(' ')[0];
      expect((await get(first)).statusCode).toBe(200);
    }
  });

  it('sends an old slug to the new one with 301', async () => {
    const renamed = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${ids.newer.id}`, payload: { slug: 'renamed-world-story', version: ids.newer.version }, headers: await t().auth('editor'),
    });
    expect(renamed.statusCode).toBe(200);
    const old = await get(ids.newer.path);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/en/renamed-world-story');
    expect((await get('/en/renamed-world-story')).statusCode).toBe(200);
    // A link shared with source marks keeps them on the way, so the visit is still credited.
    const marked = await get(`${ids.newer.path}?utm_source=newsletter&utm_campaign=morning%20brief&ref=mastodon`);
    expect(marked.statusCode).toBe(301);
    expect(marked.headers.location).toBe('/en/renamed-world-story?utm_source=newsletter&utm_campaign=morning%20brief&ref=mastodon');
  });

  it('answers 410 in the story language for a withdrawn story and 404 in the visitor language', async () => {
    const trashed = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${ids.fr.id}`, headers: await t().auth('editor') });
    expect(trashed.statusCode).toBeLessThan(300);
    const gone = await get(ids.fr.path);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('<html lang="fr" dir="ltr">');
    expect(parseHtml(gone.body).text(parseHtml(gone.body).one('h1'))).toBe('Article retiré');
    const missingAr = await get('/ar/no-such-story');
    expect(missingAr.statusCode).toBe(404);
    expect(missingAr.body).toContain('<html lang="ar" dir="rtl">');
    expect(missingAr.body).toContain('الصفحة غير موجودة');
    const missingFr = await get('/nowhere/at/all', { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' });
    expect(missingFr.statusCode).toBe(404);
    expect(missingFr.body).toContain('Page introuvable');
    expect(missingFr.body).toContain('<meta name="robots" content="noindex"/>');
  });
});
