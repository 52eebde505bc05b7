import { beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { createStory } from './reach-support.js';

describeEachEngineApp('search page', (t) => {
  beforeAll(async () => {
    await createStory(t(), { language: 'fr', title: 'Sommet à Pékin', body: '<p>Les dirigeants se retrouvent.</p>' });
    await createStory(t(), { language: 'en', title: 'Summit in Pékin', body: '<p>Leaders meet <b>again</b>.</p>' });
    await createStory(t(), { language: 'zh-Hant', title: '總統府發表聲明', body: '<p>新總統今天就職。</p>' });
  });

  it('shows the stories of the page’s language with the matched words marked', async () => {
    const response = await t().app.inject({ url: '/fr/search?q=pekin' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Sommet à <mark>Pékin</mark>');
    expect(response.body).not.toContain('Summit in');
    expect(response.body).toContain('<meta name="robots" content="noindex, follow"');
    expect(response.body).toMatch(/<input[^>]*name="q"[^>]*value="pekin"/);
  });

  it('shows every language when asked, each result in its own language', async () => {
    const response = await t().app.inject({ url: '/fr/search?q=pekin&all=1' });
    expect(response.body).toContain('Sommet à <mark>Pékin</mark>');
    expect(response.body).toMatch(/<li lang="en">[^]*Summit in <mark>Pékin<\/mark>/);
  });

  it('finds a Chinese story by two characters', async () => {
    const response = await t().app.inject({ url: `/zh-Hant/search?q=${encodeURIComponent('總統')}` });
    expect(response.body).toContain('<mark>總統</mark>府發表聲明');
  });

  it('escapes what the reader typed and survives hostile queries', async () => {
    const xss = await t().app.inject({ url: `/en/search?q=${encodeURIComponent('<script>alert(1)</script>')}` });
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)</script>');
    for (const q of ['"', '*', 'NEAR(', '%', "'"]) {
      expect((await t().app.inject({ url: `/en/search?q=${encodeURIComponent(q)}` })).statusCode, q).toBe(200);
    }
    const huge = await t().app.inject({ url: `/en/search?q=${'x'.repeat(10_240)}` });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('role="alert"');
    expect((await t().app.inject({ url: '/en/search' })).statusCode).toBe(200);
    expect((await t().app.inject({ url: '/xx/search?q=a' })).statusCode).toBe(404);
  });
});
