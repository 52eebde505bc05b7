import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { parseHtml } from './html.js';
import { sectionNamed } from '../../support/sections.js';

describeEachEngineApp('Site HTTP behaviour', (t) => {
  let storyPath = '';
  const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ url, headers });

  it('publishes a story to look at', async () => {
    const response = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: await t().auth('editor'),
      payload: { language: 'en', title: 'Caching is a virtue', body: 'Paragraph. '.repeat(300), section: await sectionNamed(t().database, 'Tech'), status: 'published' },
    });
    expect(response.statusCode).toBe(201);
    storyPath = new URL(response.json().url).pathname;
  });

  it('answers 304 to a matching If-None-Match or a recent If-Modified-Since', async () => {
    const first = await get(storyPath);
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(lastModified)).not.toBeNaN();
    const byTag = await get(storyPath, { 'if-none-match': etag });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe('');
    const byDate = await get('/en/', { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() });
    expect(byDate.statusCode).toBe(304);
    expect((await get(storyPath, { 'if-none-match': 'W/"something-else"' })).statusCode).toBe(200);
  });

  it('tells caches how long each kind of page stays fresh', async () => {
    expect(String((await get(storyPath)).headers['cache-control'])).toMatch(/public, max-age=300/);
    expect(String((await get('/en/')).headers['cache-control'])).toMatch(/public, max-age=60/);
    expect(String((await get('/en/privacy')).headers['cache-control'])).toMatch(/public, max-age=3600/);
    // The home page at / is the default language's: the same for everyone, so shared caches keep it.
    const root = await get('/', { 'accept-language': 'fr' });
    expect(String(root.headers['cache-control'])).toMatch(/public, max-age=60/);
    expect(String(root.headers.vary ?? '')).not.toMatch(/accept-language/i);
    expect(root.headers.etag).toBeDefined();
    expect((await get('/', { 'if-none-match': String(root.headers.etag) })).statusCode).toBe(304);
  });

  it('compresses pages with gzip or brotli', async () => {
    const gzip = await get(storyPath, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toContain('Caching is a virtue');
    expect((await get(storyPath, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    // Again, now from the page cache: still compressed, and plain for a client that asks for nothing.
    const again = await get(storyPath, { 'accept-encoding': 'gzip, deflate' });
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync((await get(storyPath, { 'accept-encoding': 'gzip, br' })).rawPayload).toString()).toContain('Caching is a virtue');
    const plain = await get(storyPath);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('Caching is a virtue');
  });

  it('sends security headers with a CSP that forbids inline scripts', async () => {
    for (const url of [storyPath, '/en/', '/en/nothing-here']) {
      const { headers } = await get(url);
      const csp = String(headers['content-security-policy']);
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src '));
      expect(scriptSrc?.trim()).toBe("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('serves the theme files with long caching and keeps CSS and JS of a story page under 50 KB', async () => {
    const page = parseHtml((await get(storyPath)).body);
    const files = [
      ...page.all('link', { rel: 'stylesheet' }).map((l) => page.attr(l, 'href')!),
      ...page.all('script').map((s) => page.attr(s, 'src')).filter((src): src is string => !!src),
    ];
    expect(files.length).toBeGreaterThanOrEqual(2);
    let total = 0;
    for (const file of files) {
      const response = await get(file);
      expect(response.statusCode).toBe(200);
      // The theme's own files are named by their content hash and kept for a year.
      if (file.startsWith('/assets/')) {
        expect(String(response.headers['cache-control'])).toContain('immutable');
        expect((await get(file, { 'if-none-match': String(response.headers.etag) })).statusCode).toBe(304);
      }
      total += response.rawPayload.length;
    }
    expect(total).toBeLessThan(50 * 1024);
    const favicon = await get('/favicon.ico');
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers['content-type']).toContain('image/svg+xml');
    expect(page.attr(page.one('link', { rel: 'icon' }), 'href')).toMatch(/^\/assets\/favicon\.[0-9a-f]+\.svg$/);
  });

  it('names what each page shows for the page cache: story, article, section, tag, author and language lists', async () => {
    const article = (await t().app.inject({ url: '/api/admin/v1/articles?language=en', headers: await t().auth('editor') })).json().items
      .find((a: { title: string }) => a.title === 'Caching is a virtue');
    const keys = async (url: string) => String((await get(url)).headers['surrogate-key']).split(' ');
    const story = await keys(storyPath);
    expect(story).toEqual(expect.arrayContaining([`article:${article.id}`, `story:${article.storyId}`, `section:${article.section.id}`, `author:${article.authors[0].id}`]));
    expect(await keys('/en/')).toEqual(expect.arrayContaining(['list:en', `article:${article.id}`, `section:${article.section.id}`]));
    expect(await keys('/en/section/tech')).toEqual(expect.arrayContaining(['list:en', `section:${article.section.id}`, `article:${article.id}`]));
    expect(await keys(`/en/author/${article.authors[0].slug}`)).toEqual(expect.arrayContaining(['list:en', `author:${article.authors[0].id}`]));
  });

  it('escapes what editors type so it cannot become markup', async () => {
    const response = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: await t().auth('editor'),
      payload: { language: 'en', title: 'Title with <script>alert(1)</script> inside', standfirst: '</script><b>bold</b>', body: 'Safe.', status: 'published' },
    });
    const html = (await get(new URL(response.json().url).pathname)).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Title with &lt;script>alert(1)&lt;/script> inside');
    expect(html).not.toContain('</script><b>');
  });
});
