import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { checkHtmlFiles, describeMessage } from '../../support/nu-checker.js';
import { parseHtml } from './html.js';
import { sectionNamed } from '../../support/sections.js';

const HOUR = 3_600_000;
const API = '/api/admin/v1/articles';

/** Pages saved for the Nu Html Checker, checked once for both engines at the end. */
const folder = mkdtempSync(join(tmpdir(), 'herald-corrections-'));
const saved: string[] = [];

describeEachEngineApp('Corrections and updates on the record', (t) => {
  const story = { id: 0, path: '', version: 0 };
  const french = { id: 0, path: '' };
  const arabic = { id: 0, path: '' };
  const inject = async (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, role: Parameters<ReturnType<typeof t>['auth']>[0], payload?: object) =>
    t().app.inject({ method, url, headers: await t().auth(role), ...(payload ? { payload } : {}) });
  const page = (url: string) => t().app.inject({ url });
  const save = (name: string, html: string) => {
    const file = join(folder, `${t().engine}--${name}.html`);
    writeFileSync(file, html);
    saved.push(file);
  };

  it('sets up an English story by an author, with a French and an Arabic translation, all current', async () => {
    const author = await t().auth('author');
    const at = new Date(Date.now() - 2 * HOUR).toISOString();
    const created = await inject('POST', API, 'editor', {
      language: 'en', title: 'Dam opens on the river', standfirst: 'The reservoir fills this winter.', body: '<p>The dam holds 3 million cubic metres.</p>',
      status: 'published', publishedAt: at, tags: ['Water'], section: await sectionNamed(t().database, 'Region'), authors: [author.userId],
    });
    expect(created.statusCode, created.body).toBe(201);
    Object.assign(story, { id: created.json().id, path: new URL(created.json().url).pathname, version: created.json().version });
    for (const [target, language, title, body] of [
      [french, 'fr', 'Le barrage ouvre sur la rivière', '<p>Le barrage retient 3 millions de mètres cubes.</p>'],
      [arabic, 'ar', 'افتتاح السد على النهر', '<p>يحتجز السد ثلاثة ملايين متر مكعب من المياه.</p>'],
    ] as const) {
      const made = await inject('POST', API, 'editor', { language, title, body, status: 'published', translationOf: story.id });
      expect(made.statusCode, made.body).toBe(201);
      Object.assign(target, { id: made.json().id, path: new URL(made.json().url).pathname });
    }
    const states = (await inject('GET', `${API}/${story.id}`, 'editor')).json().translationStatus.map((l: { language: string; state: string }) => `${l.language}:${l.state}`);
    expect(states).toEqual(expect.arrayContaining(['en:original', 'fr:current', 'ar:current']));
  });

  it('lets an administrator, an editor and the story’s author add, change and remove notes; refuses a contributor and another author', async () => {
    const url = `${API}/${story.id}/corrections`;
    const other = await createUser(t().database.db, { email: 'other-author@herald.test', name: 'Other Author', role: 'author' });
    const otherToken = (await createApiToken(t().database.db, { name: 'other author', role: 'author', userId: other.id })).token;
    const asOther = await t().app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${otherToken}` }, payload: { kind: 'update', text: 'Mine?' } });
    expect([asOther.statusCode, asOther.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const asContributor = await inject('POST', url, 'contributor', { kind: 'update', text: 'Mine?' });
    expect(asContributor.statusCode).toBe(403);

    for (const role of ['administrator', 'editor', 'author'] as const) {
      const added = await inject('POST', url, role, { kind: 'update', text: `A note by the ${role}.` });
      expect(added.statusCode, `${role}: ${added.body}`).toBe(201);
      const note = added.json().corrections.at(-1);
      expect(note).toMatchObject({ kind: 'update', text: `A note by the ${role}.` });
      const changed = await inject('PATCH', `${url}/${note.id}`, role, { text: `A note changed by the ${role}.` });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().corrections.at(-1).text).toBe(`A note changed by the ${role}.`);
      // Neither the contributor nor the other author may change or remove it.
      expect((await inject('PATCH', `${url}/${note.id}`, 'contributor', { text: 'x' })).statusCode).toBe(403);
      expect((await inject('DELETE', `${url}/${note.id}`, 'contributor')).statusCode).toBe(403);
      expect((await t().app.inject({ method: 'DELETE', url: `${url}/${note.id}`, headers: { authorization: `Bearer ${otherToken}` } })).statusCode).toBe(403);
      const removed = await inject('DELETE', `${url}/${note.id}`, role);
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().corrections.map((c: { id: number }) => c.id)).not.toContain(note.id);
    }
    // Bad input names its field; nothing is written.
    const before = (await inject('GET', `${API}/${story.id}`, 'editor')).json().version;
    const faults = [
      [{ kind: 'correction', text: '  ' }, 'text'],
      [{ kind: 'erratum', text: 'Wrong.' }, 'kind'],
      [{ kind: 'correction', text: 'Wrong.', publishedAt: new Date(Date.now() + 2 * HOUR).toISOString() }, 'publishedAt'],
      [{ kind: 'correction' }, 'text'],
    ] as const;
    for (const [payload, field] of faults) {
      const refused = await inject('POST', url, 'editor', payload);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(JSON.stringify(refused.json().error), JSON.stringify(payload)).toContain(field);
    }
    expect((await inject('GET', `${API}/${story.id}`, 'editor')).json().version).toBe(before);
    expect((await inject('PATCH', `${url}/999999`, 'editor', { text: 'x' })).statusCode).toBe(404);
  });

  it('refuses a note on a draft', async () => {
    const draft = await inject('POST', API, 'editor', { language: 'en', title: 'Not yet out', body: '<p>Soon.</p>' });
    const refused = await inject('POST', `${API}/${draft.json().id}/corrections`, 'editor', { kind: 'correction', text: 'Wrong.' });
    expect(refused.statusCode).toBe(409);
  });

  let correction: { id: number; publishedAt: string; text: string };
  it('a correction drops the cached story page and shows on it, in JSON-LD, the sitemap and the corrections page; the translations become outdated', async () => {
    expect((await page(story.path)).statusCode).toBe(200);
    expect((await page(story.path)).headers['x-cache']).toBe('HIT');
    expect((await page('/en/corrections')).statusCode).toBe(200);
    expect((await page('/en/corrections')).headers['x-cache']).toBe('HIT');

    const text = 'An earlier version of this story said the dam holds 3 million cubic metres. It holds 30 million.';
    const added = await inject('POST', `${API}/${story.id}/corrections`, 'editor', { kind: 'correction', text });
    expect(added.statusCode, added.body).toBe(201);
    correction = added.json().corrections.at(-1);
    expect(added.json().updatedAt).toBe(correction.publishedAt);
    await inject('POST', `${API}/${story.id}/corrections`, 'editor', { kind: 'update', text: 'The dam was inaugurated on Friday.' });

    const response = await page(story.path);
    expect(response.headers['x-cache']).not.toBe('HIT');
    const html = parseHtml(response.body);
    const notes = html.one('aside', { id: 'corrections' });
    expect(html.text(notes)).toContain(text);
    expect(html.text(notes)).toContain('Correction');
    // Its time, in the page's language and the site's zone, machine-readable.
    const time = html.all('time').find((el) => html.position(el) > html.position(notes))!;
    expect(Date.parse(html.attr(time, 'datetime')!)).toBe(Math.floor(Date.parse(correction.publishedAt) / 1000) * 1000);
    // Corrections after the text, updates before it; the dates line says it was corrected and links down.
    const body = html.one('div', { class: 'body' });
    expect(html.position(notes)).toBeGreaterThan(html.position(body));
    expect(html.position(html.one('aside', { class: 'story-notes updates' }))).toBeLessThan(html.position(body));
    expect(html.text(html.one('p', { class: 'meta dates' }))).toMatch(/Updated .* · Corrected/);
    expect(html.attr(html.one('a', { href: '#corrections' }), 'href')).toBe('#corrections');

    const news = html.jsonLd().find((d) => d['@type'] === 'NewsArticle')!;
    expect(news.correction).toEqual([{ '@type': 'CorrectionComment', text, datePublished: correction.publishedAt }]);
    const modified = (await inject('GET', `${API}/${story.id}`, 'editor')).json().updatedAt;
    expect(news.dateModified).toBe(modified);
    expect(Date.parse(modified)).toBeGreaterThanOrEqual(Date.parse(correction.publishedAt));
    expect(html.meta('article:modified_time')).toBe(modified);
    save('en--story', response.body);

    const sitemap = (await page('/sitemaps/en-stories-1.xml')).body;
    const entry = sitemap.split('<url>').find((part) => part.includes(`${TEST_BASE_URL}${story.path}<`))!;
    expect(entry).toContain(`<lastmod>${modified}</lastmod>`);

    const list = await page('/en/corrections');
    expect(list.headers['x-cache']).not.toBe('HIT');
    const listed = parseHtml(list.body);
    expect(listed.text(listed.one('h1'))).toBe('Corrections and updates');
    const items = listed.all('li', { class: /^note / });
    expect(items.map((li) => listed.text(li))).toEqual([expect.stringContaining('The dam was inaugurated on Friday.'), expect.stringContaining(text)]);
    expect(listed.attr(listed.one('a', { href: `${story.path}#corrections` }), 'href')).toBeDefined();
    expect(listed.attr(listed.one('link', { rel: 'canonical' }), 'href')).toBe(`${TEST_BASE_URL}/en/corrections`);
    save('en--corrections', list.body);

    // The Content API carries the notes too.
    const { key } = await createContentKey(t().database.db, { name: 'corrections test' });
    const content = await t().app.inject({ url: `/api/content/v1/articles/${story.id}?key=${key}` });
    expect(content.json().corrections).toEqual([
      { kind: 'correction', text, publishedAt: correction.publishedAt },
      { kind: 'update', text: 'The dam was inaugurated on Friday.', publishedAt: expect.any(String) },
    ]);

    for (const version of [french, arabic]) {
      const answer = (await inject('GET', `${API}/${version.id}`, 'editor')).json();
      expect(answer.translationStatus.find((l: { articleId: number }) => l.articleId === version.id).state).toBe('outdated');
    }
  });

  it('the Arabic translation carries the correction over, in Arabic, and is current again; its pages read right to left', async () => {
    const carried = await inject('POST', `${API}/${arabic.id}/corrections`, 'editor', {
      kind: 'correction', text: 'ذكرت نسخة سابقة من هذا الخبر أن السد يحتجز ثلاثة ملايين متر مكعب، والصحيح ثلاثون مليونًا.', publishedAt: correction.publishedAt, sourceCorrectionId: correction.id,
    });
    expect(carried.statusCode, carried.body).toBe(201);
    expect(carried.json().translationStatus.find((l: { language: string }) => l.language === 'ar').state).toBe('current');
    expect(carried.json().translationStatus.find((l: { language: string }) => l.language === 'fr').state).toBe('outdated');

    const storyPage = parseHtml((await page(arabic.path)).body);
    const notes = storyPage.one('aside', { id: 'corrections' });
    expect(storyPage.text(notes)).toContain('تصحيح');
    expect(storyPage.text(notes)).toContain('ثلاثون مليونًا');
    save('ar--story', (await page(arabic.path)).body);

    const list = await page('/ar/corrections');
    expect(list.statusCode).toBe(200);
    const listed = parseHtml(list.body);
    expect(listed.attr(listed.one('html'), 'dir')).toBe('rtl');
    expect(listed.text(listed.one('h1'))).toBe('التصحيحات والتحديثات');
    expect(listed.all('li', { class: /^note / })).toHaveLength(1);
    save('ar--corrections', list.body);
    // Nothing in French yet: the page says so.
    const empty = parseHtml((await page('/fr/corrections')).body);
    expect(empty.text(empty.one('section', { class: 'corrections-page' }))).toContain('Aucune correction ni mise à jour pour l’instant.');
    save('fr--corrections-empty', (await page('/fr/corrections')).body);
  });

  it('pages with ?page=N: page 1 has one address, a page past the end answers 404, an unknown language 404; the footer links the page', async () => {
    for (let i = 0; i < 12; i++) await inject('POST', `${API}/${story.id}/corrections`, 'editor', { kind: 'update', text: `Update number ${i + 1}.` });
    const first = parseHtml((await page('/en/corrections')).body);
    const next = first.attr(first.one('a', { rel: 'next' }), 'href');
    expect(next).toBe('/en/corrections?page=2');
    const second = await page(next!);
    expect(second.statusCode).toBe(200);
    const secondHtml = parseHtml(second.body);
    expect(secondHtml.all('li', { class: /^note / }).length).toBeGreaterThan(0);
    expect(secondHtml.attr(secondHtml.one('link', { rel: 'canonical' }), 'href')).toBe(`${TEST_BASE_URL}/en/corrections?page=2`);
    save('en--corrections-page-2', second.body);
    expect((await page('/en/corrections?page=1')).headers.location).toBe('/en/corrections');
    expect((await page('/en/corrections?page=9')).statusCode).toBe(404);
    expect((await page('/en/corrections?page=x')).statusCode).toBe(404);
    expect((await page('/xx/corrections')).statusCode).toBe(404);
    expect(first.attr(first.one('a', { href: '/en/corrections' }), 'href')).toBe('/en/corrections');
  });
});

describe('The Nu Html Checker over the story and corrections pages', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  it('finds no error and no warning', async () => {
    expect(saved.length).toBeGreaterThan(0);
    const messages = await checkHtmlFiles(saved);
    expect(messages.map(describeMessage)).toEqual([]);
  }, 180_000);
});
