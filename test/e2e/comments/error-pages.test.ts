import { beforeAll, expect, it } from 'vitest';
import { deletionLink } from '../../../src/comments/privacy.service.js';
import { describeEachEngineApp } from '../../support/app.js';
import { postComment, publishStory } from './helpers.js';

/**
 * The comment pages a reader opens from an e-mail or a link (the deletion link, a reply page,
 * a story's comments feed) answer a page in the reader's language when something is wrong,
 * never the JSON of the APIs; the script's own JSON exchanges stay JSON.
 */

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** A 4xx HTML page in `language` (its <html> lang and dir), holding every one of `texts`. */
function expectPage(answer: Answer, status: number, language: string, texts: string[], what: string) {
  expect(answer.statusCode, `${what}: ${answer.body.slice(0, 200)}`).toBe(status);
  expect(String(answer.headers['content-type']), what).toMatch(/^text\/html/);
  const html = answer.body.match(/<html[^>]*>/)?.[0] ?? '';
  expect(html, what).toContain(`lang="${language}"`);
  expect(html, what).toContain(`dir="${language === 'ar' ? 'rtl' : 'ltr'}"`);
  for (const text of texts) expect(answer.body, what).toContain(text);
  expect(answer.body, what).not.toContain('"error"');
}

describeEachEngineApp('comment pages a reader opens answer pages when something is wrong', (t) => {
  let story: Awaited<ReturnType<typeof publishStory>>;
  let pendingId: number;

  beforeAll(async () => {
    story = await publishStory(t());
    // Held for moderation: not published, so it has no reply page.
    const pending = await postComment(t(), story.id, { body: 'A remark that waits for an editor.' }, { json: true });
    pendingId = pending.json().id;
  });

  it('a deletion link that is not valid, or has expired, answers a page in the language of the link, with the way to a new one', async () => {
    const expired = new URL(await deletionLink(t().database.db, 'someone@example.org', 'http://herald.test', Date.now() - 3 * 86_400_000));
    const cases = [
      { language: 'ar', texts: ['احذف تعليقاتك', 'هذا الرابط غير صالح أو انتهت صلاحيته.', 'اطلب رابطًا جديدًا'] },
      { language: 'fr', texts: ['Supprimer vos commentaires', 'Ce lien n’est pas valide ou a expiré.', 'Demander un nouveau lien'] },
      { language: 'zh-Hant', texts: ['刪除您的留言', '這個連結無效或已過期。'] },
      { language: 'en', texts: ['Delete your comments', 'This link is not valid, or it has expired.', 'Ask for a new link'] },
    ];
    for (const { language, texts } of cases) {
      const again = `href="/comments/forget?lang=${encodeURIComponent(language)}"`;
      for (const token of ['bad', '', expired.searchParams.get('token')!]) {
        const url = `/comments/forget/confirm?token=${encodeURIComponent(token)}&lang=${encodeURIComponent(language)}`;
        for (const accept of [BROWSER, undefined]) {
          const opened = await t().app.inject({ url, headers: accept ? { accept } : {} });
          expectPage(opened, 404, language, [...texts, again], `GET ${url}`);
        }
        // The page's button posts to the same address: the same page if the link has gone bad since.
        const confirmed = await t().app.inject({ method: 'POST', url, headers: { accept: BROWSER } });
        expectPage(confirmed, 404, language, [...texts, again], `POST ${url}`);
      }
    }
    // A link naming no language the site has: its default language.
    expectPage(await t().app.inject({ url: '/comments/forget/confirm?token=bad&lang=xx' }), 404, 'en', ['This link is not valid'], 'lang=xx');
  });

  it('asking for a deletion link with something that is not an e-mail address answers the form again, in its language, with the fault', async () => {
    for (const [language, texts] of [
      ['ar', ['احذف تعليقاتك', 'اكتب عنوان بريد إلكتروني صالحًا.', 'أرسل لي الرابط']],
      ['fr', ['Supprimer vos commentaires', 'Indiquez une adresse e-mail valide.', 'M’envoyer le lien']],
    ] as const) {
      const answer = await t().app.inject({
        method: 'POST',
        url: '/comments/forget',
        headers: { accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=not-an-address&lang=${language}`,
      });
      expectPage(answer, 400, language, [...texts, 'name="email"'], `POST /comments/forget ${language}`);
    }
  });

  it('a reply page of a comment that does not exist, is not published, or is no id answers the 404 page in the reader’s language', async () => {
    for (const id of ['987654', String(pendingId), 'abc', '0', '-1', '1.5', 'Infinity', '2147483648', '99999999999']) {
      const url = `/comments/${id}/reply`;
      for (const [acceptLanguage, language, text] of [
        ['ar', 'ar', 'الصفحة غير موجودة'],
        ['fr-CA,fr;q=0.9', 'fr', 'Page introuvable'],
        [undefined, 'en', 'Page not found'],
      ] as const) {
        const answer = await t().app.inject({ url, headers: { accept: BROWSER, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) } });
        expectPage(answer, 404, language, [text], `${url} (${acceptLanguage})`);
      }
    }
  });

  it('the comments feed of a story that is not public, opened in a browser, answers the 404 page in the reader’s language', async () => {
    for (const file of ['987654.xml', `${pendingId + 1000}.xml`, '99999999999.xml', 'nonsense']) {
      const answer = await t().app.inject({ url: `/comments/feed/${file}`, headers: { accept: BROWSER, 'accept-language': 'ar' } });
      expectPage(answer, 404, 'ar', ['الصفحة غير موجودة'], `/comments/feed/${file}`);
    }
    // A story's feed itself is still the feed.
    const feed = await t().app.inject({ url: `/comments/feed/${story.id}.xml`, headers: { accept: BROWSER } });
    expect(feed.statusCode).toBe(200);
    expect(String(feed.headers['content-type'])).toContain('application/rss+xml');
  });

  it('the script’s own JSON exchanges stay JSON', async () => {
    const json = { accept: 'application/json' };
    const token = await t().app.inject({ url: '/comments/token?article=987654', headers: json });
    expect(token.statusCode).toBe(404);
    expect(token.json().error.code).toBe('NOT_FOUND');
    const posted = await postComment(t(), 987_654, {}, { json: true });
    expect(posted.statusCode).toBe(404);
    expect(posted.json().error.code).toBe('NOT_FOUND');
    const bad = await postComment(t(), story.id, { email: 'nope' }, { json: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toContain('email');
  });
});
