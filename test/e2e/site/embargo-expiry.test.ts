import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/main.js';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { createStore, ENGINES, storeEnvironment, type TestStore } from '../../support/engines.js';
import { checkHtmlFiles, describeMessage } from '../../support/nu-checker.js';
import { newsletter } from '../newsletters/seed.js';
import { sectionNamed } from '../../support/sections.js';

/**
 * Embargo and expiry against the real server (page cache on, webhook worker running), on a
 * clock the test holds still: every surface a story reaches is read one second before its
 * moment and one second after.
 */

const BASE = 'http://herald.test';

async function webhookReceiver() {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every lifetime a Cache-Control grants (fresh and stale), in seconds. */
function lifetimes(cacheControl: string | null): number[] {
  return [...(cacheControl ?? '').matchAll(/(?:max-age|s-maxage|stale-while-revalidate)=(\d+)/g)].map((m) => Number(m[1]));
}

interface Harness {
  server: RunningServer;
  store: TestStore;
  hook: Awaited<ReturnType<typeof webhookReceiver>>;
  /** The server's clock: held at this time when set, the real time otherwise. */
  setClock(ms: number | null): void;
  admin(path: string, method?: string, body?: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
  /** As a fediverse server asks. */
  getActivity(path: string): Promise<Response>;
  contentKey: string;
}

async function startHarness(engine: (typeof ENGINES)[number]): Promise<Harness> {
  const store = await createStore(engine);
  let held: number | null = null;
  const config = loadConfig({
    ...storeEnvironment(store),
    PORT: '0', HOST: '127.0.0.1', HERALD_DEMO: 'off', HERALD_CACHE: 'on', HERALD_BASE_URL: BASE,
    HERALD_WEBHOOK_POLL_MS: '50', HERALD_OUTBOUND_ALLOW: '127.0.0.1',
  });
  const server = await startServer(config, { clock: () => held ?? Date.now() });
  await updateSettings(server.database.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en', federation: true });
  const user = await createUser(server.database.db, { email: 'editor@herald.test', name: 'Eda Editor', role: 'administrator' });
  const { token } = await createApiToken(server.database.db, { name: 'moments', role: 'administrator', userId: user.id });
  const hook = await webhookReceiver();
  const admin = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${server.url}/api/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const created = await admin('/webhooks', 'POST', { url: hook.url, events: ['article.published'] });
  expect(created.status).toBe(201);
  return {
    server,
    store,
    hook,
    setClock: (ms) => (held = ms),
    admin,
    get: (path) => fetch(`${server.url}${path}`, { redirect: 'manual' }),
    getActivity: (path) => fetch(`${server.url}${path}`, { headers: { accept: 'application/activity+json' } }),
    contentKey: (await createContentKey(server.database.db, { name: 'app' })).key,
  };
}

async function stopHarness(h: Harness | undefined) {
  if (!h) return;
  await h.server.stop();
  await h.hook.close();
  await h.store.drop();
}

/** A whole second, an hour from now: the moment the test moves around. */
const anHourAhead = () => Math.ceil((Date.now() + 3_600_000) / 1000) * 1000;

for (const engine of ENGINES) {
  describe(`embargo [${engine}]`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    }, 60_000);
    afterAll(() => stopHarness(h));

    it('one second before it lifts the story is nowhere; one second after it is everywhere', { timeout: 120_000 }, async () => {
      const letterId = await newsletter(h.server.database.db, { name: 'Morning', language: 'en' });
      // A story already out, in the same tag and section: its page links to its neighbours.
      const anchor = await h.admin('/articles', 'POST', { language: 'en', title: 'Harbour works begin', body: 'Cranes arrive.', status: 'published', tags: ['Harbour'], section: await sectionNamed(h.server.database, 'City') });
      expect(anchor.status).toBe(201);
      const anchorPath = ((await anchor.json()) as { path: string }).path;

      // Written as a draft with a preview link shared, then published under an embargo.
      const draft = await h.admin('/articles', 'POST', { language: 'en', title: 'Zeppelin returns to the harbour', body: 'The airship zeppelin lands at dawn.', tags: ['Harbour'], section: await sectionNamed(h.server.database, 'City') });
      const story = (await draft.json()) as { id: number; version: number; path: string; slug: string };
      const preview = (await (await h.admin(`/articles/${story.id}/preview`, 'POST')).json()) as { url: string };
      const previewPath = new URL(preview.url).pathname;
      expect((await h.get(previewPath)).status).toBe(200);

      const lifts = anHourAhead();
      const embargoed = await h.admin(`/articles/${story.id}`, 'PATCH', { version: story.version, status: 'published', embargoUntil: new Date(lifts).toISOString() });
      expect(embargoed.status).toBe(200);
      const stored = (await embargoed.json()) as { status: string; publishAt: string; embargoUntil: string };
      // "Publish" under an embargo: scheduled for the moment it lifts.
      expect(stored).toMatchObject({ status: 'scheduled', publishAt: new Date(lifts).toISOString(), embargoUntil: new Date(lifts).toISOString() });
      // No new preview link while it holds.
      expect((await h.admin(`/articles/${story.id}/preview`, 'POST')).status).toBe(409);

      const key = h.contentKey;
      const surfaces: Array<{ name: string; path: string }> = [
        { name: 'home page', path: '/en/' },
        { name: 'tag page', path: '/en/tag/harbour' },
        { name: 'section page', path: '/en/section/city' },
        { name: 'author page', path: '/en/author/eda-editor' },
        { name: 'neighbour links', path: anchorPath },
        { name: 'search page', path: '/en/search?q=zeppelin' },
        { name: 'RSS feed', path: '/en/feed.xml' },
        { name: 'Atom feed', path: '/en/feed.atom' },
        { name: 'JSON feed', path: '/en/feed.json' },
        { name: 'tag feed', path: '/en/tag/harbour/feed.xml' },
        { name: 'sitemap', path: '/sitemaps/en-stories-1.xml' },
        { name: 'news sitemap', path: '/news-sitemap.xml' },
        { name: 'Content API list', path: `/api/content/v1/articles?language=en&key=${key}` },
        { name: 'Content API search', path: `/api/content/v1/search?q=zeppelin&key=${key}` },
      ];
      const direct = [
        { name: 'story page', path: story.path },
        { name: 'preview link', path: previewPath },
        { name: 'Content API story', path: `/api/content/v1/articles/${story.id}?key=${key}` },
        { name: 'Content API by slug', path: `/api/content/v1/articles/slug/en/${story.slug}?key=${key}` },
        { name: 'comment form token', path: `/comments/token?article=${story.id}` },
        { name: 'comments feed', path: `/comments/feed/${story.id}.xml` },
      ];
      const newsletterSends = async () =>
        (await h.server.database.db.selectFrom('newsletter_sends').select('id').where('article_id', '=', story.id).execute()).length;
      const outboxCount = async () => ((await (await h.getActivity('/ap/actors/en/outbox')).json()) as { totalItems: number }).totalItems;
      const mentions = (text: string) => text.includes('Zeppelin returns') || text.includes(story.slug);

      // Cached before the moment: each listing read twice, the second time from the page cache.
      for (const surface of surfaces) await h.get(surface.path);
      expect((await h.get('/en/')).headers.get('x-cache')).toBe('HIT');

      h.setClock(lifts - 1000);
      for (const surface of surfaces) {
        const response = await h.get(surface.path);
        expect(response.status, surface.name).toBe(200);
        expect(mentions(await response.text()), `${surface.name} one second before`).toBe(false);
        // No cache may keep what it got past the moment.
        if (!surface.path.startsWith('/api/')) expect(Math.max(...lifetimes(response.headers.get('cache-control'))), surface.name).toBeLessThanOrEqual(1);
      }
      for (const surface of direct) {
        const response = await h.get(surface.path);
        expect(response.status, `${surface.name} one second before`).toBe(404);
        // (A 404 page names the address asked for: only the story's words would be a leak.)
        expect(await response.text(), surface.name).not.toMatch(/Zeppelin|airship/);
      }
      const comment = await fetch(`${h.server.url}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ article: story.id, name: 'Reader', email: 'reader@example.com', body: 'First!' }),
      });
      expect(comment.status, 'posting a comment one second before').toBe(404);
      expect(await outboxCount(), 'fediverse outbox one second before').toBe(1);
      expect((await h.getActivity(`/ap/articles/${story.id}`)).status, 'fediverse object one second before').toBe(404);
      // A newsletter asked for now is planned for when the story goes out: no mail is queued before.
      const planned = await h.admin(`/articles/${story.id}/newsletter-sends`, 'POST', { newsletterIds: [letterId] });
      expect(planned.status).toBe(202);
      expect(((await planned.json()) as { sends: Array<{ status: string }> }).sends.map((send) => send.status)).toEqual(['scheduled']);
      expect(await newsletterSends(), 'newsletter sends one second before').toBe(0);
      // Long enough for the webhook worker (polling every 50 ms) to have sent anything queued.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(h.hook.bodies.filter((body) => body.includes('Zeppelin')), 'webhooks one second before').toEqual([]);

      h.setClock(lifts + 1000);
      for (const surface of surfaces) {
        const response = await h.get(surface.path);
        expect(response.status, surface.name).toBe(200);
        expect(mentions(await response.text()), `${surface.name} one second after`).toBe(true);
      }
      for (const surface of direct.filter((s) => s.name !== 'preview link')) {
        expect((await h.get(surface.path)).status, `${surface.name} one second after`).toBe(200);
      }
      expect(await outboxCount(), 'fediverse outbox one second after').toBe(2);
      const object = await h.getActivity(`/ap/articles/${story.id}`);
      expect(object.status, 'fediverse object one second after').toBe(200);
      expect(await object.text()).toContain('Zeppelin returns');
      const previewAfter = await h.get(previewPath);
      expect(previewAfter.status).toBe(302);
      expect(previewAfter.headers.get('location')).toBe(story.path);
      expect(await newsletterSends(), 'newsletter sends one second after').toBe(1);
      await until(() => h.hook.bodies.some((body) => body.includes('Zeppelin')));
      const published = JSON.parse(h.hook.bodies.find((body) => body.includes('Zeppelin'))!) as { event: string; data: { article: { id: number } } };
      expect(published.event).toBe('article.published');
      expect(published.data.article.id).toBe(story.id);
    });
  });

  describe(`expiry [${engine}]`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    }, 60_000);
    afterAll(() => stopHarness(h));

    it('an expired story leaves every listing; gone answers 410 with a note in its language, unlisted still shows with noindex', { timeout: 240_000 }, async () => {
      const ends = anHourAhead();
      const expiresAt = new Date(ends).toISOString();
      const make = async (body: Record<string, unknown>) => {
        const response = await h.admin('/articles', 'POST', { status: 'published', tags: ['Marché'], expiresAt, ...body });
        expect(response.status, await response.clone().text()).toBe(201);
        return (await response.json()) as { id: number; path: string; slug: string; expiresAt: string; expiry: string };
      };
      const gone = await make({ language: 'fr', title: 'Soldes du marché de Noël', body: 'Les bonnes affaires du marché.', expiry: 'gone' });
      const unlisted = await make({ language: 'fr', title: 'Horaires du marché de Noël', body: 'Le marché ouvre à dix heures.', expiry: 'unlisted' });
      expect(gone).toMatchObject({ expiresAt, expiry: 'gone' });
      expect(unlisted.expiry).toBe('unlisted');
      const listings = ['/fr/', `/fr/tag/${encodeURIComponent('marché')}`, '/fr/feed.xml', '/fr/feed.json', '/sitemaps/fr-stories-1.xml', '/fr/search?q=march%C3%A9', `/api/content/v1/articles?language=fr&key=${h.contentKey}`];

      // In a listing by its headline, in a sitemap by its address.
      const shows = (text: string, story: { slug: string }, title: string) => text.includes(title) || text.includes(story.slug) || text.includes(encodeURIComponent(story.slug));
      for (const path of [...listings, gone.path, unlisted.path]) await h.get(path);
      h.setClock(ends - 1000);
      for (const path of listings) {
        const text = await (await h.get(path)).text();
        expect(shows(text, gone, 'Soldes du marché') && shows(text, unlisted, 'Horaires du marché'), `${path} one second before`).toBe(true);
      }
      const before = await h.get(gone.path);
      expect(before.status).toBe(200);
      expect(before.headers.get('x-cache')).toBe('HIT');
      expect(Math.max(...lifetimes(before.headers.get('cache-control')))).toBeLessThanOrEqual(1);

      h.setClock(ends + 1000);
      for (const path of listings) {
        const text = await (await h.get(path)).text();
        expect(shows(text, gone, 'Soldes du marché') || shows(text, unlisted, 'Horaires du marché'), `${path} one second after`).toBe(false);
      }
      const note = await h.get(gone.path);
      expect(note.status).toBe(410);
      const html = await note.text();
      expect(html).toContain('lang="fr"');
      expect(html).toContain('Cet article n’est plus disponible');
      expect(html).toContain('Soldes du marché de Noël');
      expect(html).toMatch(/<meta name="robots" content="noindex"/);

      const page = await h.get(unlisted.path);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-robots-tag')).toBe('noindex');
      const unlistedHtml = await page.text();
      expect(unlistedHtml).toContain('Horaires du marché de Noël');
      expect(unlistedHtml).toMatch(/<meta name="robots" content="noindex"/);
      // Both pages as the W3C checker reads them.
      const folder = mkdtempSync(join(tmpdir(), 'herald-expiry-'));
      try {
        writeFileSync(join(folder, 'gone.html'), html);
        writeFileSync(join(folder, 'unlisted.html'), unlistedHtml);
        expect((await checkHtmlFiles([join(folder, 'gone.html'), join(folder, 'unlisted.html')])).map(describeMessage)).toEqual([]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }

      // The story list says what happened; moving the expiry to later brings the story back.
      const listed = (await (await h.admin('/articles?status=expired')).json()) as { items: Array<{ id: number }> };
      expect(listed.items.map((a) => a.id).sort()).toEqual([gone.id, unlisted.id].sort());
      const current = (await (await h.admin(`/articles/${gone.id}`)).json()) as { version: number; status: string };
      expect(current.status).toBe('expired');
      const later = new Date(ends + 86_400_000).toISOString();
      const back = await h.admin(`/articles/${gone.id}`, 'PATCH', { version: current.version, expiresAt: later });
      expect(back.status).toBe(200);
      expect(((await back.json()) as { status: string }).status).toBe('published');
      expect((await h.get(gone.path)).status).toBe(200);
      expect(await (await h.get('/fr/')).text()).toContain('Soldes du marché');
    });
  });
}
