import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { describeEachEngineApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { checkHtmlFiles, describeMessage } from '../../support/nu-checker.js';
import { parseHtml } from './html.js';

/** The byline in the order the editor chose: not alphabetical, not by id, a guest in the middle. */
const BYLINE = ['Ben Okafor', 'Chiara Rossi', 'Amal Haddad'];

interface Newsroom {
  editor: { authorization: string };
  guest: { id: number; slug: string };
  slugs: string[];
  english: { id: number; path: string };
  arabic: { id: number; path: string };
}

async function fillNewsroom(t: TestApp): Promise<Newsroom> {
  const editor = await t.auth('editor');
  const amal = await createUser(t.database.db, { email: 'amal@herald.test', name: 'Amal Haddad', role: 'author' });
  const ben = await createUser(t.database.db, { email: 'ben@herald.test', name: 'Ben Okafor', role: 'author' });
  const created = await t.app.inject({
    method: 'POST', url: '/api/admin/v1/guests', headers: editor,
    payload: { name: 'Chiara Rossi', bio: 'Freelance reporter on the northern coast.', website: 'https://chiara.example.org/' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const guest = created.json();
  const story = async (payload: Record<string, unknown>) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: editor, payload: { status: 'published', ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json().id as number, path: new URL(response.json().url).pathname };
  };
  const english = await story({
    language: 'en',
    title: 'Harbour reopens after the storm',
    body: '<p>The fishing boats came back to the harbour on Monday morning, and the market opened again after three quiet days.</p>',
    authors: [ben.slug, guest.id, amal.id],
    featuredImage: { url: 'https://images.example.org/boats.jpg', alt: 'Boats in the harbour', caption: 'The first boats back.', credit: 'Herald' },
    credits: { photographers: [guest.id], additionalReporting: [amal.id], translators: [ben.id] },
  });
  const arabic = await story({
    language: 'ar',
    translationOf: english.id,
    title: 'الميناء يعيد فتح أبوابه بعد العاصفة',
    body: '<p>عادت قوارب الصيد إلى الميناء صباح يوم الاثنين، وفتح السوق أبوابه من جديد بعد ثلاثة أيام هادئة.</p>',
    authors: [ben.id, guest.slug, amal.id],
    featuredImage: { url: 'https://images.example.org/boats.jpg', alt: 'قوارب في الميناء', caption: 'أولى القوارب العائدة.' },
    credits: { translators: [guest.id], photographers: [guest.id] },
  });
  return { editor, guest, slugs: [ben.slug, guest.slug, amal.slug], english, arabic };
}

describeEachEngineApp('Everyone who made a story: ordered co-authors, a guest contributor, typed credits', (t) => {
  let room: Newsroom;
  const page = async (url: string) => {
    const response = await t().app.inject({ url });
    expect(response.statusCode, url).toBe(200);
    return parseHtml(response.body);
  };
  const newsArticle = (html: ReturnType<typeof parseHtml>) => html.jsonLd().find((d) => d['@type'] === 'NewsArticle')!;

  beforeAll(async () => {
    room = await fillNewsroom(t());
  }, 60_000);

  it('shows the byline in the chosen order, joined as each language joins a list', async () => {
    const english = await page(room.english.path);
    const byline = english.one('p', { class: 'meta byline' });
    expect(english.all('a', { rel: 'author' }).map((a) => english.text(a))).toEqual(BYLINE);
    expect(english.text(byline)).toBe(`By ${new Intl.ListFormat('en').format(BYLINE)}`);
    expect(english.all('a', { rel: 'author' }).map((a) => english.attr(a, 'href'))).toEqual(room.slugs.map((s) => `/en/author/${s}`));

    const arabic = await page(room.arabic.path);
    expect(arabic.text(arabic.one('p', { class: 'meta byline' }))).toContain(new Intl.ListFormat('ar').format(BYLINE));
    expect(arabic.text(arabic.one('p', { class: 'meta byline' }))).not.toContain(', ');
  });

  it('shows the credits: the photographer with the picture, additional reporting, a translator only on the translation', async () => {
    const english = await page(room.english.path);
    expect(english.text(english.one('figcaption'))).toBe('The first boats back. Photo: Chiara Rossi / Herald');
    expect(english.attr(english.one('a', { href: `/en/author/${room.guest.slug}` }), 'href')).toBeDefined();
    expect(english.text(english.one('p', { class: /additional-reporting/ }))).toBe('Additional reporting by Amal Haddad');
    // The English story is no translation: its stored translator is not shown.
    expect(english.all('p', { class: 'translation-note' })).toHaveLength(0);
    expect(newsArticle(english).translator).toBeUndefined();

    const arabic = await page(room.arabic.path);
    const note = arabic.text(arabic.one('p', { class: 'translation-note' }));
    expect(note).toContain('Chiara Rossi');
    expect(note).toMatch(/^ترجمه Chiara Rossi عن /);
    expect(arabic.all('p', { class: /additional-reporting/ })).toHaveLength(0);
  });

  it('carries the byline and credits in JSON-LD, in order', async () => {
    const english = newsArticle(await page(room.english.path));
    expect(english.author.map((a: { name: string }) => a.name)).toEqual(BYLINE);
    expect(english.author[1]).toEqual({
      '@type': 'Person', name: 'Chiara Rossi', url: `${TEST_BASE_URL}/en/author/${room.guest.slug}`, sameAs: 'https://chiara.example.org/',
    });
    expect(english.image[0]).toMatchObject({ '@type': 'ImageObject', creator: [{ '@type': 'Person', name: 'Chiara Rossi' }], creditText: 'Chiara Rossi / Herald' });
    expect(english.contributor).toEqual([expect.objectContaining({ name: 'Amal Haddad' })]);
    const arabic = newsArticle(await page(room.arabic.path));
    expect(arabic.author.map((a: { name: string }) => a.name)).toEqual(BYLINE);
    expect(arabic.translator).toEqual([expect.objectContaining({ '@type': 'Person', name: 'Chiara Rossi', url: `${TEST_BASE_URL}/ar/author/${room.guest.slug}` })]);
  });

  it('lists the story on each of the three author pages, the guest’s with their bio and link', async () => {
    for (const slug of room.slugs) {
      const authorPage = await page(`/en/author/${slug}`);
      expect(authorPage.all('a', { href: room.english.path }).length, slug).toBeGreaterThan(0);
    }
    const guest = await page(`/en/author/${room.guest.slug}`);
    expect(guest.text(guest.one('h1'))).toBe('Stories by Chiara Rossi');
    expect(guest.text(guest.one('p', { class: 'standfirst' }))).toBe('Freelance reporter on the northern coast.');
    expect(guest.text(guest.one('p', { class: 'author-website' }))).toBe('Website: chiara.example.org');
    const sitemap = (await t().app.inject({ url: '/sitemaps/en-authors-1.xml' })).body;
    for (const slug of room.slugs) expect(sitemap).toContain(`${TEST_BASE_URL}/en/author/${slug}`);
  });

  it('names the authors in order in RSS, Atom and JSON Feed, and puts the story in each author’s feeds', async () => {
    const rss = (await t().app.inject({ url: '/en/feed.xml' })).body;
    const item = rss.slice(rss.indexOf('<item>'), rss.indexOf('</item>'));
    expect([...item.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1])).toEqual(BYLINE);
    const atom = (await t().app.inject({ url: '/en/feed.atom' })).body;
    const entry = atom.slice(atom.indexOf('<entry>'), atom.indexOf('</entry>'));
    expect([...entry.matchAll(/<author>\s*<name>([^<]*)<\/name>/g)].map((m) => m[1])).toEqual(BYLINE);
    const json = (await t().app.inject({ url: '/en/feed.json' })).json();
    expect(json.items[0].authors.map((a: { name: string }) => a.name)).toEqual(BYLINE);
    for (const slug of room.slugs) {
      for (const file of ['feed.xml', 'feed.atom', 'feed.json']) {
        const feed = await t().app.inject({ url: `/en/author/${slug}/${file}` });
        expect(feed.statusCode, `${slug}/${file}`).toBe(200);
        expect(feed.body, `${slug}/${file}`).toContain('Harbour reopens after the storm');
      }
    }
  });

  it('gives the byline and credits in the Content API, in order, with the guest’s link and no e-mail', async () => {
    const { key } = await createContentKey(t().database.db, { name: 'credits' });
    const english = (await t().app.inject({ url: `/api/content/v1/articles/${room.english.id}?key=${key}` })).json();
    const article = english.article ?? english;
    expect(article.authors.map((a: { name: string }) => a.name)).toEqual(BYLINE);
    expect(article.authors[1]).toEqual({ id: room.guest.id, name: 'Chiara Rossi', slug: room.guest.slug, bio: 'Freelance reporter on the northern coast.', avatarUrl: null, website: 'https://chiara.example.org/' });
    expect(article.credits.photographers.map((p: { name: string }) => p.name)).toEqual(['Chiara Rossi']);
    expect(article.credits.additionalReporting.map((p: { name: string }) => p.name)).toEqual(['Amal Haddad']);
    expect(article.credits.translators).toEqual([]);
    expect(JSON.stringify(article)).not.toContain('.invalid');
  });

  it('keeps a new order of the byline', async () => {
    const admin = await t().auth('administrator');
    const current = (await t().app.inject({ url: `/api/admin/v1/articles/${room.english.id}`, headers: admin })).json();
    const reversed = [...room.slugs].reverse();
    const patched = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers: admin, payload: { version: current.version, authors: reversed },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().authors.map((a: { slug: string }) => a.slug)).toEqual(reversed);
    // Credits not sent stay as they were.
    expect(patched.json().credits.photographers.map((p: { name: string }) => p.name)).toEqual(['Chiara Rossi']);
    const html = await page(room.english.path);
    expect(html.all('a', { rel: 'author' }).map((a) => html.text(a))).toEqual([...BYLINE].reverse());
    const rss = (await t().app.inject({ url: '/en/feed.xml' })).body;
    const item = rss.slice(rss.indexOf('<item>'), rss.indexOf('</item>'));
    expect([...item.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1])).toEqual([...BYLINE].reverse());
    const restored = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers: admin, payload: { version: patched.json().version, authors: room.slugs },
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it('answers 400 naming the credit or guest field at fault, and changes nothing', async () => {
    const admin = await t().auth('administrator');
    const before = (await t().app.inject({ url: `/api/admin/v1/articles/${room.english.id}`, headers: admin })).json();
    const bad = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers: admin,
      payload: { version: before.version, title: 'Changed', credits: { photographers: [room.guest.id], additionalReporting: ['nobody-here'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'credits.additionalReporting.0', message: 'no person "nobody-here"' }]);
    const unknownKind = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers: admin, payload: { version: before.version, credits: { illustrators: [1] } },
    });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.body).toContain('illustrators');
    const after = (await t().app.inject({ url: `/api/admin/v1/articles/${room.english.id}`, headers: admin })).json();
    expect(after.version).toBe(before.version);
    expect(after.title).toBe(before.title);

    const guest = (payload: Record<string, unknown>) => t().app.inject({ method: 'POST', url: '/api/admin/v1/guests', headers: admin, payload });
    const noName = await guest({ name: '  ' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields).toEqual([{ field: 'name', message: 'is required' }]);
    const badLink = await guest({ name: 'Dana', website: 'javascript:alert(1)' });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().error.fields).toEqual([{ field: 'website', message: 'must be an http:// or https:// address' }]);
    const control = await guest({ name: 'Dana\u0007' });
    expect(control.statusCode).toBe(400);
    expect(control.json().error.fields[0].field).toBe('name');
    expect(await t().database.db.selectFrom('users').select('id').where('name', 'like', 'Dana%').execute()).toEqual([]);
  });

  it('lets every role list guests, and only editors and administrators add, edit or remove them', async () => {
    for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
      const headers = await t().auth(role);
      const list = await t().app.inject({ url: '/api/admin/v1/guests', headers });
      expect(list.statusCode, role).toBe(200);
      expect(list.json().items.map((g: { name: string }) => g.name), role).toContain('Chiara Rossi');
      const manages = role === 'editor' || role === 'administrator';
      const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/guests', headers, payload: { name: `Guest of ${role}` } });
      expect(created.statusCode, role).toBe(manages ? 201 : 403);
      const edited = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/guests/${room.guest.id}`, headers, payload: { bio: 'Freelance reporter on the northern coast.' } });
      expect(edited.statusCode, role).toBe(manages ? 200 : 403);
      if (manages) {
        const removed = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/guests/${created.json().id}`, headers });
        expect(removed.statusCode, role).toBe(204);
      } else {
        const refused = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/guests/${room.guest.id}`, headers });
        expect(refused.statusCode, role).toBe(403);
      }
    }
  });

  it('keeps guests out of the staff: not listed, not editable as staff, no password reset', async () => {
    const admin = await t().auth('administrator');
    const staff = (await t().app.inject({ url: '/api/admin/v1/users', headers: admin })).json().items;
    expect(staff.map((p: { id: number }) => p.id)).not.toContain(room.guest.id);
    const asStaff = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${room.guest.id}`, headers: admin, payload: { role: 'administrator' } });
    expect(asStaff.statusCode).toBe(404);
    const row = await t().database.db.selectFrom('users').select(['role', 'password_hash']).where('id', '=', room.guest.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'guest', password_hash: null });
    // A person leaving hands their stories to staff, never to a guest without an account.
    const ben = await t().database.db.selectFrom('users').select('id').where('slug', '=', room.slugs[0]).executeTakeFirstOrThrow();
    const toGuest = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/users/${ben.id}?reassignTo=${room.guest.id}`, headers: admin });
    expect(toGuest.statusCode).toBe(400);
    expect(toGuest.json().error.fields).toEqual([{ field: 'reassignTo', message: `no member of staff ${room.guest.id}` }]);
  });

  it('lets a contributor credit people on their own draft but not on someone else’s story', async () => {
    const contributor = await t().auth('contributor');
    const own = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: contributor,
      payload: { language: 'en', title: 'A draft with a guest', authors: [contributor.userId, room.guest.id], credits: { additionalReporting: [room.guest.slug] } },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().credits.additionalReporting.map((p: { id: number }) => p.id)).toEqual([room.guest.id]);
    const theirs = (await t().app.inject({ url: `/api/admin/v1/articles/${room.english.id}`, headers: room.editor })).json();
    const refused = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers: contributor, payload: { version: theirs.version, credits: { photographers: [] } },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('lets editors and administrators change the credits of anyone’s story, not a contributor or an author', async () => {
    for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
      const headers = await t().auth(role);
      const current = (await t().app.inject({ url: `/api/admin/v1/articles/${room.english.id}`, headers: room.editor })).json();
      const patched = await t().app.inject({
        method: 'PATCH', url: `/api/admin/v1/articles/${room.english.id}`, headers,
        payload: { version: current.version, credits: { photographers: [room.guest.id] } },
      });
      expect(patched.statusCode, role).toBe(role === 'editor' || role === 'administrator' ? 200 : 403);
    }
  });

  it('removing a guest takes them out of bylines and credits, and their page answers 404', async () => {
    const editor = room.editor;
    const extra = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/guests', headers: editor, payload: { name: 'Eli Brandt' } })).json();
    const story = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: editor,
      payload: { language: 'en', status: 'published', title: 'A story by a short-lived guest', authors: [extra.id, room.slugs[0]], credits: { photographers: [extra.id] } },
    });
    expect(story.statusCode, story.body).toBe(201);
    expect((await t().app.inject({ url: `/en/author/${extra.slug}` })).statusCode).toBe(200);
    expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/guests/${extra.id}`, headers: editor })).statusCode).toBe(204);
    expect((await t().app.inject({ url: `/en/author/${extra.slug}` })).statusCode).toBe(404);
    const after = (await t().app.inject({ url: `/api/admin/v1/articles/${story.json().id}`, headers: editor })).json();
    expect(after.authors.map((a: { name: string }) => a.name)).toEqual(['Ben Okafor']);
    expect(after.credits.photographers).toEqual([]);
  });

  describeHtmlValidity(t, () => room);
});

/** The W3C Nu Html Checker on the new pages: a guest's author page and a story with every credit, in English and Arabic. */
function describeHtmlValidity(t: () => TestApp, room: () => Newsroom) {
  const folder = mkdtempSync(join(tmpdir(), 'herald-credits-html-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  it('passes the W3C checker without errors', async () => {
    const pages = {
      'guest-en': `/en/author/${room().guest.slug}`,
      'guest-ar': `/ar/author/${room().guest.slug}`,
      'story-en': room().english.path,
      'story-ar': room().arabic.path,
    };
    const files: string[] = [];
    for (const [name, url] of Object.entries(pages)) {
      const response = await t().app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, response.body);
      files.push(file);
    }
    // Errors and warnings alike (info messages are left out by the helper).
    expect((await checkHtmlFiles(files)).map(describeMessage)).toEqual([]);
  }, 120_000);
}
