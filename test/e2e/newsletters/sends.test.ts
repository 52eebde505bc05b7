import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { members, newsletter, publishedStory } from './seed.js';

describeEachEngineApp('sending a story to newsletters', (t) => {
  const send = async (role: 'contributor' | 'author' | 'editor' | 'administrator', articleId: number, newsletterIds: number[]) =>
    t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${articleId}/newsletter-sends`, headers: { authorization: (await t().auth(role)).authorization }, payload: { newsletterIds } });

  it('queues the confirmed, unsuppressed members of each newsletter once, ever, and says e-mail is not configured', async () => {
    const { db } = t().database;
    const french = await newsletter(db, { name: 'La matinale', language: 'fr' });
    await members(db, french, ['a@example.org', 'b@example.org', 'c@example.org']);
    await members(db, french, ['pending@example.org'], 'pending');
    await members(db, french, ['gone@example.org'], 'unsubscribed');
    await db.updateTable('members').set({ suppressed_at: new Date().toISOString() }).where('email', '=', 'c@example.org').execute();
    const story = await publishedStory(t(), 'editor', { language: 'fr', title: 'Le port rouvre', body: '<p>Texte.</p>' });

    const first = await send('editor', story, [french]);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ sends: [{ newsletterId: french, status: 'queued', recipients: 2 }], email: { configured: false } });
    const queued = await db.selectFrom('newsletter_deliveries').innerJoin('members', 'members.id', 'newsletter_deliveries.member_id').select('members.email').where('send_id', '=', first.json().sends[0].sendId).orderBy('members.email').execute();
    expect(queued.map((row) => row.email)).toEqual(['a@example.org', 'b@example.org']);

    // Unpublished and published again: still never twice to the same newsletter.
    const { authorization } = await t().auth('editor');
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story}/unpublish`, headers: { authorization } });
    expect((await send('editor', story, [french])).statusCode).toBe(409);
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story}/publish`, headers: { authorization } });
    expect((await send('editor', story, [french])).json().sends).toEqual([{ newsletterId: french, status: 'already-sent', sendId: null, recipients: 0 }]);

    const list = await t().app.inject({ method: 'GET', url: `/api/admin/v1/newsletter-sends?newsletter=${french}`, headers: { authorization } });
    expect(list.json()).toMatchObject({ total: 1, email: { configured: false, paused: false }, items: [{ kind: 'story', articleId: story, status: 'queued', recipients: 2, delivered: 0, failed: 0, pending: 2, unsubscribedSince: 0 }] });
  });

  it('refuses another language’s newsletter, a draft, and a newsletter that does not exist', async () => {
    const { db } = t().database;
    const english = await newsletter(db, { name: 'Morning', language: 'en' });
    const story = await publishedStory(t(), 'editor', { language: 'fr', title: 'Une autre langue' });
    expect((await send('editor', story, [english])).statusCode).toBe(400);
    expect((await send('editor', story, [999_999])).statusCode).toBe(400);
    const { authorization } = await t().auth('editor');
    const draft = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'Draft' } })).json();
    expect((await send('editor', draft.id, [english])).statusCode).toBe(409);
  });

  it('lets editors send any story, authors only their own and only where the newsletter allows it, contributors never', async () => {
    const { db } = t().database;
    const closed = await newsletter(db, { name: 'Éditeurs seulement', language: 'fr' });
    const open = await newsletter(db, { name: 'Ouverte aux auteurs', language: 'fr', authorsMaySend: true });
    const open2 = await newsletter(db, { name: 'Ouverte aussi', language: 'fr', authorsMaySend: true });
    const byAuthor = await publishedStory(t(), 'author', { language: 'fr', title: 'Par un auteur' });
    const byEditor = await publishedStory(t(), 'editor', { language: 'fr', title: 'Par une éditrice' });
    expect((await send('contributor', byAuthor, [open])).statusCode).toBe(403);
    expect((await send('author', byAuthor, [closed])).statusCode).toBe(403);
    expect((await send('author', byEditor, [open])).statusCode).toBe(403);
    expect((await send('author', byAuthor, [open])).statusCode).toBe(202);
    expect((await send('editor', byAuthor, [closed])).statusCode).toBe(202);
    expect((await send('administrator', byEditor, [open2])).statusCode).toBe(202);
    // The sends' counts are for those who manage newsletters.
    const { authorization } = await t().auth('author');
    expect((await t().app.inject({ method: 'GET', url: '/api/admin/v1/newsletter-sends', headers: { authorization } })).statusCode).toBe(403);
  });

  it('sends a test to the signed-in person only (to the log without an SMTP server)', async () => {
    const { db } = t().database;
    const french = await newsletter(db, { name: 'Test', language: 'fr' });
    const story = await publishedStory(t(), 'editor', { language: 'fr', title: 'Essai' });
    const { authorization } = await t().auth('editor');
    const response = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story}/newsletter-sends/test`, headers: { authorization }, payload: { newsletterId: french } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ to: 'editor@herald.test', delivery: 'logged', email: { configured: false } });
    expect(await db.selectFrom('newsletter_sends').select('id').where('newsletter_id', '=', french).execute()).toEqual([]);
  });
});
