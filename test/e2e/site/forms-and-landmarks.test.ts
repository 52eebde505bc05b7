import { findOne } from 'domutils';
import { beforeAll, expect, it } from 'vitest';
import { STRINGS } from '../../../src/site/i18n.strings.js';
import { describeEachEngineApp } from '../../support/app.js';
import { moderate, postComment } from '../comments/helpers.js';
import { parseHtml } from './html.js';

type Page = ReturnType<typeof parseHtml>;

const SHIPPED_LANGUAGES = Object.keys(STRINGS);

/** The accessible name of an element named by aria-label or aria-labelledby (what these pages use). */
function nameOf(page: Page, el: ReturnType<Page['one']>): string {
  const label = page.attr(el, 'aria-label');
  if (label) return label.trim();
  const by = page.attr(el, 'aria-labelledby') ?? '';
  return by
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => {
      const named = findOne((node) => node.attribs.id === id, page.document.children);
      return named ? page.text(named) : '';
    })
    .join(' ')
    .trim();
}

/** Landmarks of one role (`search`, `navigation`) with the names assistive technology announces. */
function landmarks(page: Page, role: 'search' | 'navigation'): string[] {
  const elements = role === 'search' ? [...page.all('search'), ...page.all('form', { role: 'search' })] : page.all('nav');
  return elements.map((el) => nameOf(page, el));
}

describeEachEngineApp('Forms and landmarks of the reader site', (t) => {
  let storyPath = '';
  let commentId = 0;

  beforeAll(async () => {
    const { authorization } = await t().auth('editor');
    const settings = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: await t().auth('administrator'), payload: { languages: SHIPPED_LANGUAGES } });
    expect(settings.statusCode).toBe(200);
    const created = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: { authorization },
      payload: { language: 'en', title: 'Harbour reopens', body: 'The harbour reopened on Monday.', status: 'published' },
    });
    expect(created.statusCode).toBe(201);
    const story = created.json();
    storyPath = new URL(story.url).pathname;
    const posted = await postComment(t(), story.id, { body: 'Good news for the fishermen of the harbour.' });
    expect(posted.statusCode).toBeLessThan(400);
    const [held] = (await t().database.db.selectFrom('comments').select(['id', 'status']).execute());
    commentId = held.id;
    if (held.status !== 'approved') expect((await moderate(t(), commentId, 'approve')).statusCode).toBe(200);
  });

  it('gives the comment form’s name field a type, and hides the honeypot with hidden alone', async () => {
    for (const path of [storyPath, `/comments/${commentId}/reply`]) {
      const response = await t().app.inject({ url: path });
      expect(response.statusCode, path).toBe(200);
      const page = parseHtml(response.body);
      const name = page.one('input', { name: 'name' });
      expect(page.attr(name, 'type'), path).toBe('text');
      const phone = page.one('input', { name: 'phone' });
      const trap = phone.parent as ReturnType<Page['one']>;
      expect(page.attr(trap, 'hidden'), path).toBeDefined();
      expect(page.attr(trap, 'aria-hidden'), path).toBeUndefined();
      expect(page.attr(phone, 'aria-hidden'), path).toBeUndefined();
    }
  });

  it('names every search landmark differently on the search page (with and without results) and the 404 page, in every language', async () => {
    for (const language of SHIPPED_LANGUAGES) {
      for (const [path, status] of [
        [`/${language}/search`, 200],
        [`/${language}/search?q=harbour&all=1`, 200],
        [`/${language}/search?q=zzzzqx`, 200],
        [`/${language}/no-such-page`, 404],
      ] as const) {
        const response = await t().app.inject({ url: path });
        expect(response.statusCode, path).toBe(status);
        const page = parseHtml(response.body);
        for (const role of ['search', 'navigation'] as const) {
          const names = landmarks(page, role);
          if (role === 'search') expect(names.length, path).toBe(2);
          for (const name of names) expect(name, `${path}: a ${role} landmark without a name`).not.toBe('');
          expect(new Set(names).size, `${path}: ${role} landmarks ${JSON.stringify(names)}`).toBe(names.length);
        }
      }
    }
  });
});
