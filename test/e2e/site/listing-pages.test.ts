import { expect, it } from 'vitest';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { parseHtml } from './html.js';
import { sectionNamed } from '../../support/sections.js';

describeEachEngineApp('Home, section, tag, author and privacy pages', (t) => {
  let englishStory = '';
  let frenchStory = '';
  const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ url, headers });

  it('sets up fourteen English stories in two sections and one French translation', async () => {
    const headers = await t().auth('author');
    for (let i = 1; i <= 14; i++) {
      const response = await t().app.inject({
        method: 'POST', url: '/api/admin/v1/articles', headers,
        payload: { language: 'en', title: `Story number ${i}`, body: `Body ${i}.`, section: await sectionNamed(t().database, i % 2 ? 'Politics' : 'Sport'), tags: i <= 3 ? ['Elections'] : [], status: 'published', publishedAt: new Date(Date.now() - (20 - i) * 60_000).toISOString() },
      });
      expect(response.statusCode).toBe(201);
      if (i === 14) englishStory = response.json().id;
    }
    const section = (await t().app.inject({ url: '/api/admin/v1/sections', headers: await t().auth('editor') })).json();
    const politics = (section.items ?? section).find((s: { names: Record<string, { name: string }> }) => s.names.en?.name === 'Politics');
    await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/sections/${politics.id}`, headers: await t().auth('editor'), payload: { names: { fr: { name: 'Politique' } } } });
    const fr = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers,
      payload: { language: 'fr', title: 'Article numéro 14', body: 'Corps.', translationOf: englishStory, section: politics.id, status: 'published' },
    });
    expect(fr.statusCode).toBe(201);
    frenchStory = new URL(fr.json().url).pathname;
  });

  it('shows a lead story, the latest stories, the sections and a link to the archive on the home page', async () => {
    const response = await get('/en/');
    expect(response.statusCode).toBe(200);
    const page = parseHtml(response.body);
    expect(page.text(page.one('section', { class: 'lead' }))).toContain('Story number 14');
    const latest = page.one('section', { 'aria-labelledby': 'latest-heading' });
    expect(page.text(latest)).toContain('Story number 13');
    expect(page.text(latest)).not.toContain('Story number 2 ');
    expect(page.all('section', { class: 'home-section' }).map((s) => page.text(page.one('h2', { id: page.attr(s, 'aria-labelledby')! })))).toEqual(['Politics', 'Sport']);
    expect(page.attr(page.one('a', { rel: 'next' }), 'href')).toBe('/en/?page=2');
    expect(page.meta('og:type')).toBe('website');
    const types = page.jsonLd().map((d) => d['@type']);
    expect(types).toEqual(['WebSite', 'Organization']);
    const hreflang = page.all('link', { rel: 'alternate', hreflang: /./ }).map((l) => page.attr(l, 'hreflang'));
    expect(hreflang).toEqual(['en', 'fr', 'zh-Hant', 'ar', 'x-default']);
    expect(page.attr(page.one('form', { role: 'search' }), 'action')).toBe('/en/search');
    const menu = page.one('nav', { class: /sections/ });
    expect(page.all('a').filter((a) => a.parent?.parent === menu.children.find((c) => 'name' in c && c.name === 'ul')).map(page.text)).toEqual(['Politics', 'Sport']);
  });

  it('pages the archive at /{lang}/?page=N and answers 404 past the end', async () => {
    const second = await get('/en/?page=2');
    expect(second.statusCode).toBe(200);
    const page = parseHtml(second.body);
    expect(page.text(page.one('main'))).toContain('Story number 2');
    expect(page.text(page.one('main'))).toContain('Story number 1');
    expect(page.attr(page.one('link', { rel: 'canonical' }), 'href')).toBe(`${TEST_BASE_URL}/en/?page=2`);
    expect((await get('/en/?page=3')).statusCode).toBe(404);
    expect((await get('/en/page/zero')).statusCode).toBe(404);
    expect((await get('/en/page/1')).headers.location).toBe('/en/');
    expect((await get('/en/page/2')).headers.location).toBe('/en/?page=2');
  });

  it('lists a section, a tag and an author, paginated, with their feeds in the head', async () => {
    const section = parseHtml((await get('/en/section/politics')).body);
    expect(section.text(section.one('h1'))).toBe('Politics');
    expect(section.all('li', { class: 'card' })).toHaveLength(7);
    expect(section.all('link', { type: 'application/rss+xml' }).map((l) => section.attr(l, 'href'))).toContain(`${TEST_BASE_URL}/en/section/politics/feed.xml`);
    const tag = parseHtml((await get('/en/tag/elections')).body);
    expect(tag.text(tag.one('h1'))).toBe('#Elections');
    expect(tag.all('li', { class: 'card' }).map((li) => tag.text(tag.one('h2', {}) && li))).toHaveLength(3);
    expect(tag.all('link', { type: 'application/atom+xml' }).map((l) => tag.attr(l, 'href'))).toContain(`${TEST_BASE_URL}/en/tag/elections/feed.atom`);
    const author = await get('/en/author/test-author');
    expect(author.statusCode).toBe(200);
    const authorPage = parseHtml(author.body);
    expect(authorPage.text(authorPage.one('h1'))).toBe('Stories by Test author');
    expect(authorPage.all('li', { class: 'card' })).toHaveLength(12);
    expect(authorPage.attr(authorPage.one('a', { rel: 'next' }), 'href')).toBe('/en/author/test-author?page=2');
    const second = parseHtml((await get('/en/author/test-author?page=2')).body);
    expect(second.all('li', { class: 'card' })).toHaveLength(2);
    expect(authorPage.all('link', { type: 'application/feed+json' }).map((l) => authorPage.attr(l, 'href'))).toContain(`${TEST_BASE_URL}/en/author/test-author/feed.json`);
    expect((await get('/en/author/test-author?page=3')).statusCode).toBe(404);
    expect((await get('/en/tag/no-such-tag')).statusCode).toBe(404);
    expect((await get('/en/section/no-such-section')).statusCode).toBe(404);
  });

  it('switches language to the same story, section or author where it exists, else to that language home', async () => {
    const story = parseHtml((await get('/en/story-number-14')).body);
    const switcher = (page: typeof story) =>
      Object.fromEntries(page.all('a', { hreflang: /./ }).filter((a) => page.attr(a, 'lang')).map((a) => [page.attr(a, 'hreflang'), page.attr(a, 'href')]));
    expect(switcher(story)).toMatchObject({ fr: `${TEST_BASE_URL}${frenchStory}`, 'zh-Hant': '/zh-Hant/', ar: '/ar/' });
    const french = parseHtml((await get(frenchStory)).body);
    expect(switcher(french).en).toBe(`${TEST_BASE_URL}/en/story-number-14`);
    expect(french.attr(french.one('a', { hreflang: 'fr', lang: 'fr' }), 'aria-current')).toBe('page');
    const section = parseHtml((await get('/en/section/politics')).body);
    expect(switcher(section)).toMatchObject({ fr: `${TEST_BASE_URL}/fr/section/politique`, ar: '/ar/' });
    const tag = parseHtml((await get('/en/tag/elections')).body);
    expect(switcher(tag)).toMatchObject({ fr: '/fr/', ar: '/ar/' });
    const author = parseHtml((await get('/en/author/test-author')).body);
    expect(switcher(author).fr).toBe(`${TEST_BASE_URL}/fr/author/test-author`);
    expect((await get('/fr/section/politique')).statusCode).toBe(200);
  });

  it('renders right-to-left languages right to left, with the interface in that language', async () => {
    const response = await get('/ar/');
    expect(response.body).toContain('<html lang="ar" dir="rtl">');
    const page = parseHtml(response.body);
    expect(page.text(page.one('p'))).toBe('لا توجد أخبار بعد.');
    expect(page.attr(page.one('input', { type: 'search' }), 'aria-label')).toBe('ابحث في الأخبار');
    expect(page.meta('og:locale')).toBe('ar_EG');
    // Language names keep their own direction inside a page of the other direction.
    expect(page.attr(page.one('a', { hreflang: 'ar', lang: 'ar' }), 'dir')).toBe('rtl');
    const english = parseHtml((await get('/en/')).body);
    expect(english.attr(english.one('a', { hreflang: 'ar', lang: 'ar' }), 'dir')).toBe('rtl');
    expect(english.attr(english.one('a', { hreflang: 'fr', lang: 'fr' }), 'dir')).toBe('ltr');
  });

  it('labels interface text with its own language when the page language has no interface strings', async () => {
    await updateSettings(t().database.db, { languages: ['en', 'fr', 'zh-Hant', 'ar', 'ja'] });
    const response = await get('/ja/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="ja" dir="ltr">');
    const page = parseHtml(response.body);
    expect(page.attr(page.one('header', { class: 'site-header' }), 'lang')).toBe('en');
    expect(page.attr(page.one('footer'), 'lang')).toBe('en');
    await updateSettings(t().database.db, { languages: ['en', 'fr', 'zh-Hant', 'ar'] });
  });

  it('explains in the privacy page which comment data is kept, why, for how long and how to have it deleted', async () => {
    const response = await get('/en/privacy');
    expect(response.statusCode).toBe(200);
    const text = parseHtml(response.body).text(parseHtml(response.body).one('main'));
    for (const words of ['name', 'e-mail address', 'IP address', 'user agent', '30 days', 'No third party', 'delete']) expect(text).toContain(words);
    expect((await get('/de/privacy')).statusCode).toBe(404);
    const arabic = await get('/ar/privacy');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain('30 يومًا');
  });

  it('titles the privacy page, in each of the six languages, after every part it covers', async () => {
    await updateSettings(t().database.db, { languages: ['en', 'fr', 'de', 'es', 'zh-Hant', 'ar'] });
    for (const language of ['en', 'fr', 'de', 'es', 'zh-Hant', 'ar']) {
      const page = parseHtml((await get(`/${language}/privacy`)).body);
      const title = page.text(page.one('h1'));
      expect(page.text(page.one('title')).startsWith(`${title} · `), language).toBe(true);
      const parts = page.within(page.one('main'), 'h2').map((heading) => page.text(heading));
      expect(parts.length, language).toBe(3);
      for (const part of parts) expect(title.toLocaleLowerCase(language), language).toContain(part.toLocaleLowerCase(language));
      expect(page.meta('description'), language).toBe(page.text(page.within(page.one('main'), 'p')[0]));
    }
    await updateSettings(t().database.db, { languages: ['en', 'fr', 'zh-Hant', 'ar'] });
  });

  it('links the privacy page to the page where readers delete their comments, in their language', async () => {
    const english = parseHtml((await get('/en/privacy')).body);
    const link = english.one('a', { href: '/comments/forget?lang=en' });
    expect(english.text(link)).toBe('Delete my comments');
    expect(english.text(english.one('main'))).toContain('on the deletion page, give the e-mail address you commented with');
    const arabic = parseHtml((await get('/ar/privacy')).body);
    expect(arabic.text(arabic.one('a', { href: '/comments/forget?lang=ar' }))).toBe('احذف تعليقاتي');
    const forget = await get('/comments/forget?lang=ar');
    expect(forget.statusCode).toBe(200);
    expect(forget.body).toContain('<html lang="ar" dir="rtl">');
    for (const words of ['احذف تعليقاتك', 'أرسل لي الرابط', 'البريد الإلكتروني']) expect(forget.body).toContain(words);
    const chinese = await get('/comments/forget?lang=zh-Hant');
    for (const words of ['刪除您的留言', '寄連結給我']) expect(chinese.body).toContain(words);
  });

  it('serves the default language home at / without a redirect, whatever the reader language, and says /en/ is its address', async () => {
    for (const acceptLanguage of ['fr-FR,fr;q=0.9,en;q=0.8', 'zh-TW', 'ar', '']) {
      const root = await get('/', acceptLanguage ? { 'accept-language': acceptLanguage } : {});
      expect(root.statusCode, acceptLanguage).toBe(200);
      expect(root.headers.location, acceptLanguage).toBeUndefined();
      const page = parseHtml(root.body);
      expect(page.attr(page.one('html'), 'lang')).toBe('en');
      expect(page.text(page.one('section', { class: 'lead' }))).toContain('Story number 14');
      // One address for search engines: /en/, with / as the page for readers of no listed language.
      expect(page.attr(page.one('link', { rel: 'canonical' }), 'href')).toBe(`${TEST_BASE_URL}/en/`);
      expect(page.meta('og:url')).toBe(`${TEST_BASE_URL}/en/`);
      const hreflang = Object.fromEntries(page.all('link', { rel: 'alternate', hreflang: /./ }).map((l) => [page.attr(l, 'hreflang'), page.attr(l, 'href')]));
      expect(hreflang).toEqual({ en: `${TEST_BASE_URL}/en/`, fr: `${TEST_BASE_URL}/fr/`, 'zh-Hant': `${TEST_BASE_URL}/zh-Hant/`, ar: `${TEST_BASE_URL}/ar/`, 'x-default': `${TEST_BASE_URL}/` });
      // The language switcher is how a reader gets to another language.
      expect(page.attr(page.one('a', { hreflang: 'fr', lang: 'fr' }), 'href')).toBe(`${TEST_BASE_URL}/fr/`);
    }
    // The other languages answer at their own home as before.
    const french = parseHtml((await get('/fr/')).body);
    expect(french.attr(french.one('html'), 'lang')).toBe('fr');
  });

  it('follows the default language setting at /', async () => {
    const setDefault = async (defaultLanguage: string) => {
      const response = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: await t().auth('administrator'), payload: { defaultLanguage } });
      expect(response.statusCode).toBe(200);
    };
    const before = parseHtml((await get('/')).body);
    expect(before.attr(before.one('html'), 'lang')).toBe('en');
    await setDefault('fr');
    try {
      // Cached a moment ago in English: the settings change drops it.
      const page = parseHtml((await get('/', { 'accept-language': 'en' })).body);
      expect(page.attr(page.one('html'), 'lang')).toBe('fr');
      expect(page.attr(page.one('link', { rel: 'canonical' }), 'href')).toBe(`${TEST_BASE_URL}/fr/`);
    } finally {
      await setDefault('en');
    }
  });
});
