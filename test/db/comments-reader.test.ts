import { expect, it, vi } from 'vitest';
import { receiveComment, replyTarget, storyFormToken, storyPageComments } from '../../src/comments/reader.service.js';
import { commentableStory } from '../../src/comments/comments.service.js';
import { createArticle } from '../../src/content/articles.service.js';
import { createMailer } from '../../src/core/mail.js';
import type { Database } from '../../src/db/database.js';
import { createUser } from '../../src/people/users.service.js';
import { describeEachEngine } from '../support/engines.js';

const BASE = 'http://herald.test';

/** A published story by an author, and a mailer whose messages (no SMTP server) go to `logged`. */
async function newsroom(database: Database, slug: string) {
  const author = await createUser(database.db, { email: `${slug}@herald.test`, name: 'Ada Author', role: 'author' });
  const actor = { role: 'author' as const, userId: author.id, principal: `user:${author.id}`, name: author.name };
  const article = await createArticle(database, { language: 'en', title: `Story ${slug}`, slug, body: 'Text.', status: 'published' }, actor, BASE);
  const logged: Array<{ to: string; subject: string }> = [];
  const mailer = createMailer({ info: (mail) => logged.push(mail as { to: string; subject: string }) }, { smtpUrl: undefined, from: 'herald@herald.test' });
  return { author, story: await commentableStory(database.db, article.id), mailer, logged };
}

describeEachEngine('a reader’s comment taken without HTTP', (database) => {
  const from = (now: number, pendingCookie?: string) => ({ ip: '192.0.2.7', userAgent: 'test', pendingCookie, now });

  it('holds a first comment, shows it to its writer through the cookie it answers with, and tells the story’s authors', async () => {
    const { author, story, mailer, logged } = await newsroom(database(), 'held-story');
    const now = Date.now();
    const token = await storyFormToken(database().db, story.id, now - 60_000);
    const mailFailed = vi.fn();
    const post = { name: 'Reader', email: 'reader@example.org', body: 'Thank you for this careful report on the river.', token };
    const received = await receiveComment(database(), story, post, from(now), { mailer, baseUrl: BASE, mailFailed });
    expect(received.status).toBe('pending');
    expect(received.comment).toMatchObject({ authorName: 'Reader', pending: true });
    expect(received.pendingCookie).toEqual(expect.any(String));
    const page = { language: 'en', slug: 'held-story' };
    const own = await storyPageComments(database().db, page, { pendingCookie: received.pendingCookie!, now });
    expect(own?.view.comments.map((c) => c.id)).toEqual([received.comment!.id]);
    expect(own?.ownPending).toEqual([received.comment!.id]);
    const stranger = await storyPageComments(database().db, page, { pendingCookie: undefined, now });
    expect(stranger?.view.comments).toEqual([]);
    await vi.waitFor(() => expect(logged.map((m) => m.to)).toContain(author.email));
    expect(mailFailed).not.toHaveBeenCalled();
  });

  it('checks the fields before the form token, so that sending the corrected form is not a replay', async () => {
    const { story, mailer } = await newsroom(database(), 'corrected-story');
    const now = Date.now();
    const token = await storyFormToken(database().db, story.id, now - 60_000);
    const post = { name: 'Reader', email: 'not an address', body: 'A fair and useful piece about the harbour works.', token };
    const mail = { mailer, baseUrl: BASE, mailFailed: () => {} };
    await expect(receiveComment(database(), story, post, from(now), mail)).rejects.toMatchObject({ status: 400, fields: [{ field: 'email' }] });
    const received = await receiveComment(database(), story, { ...post, email: 'reader@example.org' }, from(now), mail);
    expect(received.status).toBe('pending');
    const replay = await receiveComment(database(), story, { ...post, email: 'reader@example.org', body: 'Another word on the harbour works, sent twice.' }, from(now), mail);
    expect(replay).toMatchObject({ status: 'spam', comment: null, pendingCookie: null });
  });

  it('finds the comment a reply page answers only while it and its story are public', async () => {
    const { story } = await newsroom(database(), 'reply-story');
    const now = new Date().toISOString();
    const insert = async (status: string) =>
      (await database().db
        .insertInto('comments')
        .values({ article_id: story.id, status, author_name: 'Ren', author_email: 'ren@example.org', body: `${status} words`, content_hash: status, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    const approved = await insert('approved');
    const held = await insert('pending');
    const target = await replyTarget(database().db, approved, Date.now());
    expect(target).toMatchObject({ comment: { id: approved, authorName: 'Ren' }, story: { id: story.id, slug: 'reply-story' }, token: expect.any(String) });
    expect(await replyTarget(database().db, held, Date.now())).toBeNull();
    await database().db.updateTable('articles').set({ status: 'draft' }).where('id', '=', story.id).execute();
    expect(await replyTarget(database().db, approved, Date.now())).toBeNull();
  });
});
