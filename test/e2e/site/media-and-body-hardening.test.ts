import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { multipart, png } from '../newsroom/media-files.js';

describeEachEngineApp('media files and story bodies keep to what Herald serves', (t) => {
  it('serves pictures and their variants with X-Content-Type-Options: nosniff', async () => {
    const { authorization } = await t().auth('author');
    const body = multipart('sniff.png', 'image/png', await png(120, 80));
    const uploaded = await t().app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization }, payload: body.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const item = uploaded.json();
    for (const url of [item.url, ...item.variants.map((v: { url: string }) => v.url)]) {
      const served = await t().app.inject({ url });
      expect(served.statusCode, url).toBe(200);
      expect(served.headers['content-type'], url).toMatch(/^image\//);
      expect(served.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it("keeps the classes of embed cards and code blocks, and drops every other class from a story's text", async () => {
    const headers = await t().auth('editor');
    const html = [
      '<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">YouTube video</a></aside>',
      '<aside class="embed embed-x"><a href="https://x.com/herald/status/1" rel="noopener">Post on X by @herald</a></aside>',
      '<aside class="embed embed-mastodon"><a href="https://mastodon.social/@herald/1" rel="noopener">Mastodon post by @herald@mastodon.social</a></aside>',
      '<pre><code class="language-typescript">const a = 1;</code></pre>',
      // Classes from the site's and the admin's stylesheets, and others nothing makes.
      '<p class="comment-count">Read the comments</p>',
      '<div class="bar prose"><span class="visually-hidden">Hidden words</span></div>',
      '<aside class="embed notice"><a href="https://example.org/">Not a card</a></aside>',
      '<figure class="kg-card kg-image-card"><img src="/media/a.png" alt="A" class="wp-image-5" /></figure>',
      '<pre><code class="language-js highlight">x()</code></pre>',
      '<code class="language-&quot;&gt;">y</code>',
    ].join('');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Classes', body: html } });
    expect(created.statusCode, created.body).toBe(201);
    const stored = (await t().app.inject({ url: `/api/admin/v1/articles/${created.json().id}`, headers })).json().body as string;
    expect(stored).toBe(
      [
        '<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">YouTube video</a></aside>',
        '<aside class="embed embed-x"><a href="https://x.com/herald/status/1" rel="noopener">Post on X by @herald</a></aside>',
        '<aside class="embed embed-mastodon"><a href="https://mastodon.social/@herald/1" rel="noopener">Mastodon post by @herald@mastodon.social</a></aside>',
        '<pre><code class="language-typescript">const a = 1;</code></pre>',
        '<p>Read the comments</p>',
        '<div><span>Hidden words</span></div>',
        '<aside class="embed"><a href="https://example.org/" rel="noopener">Not a card</a></aside>',
        '<figure><img src="/media/a.png" alt="A" /></figure>',
        '<pre><code class="language-js">x()</code></pre>',
        '<code>y</code>',
      ].join(''),
    );
  });

  it('keeps the language class of a Markdown code fence', async () => {
    const headers = await t().auth('editor');
    const created = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers,
      payload: { language: 'en', title: 'Fenced', bodyFormat: 'markdown', body: 'Code:\n\n```python\nprint(1)\n```\n\n<p class="lead">Raw HTML</p>\n' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const stored = created.json().body as string;
    expect(stored).toContain('<pre><code class="language-python">print(1)\n</code></pre>');
    expect(stored).toContain('<p>Raw HTML</p>');
  });
});
