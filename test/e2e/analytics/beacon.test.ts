import { expect, it } from 'vitest';
import { statsTotals } from '../../../src/analytics/stats.service.js';
import { createSession } from '../../../src/people/sessions.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DAY_MS = 86_400_000;

async function publish(t: TestApp, title: string, language = 'en') {
  const { authorization } = await t.auth('editor');
  const answer = await t.app.inject({
    method: 'POST', url: '/api/admin/v1/articles', headers: { authorization },
    payload: { language, title, body: '<p>First.</p><p>Last paragraph.</p>', status: 'published' },
  });
  expect(answer.statusCode).toBe(201);
  return answer.json() as { id: number; url: string; language: string };
}

function beacon(t: TestApp, body: unknown, { ip = '198.51.100.7', ua = CHROME, headers = {} }: { ip?: string; ua?: string; headers?: Record<string, string> } = {}) {
  return t.app.inject({
    method: 'POST', url: '/analytics/view', remoteAddress: ip,
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': ua, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function totals(t: TestApp, filter: { articleId?: number } = {}) {
  await t.app.analytics.flush();
  const now = Date.now();
  return statsTotals(t.database.db, { from: new Date(now - DAY_MS), to: new Date(now + DAY_MS), ...filter });
}

async function reset(t: TestApp) {
  await t.app.analytics.flush();
  await t.database.db.deleteFrom('analytics_views').execute();
  await t.database.db.deleteFrom('analytics_visitors').execute();
}

describeEachEngineApp('the analytics beacon', (t) => {
  it('puts the same beacon script and no-script image on every reader\'s copy of a story, the home page and a listing, and none on a preview', async () => {
    const story = await publish(t(), 'Beacon on the page');
    const page = await t().app.inject({ url: new URL(story.url).pathname });
    expect(page.statusCode).toBe(200);
    const script = page.body.match(/<script src="(\/assets\/beacon\.\w+\.js)" defer data-article="(\d+)" data-language="en" data-kind="story"><\/script>/);
    expect(script?.[2]).toBe(String(story.id));
    expect(page.body).toContain(`<noscript><img src="/analytics/pixel.gif?article=${story.id}&amp;language=en&amp;kind=story" alt width="1" height="1" hidden/></noscript>`);
    const asset = await t().app.inject({ url: script![1] });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.body).toContain('navigator.sendBeacon');
    expect(asset.body).not.toMatch(/cookie|localStorage|sessionStorage/);
    expect((await t().app.inject({ url: '/en/' })).body).toContain('data-article="0" data-language="en" data-kind="home"');
    expect((await t().app.inject({ url: '/fr/' })).body).toContain('data-language="fr" data-kind="home"');
    const { authorization } = await t().auth('editor');
    const draft = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'Draft preview' } })).json();
    const link = (await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/preview`, headers: { authorization } })).json();
    const preview = await t().app.inject({ url: new URL(link.url).pathname });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toContain('beacon');
    expect(preview.body).not.toContain('/analytics/');
  });

  it('counts a view and a visitor, a second view of the same reader that day but not a second visitor, and a read to the end', async () => {
    await reset(t());
    const story = await publish(t(), 'Counted story');
    const view = { article: story.id, language: 'en', kind: 'story', referrer: 'news.example', source: 'Newsletter', medium: 'email', campaign: 'Morning' };
    const first = await beacon(t(), view);
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    expect(first.headers['cache-control']).toBe('no-store');
    expect((await beacon(t(), view)).statusCode).toBe(204);
    expect((await beacon(t(), { ...view, event: 'read' })).statusCode).toBe(204);
    // Another reader on a phone, arriving from the site's own pages (no referral).
    expect((await beacon(t(), { ...view, referrer: 'localhost:80', source: '' }, { ip: '192.0.2.44', ua: IPHONE, headers: { host: 'localhost:80' } })).statusCode).toBe(204);
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 3, visitors: 2, reads: 1 });
    const rows = await t().database.db.selectFrom('analytics_views').selectAll().where('article_id', '=', story.id).orderBy('device').execute();
    expect(rows.map((r) => [r.device, r.referrer, r.source, r.medium, r.campaign, r.views, r.visitors, r.reads])).toEqual([
      ['desktop', 'news.example', 'newsletter', 'email', 'Morning', 2, 1, 1],
      ['mobile', '', '', 'email', 'Morning', 1, 1, 0],
    ]);
    // The address is never written: only the day's salted hashes, which name no address.
    const hashes = await t().database.db.selectFrom('analytics_visitors').select('visitor').execute();
    expect(hashes.length).toBeGreaterThan(0);
    for (const { visitor } of hashes) expect(visitor).toMatch(/^[\w-]{22}$/);
  });

  it('counts the view but not the visitor of a reader sending Sec-GPC or DNT; nothing from robots, prefetches or a signed-in admin', async () => {
    await reset(t());
    const story = await publish(t(), 'Private readers');
    const view = { article: story.id, language: 'en', kind: 'story' };
    expect((await beacon(t(), view, { ip: '203.0.113.1', headers: { 'sec-gpc': '1' } })).statusCode).toBe(204);
    expect((await beacon(t(), view, { ip: '203.0.113.2', headers: { dnt: '1' } })).statusCode).toBe(204);
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 2, visitors: 0, reads: 0 });
    expect((await beacon(t(), view, { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })).statusCode).toBe(204);
    expect((await beacon(t(), view, { ua: 'curl/8.5.0' })).statusCode).toBe(204);
    expect((await beacon(t(), view, { headers: { 'sec-purpose': 'prefetch' } })).statusCode).toBe(204);
    expect((await beacon(t(), view, { headers: { purpose: 'prefetch' } })).statusCode).toBe(204);
    const { userId } = await t().auth('administrator');
    // A session is valid only for a person who signs in with a password.
    await t().database.db.updateTable('users').set({ password_hash: 'argon2-hash-stand-in' }).where('id', '=', userId).execute();
    const session = await createSession(t().database.db, userId);
    expect((await beacon(t(), view, { headers: { cookie: `herald_session=${session.token}` } })).statusCode).toBe(204);
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 2, visitors: 0, reads: 0 });
  });

  it('counts a reader without JavaScript through the image, which the page cache leaves alone', async () => {
    await reset(t());
    const story = await publish(t(), 'No script reader');
    const pixel = await t().app.inject({ url: `/analytics/pixel.gif?article=${story.id}&language=en&kind=story`, remoteAddress: '198.51.100.90', headers: { 'user-agent': CHROME } });
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect(pixel.headers['cache-control']).toBe('no-store');
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 1, visitors: 1, reads: 0 });
  });

  it('refuses, with a 400 naming the field and nothing stored, unknown stories, wrong claims, malformed and oversized bodies', async () => {
    await reset(t());
    const story = await publish(t(), 'Refusals');
    const { authorization } = await t().auth('editor');
    const draft = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'Not out' } })).json();
    const faults = async (body: unknown, contentType = 'text/plain') => {
      const answer = await beacon(t(), body, { headers: { 'content-type': contentType } });
      expect(answer.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      return (answer.json() as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    };
    const good = { article: story.id, language: 'en', kind: 'story' };
    expect(await faults({ ...good, article: 999_999 })).toEqual(['article']);
    expect(await faults({ ...good, article: draft.id })).toEqual(['article']);
    expect(await faults({ ...good, language: 'fr' })).toEqual(['language']);
    expect(await faults({ ...good, kind: 'page' })).toEqual(['kind']);
    expect(await faults({ ...good, article: 0, kind: 'home', language: 'de' })).toEqual(['language']);
    expect(await faults({ ...good, article: -1 })).toEqual(['article']);
    expect(await faults({ ...good, article: 1.5 })).toEqual(['article']);
    expect(await faults({ ...good, event: 'click' })).toEqual(['event']);
    expect(await faults({ ...good, referrer: 'https://news.example/path?who=me' })).toEqual(['referrer']);
    expect(await faults({ ...good, source: 'x'.repeat(101) })).toEqual(['source']);
    expect(await faults({ ...good, campaign: 'a\u0000b' })).toEqual(['campaign']);
    expect(await faults({ ...good, ip: '1.2.3.4' })).toEqual(['ip']);
    expect(await faults('{"article":')).toEqual(['body']);
    expect(await faults('[1,2]')).toEqual(['body']);
    expect(await faults('null')).toEqual(['body']);
    expect(await faults('')).toEqual(['body']);
    expect(await faults({ ...good, source: 'y'.repeat(100), medium: 'z'.repeat(100), campaign: 'w'.repeat(100), referrer: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`, x: 'p'.repeat(700) })).toEqual(['body']);
    expect(await faults('x'.repeat(50_000))).toEqual(['body']);
    expect(await faults('{"article":', 'application/json')).toEqual(['body']);
    expect(await faults('article=1', 'application/x-www-form-urlencoded')).toEqual(['body']);
    const pixel = await t().app.inject({ url: '/analytics/pixel.gif?article=999999&language=en&kind=story', headers: { 'user-agent': CHROME } });
    expect(pixel.statusCode).toBe(400);
    expect(await totals(t())).toEqual({ views: 0, visitors: 0, reads: 0 });
    expect(await t().database.db.selectFrom('analytics_visitors').selectAll().execute()).toEqual([]);
  });

  it('answers 404 and shows no beacon while analytics are switched off', async () => {
    await reset(t());
    const story = await publish(t(), 'Switched off');
    const { authorization } = await t().auth('administrator');
    const off = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { analytics: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().analytics).toBe(false);
    const page = await t().app.inject({ url: new URL(story.url).pathname });
    expect(page.body).not.toContain('beacon');
    expect(page.body).not.toContain('/analytics/');
    expect((await beacon(t(), { article: story.id, language: 'en', kind: 'story' })).statusCode).toBe(404);
    expect((await t().app.inject({ url: `/analytics/pixel.gif?article=${story.id}&language=en&kind=story` })).statusCode).toBe(404);
    expect(await totals(t())).toEqual({ views: 0, visitors: 0, reads: 0 });
    const wrong = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { analytics: 'no' } });
    expect(wrong.statusCode).toBe(400);
    await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { analytics: true } });
    expect((await t().app.inject({ url: new URL(story.url).pathname })).body).toContain('data-kind="story"');
  });

  it('forgets a story unpublished in this process at once', async () => {
    await reset(t());
    const story = await publish(t(), 'Soon withdrawn');
    expect((await beacon(t(), { article: story.id, language: 'en', kind: 'story' })).statusCode).toBe(204);
    const { authorization } = await t().auth('editor');
    const current = (await t().app.inject({ url: `/api/admin/v1/articles/${story.id}`, headers: { authorization } })).json();
    const draft = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${story.id}`, headers: { authorization }, payload: { version: current.version, status: 'draft' } });
    expect(draft.statusCode).toBe(200);
    expect((await beacon(t(), { article: story.id, language: 'en', kind: 'story' })).statusCode).toBe(400);
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 1, visitors: 1, reads: 0 });
  });
});

describeEachEngineApp('the analytics beacon under a flood', (t) => {
  it('limits beacons per network and keeps counting other networks', async () => {
    const story = await publish(t(), 'Flooded');
    const view = { article: story.id, language: 'en', kind: 'story' };
    for (let i = 0; i < 5; i++) expect((await beacon(t(), view, { ip: `198.51.100.${i + 1}` })).statusCode).toBe(204);
    const limited = await beacon(t(), view, { ip: '198.51.100.200' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await beacon(t(), view, { ip: '192.0.2.1' })).statusCode).toBe(204);
    expect(await totals(t(), { articleId: story.id })).toEqual({ views: 6, visitors: 6, reads: 0 });
  });
}, { HERALD_ANALYTICS_RATE_LIMIT: '5' });

describeEachEngineApp('the privacy page on reader statistics', (t) => {
  it('says what is counted in every language while analytics are on, and that nothing is once they are off', async () => {
    const expected: Record<string, [string, string]> = {
      en: ['Reader statistics', 'no cookie'],
      fr: ['Statistiques de lecture', 'aucun cookie'],
      'zh-Hant': ['閱讀統計', 'Cookie'],
      ar: ['إحصاءات القراءة', 'كوكي'],
    };
    for (const [language, [heading, cookie]] of Object.entries(expected)) {
      const page = await t().app.inject({ url: `/${language}/privacy` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<h2 id="statistics">${heading}</h2>`);
      expect(page.body).toContain(cookie);
      expect(page.body).toContain('utm_campaign');
      expect(page.body).toMatch(/country|pays|國家|البلد/);
      // DB-IP's licence asks for a link wherever its country data is used.
      expect(page.body).toContain('<a href="https://db-ip.com" lang="en">IP Geolocation by DB-IP</a>');
      const statistics = page.body.slice(page.body.indexOf('id="statistics"'), page.body.indexOf('</ul>', page.body.indexOf('id="statistics"')));
      expect(statistics.match(/<li>/g)?.length).toBe(6);
    }
    const { authorization } = await t().auth('administrator');
    await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { analytics: false } });
    const off = await t().app.inject({ url: '/fr/privacy' });
    expect(off.body).toContain('Ce site ne compte pas ses lecteurs');
    expect(off.body).not.toContain('utm_campaign');
    expect(off.body).not.toContain('db-ip.com');
    expect(off.body).toContain('Le lire ne laisse aucune trace hormis les journaux habituels du serveur.');
  });
});
