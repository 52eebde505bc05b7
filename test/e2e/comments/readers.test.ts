import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { cookieOf, listComments, moderate, postComment, publishStory } from './helpers.js';
import type { WriteEvent } from '../../../src/db/hooks.js';

describeEachEngineApp('comments for readers', (t) => {
  it('holds a first comment, shows it only to its writer, and publishes it once an editor approves', async () => {
    const story = await publishStory(t());
    const posted = await postComment(t(), story.id, { body: 'I was at that meeting and the vote was close.' });
    expect(posted.statusCode).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(posted.headers.location as string)?.[1]);
    expect(posted.headers.location).toBe(`${story.path}#comment-${id}`);
    const cookie = cookieOf(posted);
    expect(cookie).toMatch(/^herald_comments=/);

    const writer = await t().app.inject({ url: story.path, headers: { cookie } });
    expect(writer.body).toContain(`id="comment-${id}"`);
    expect(writer.body).toContain('awaiting moderation');
    expect(writer.headers['cache-control']).toMatch(/private/);
    const stranger = await t().app.inject({ url: story.path });
    expect(stranger.body).not.toContain('I was at that meeting');

    const events: WriteEvent[] = [];
    t().database.hooks.afterCommit((event) => void events.push(event));
    expect((await moderate(t(), id, 'approve')).json()).toMatchObject({ id, status: 'approved' });
    expect(events).toContainEqual(expect.objectContaining({ entity: 'comment', id, action: 'published', articleId: story.id, keys: [`comments:${story.id}`] }));
    const after = await t().app.inject({ url: story.path });
    expect(after.body).toContain('I was at that meeting and the vote was close.');
    expect(after.body).toContain('<span class="count" title="1 comment">(1)</span>');
    expect(after.body).not.toContain('awaiting moderation');
    expect(after.body).not.toContain('ada@example.org');
  });

  it('publishes directly a known good commenter (approved before) and answers JSON to the script', async () => {
    const story = await publishStory(t());
    const first = await postComment(t(), story.id, { email: 'known@example.org', body: 'First remark on the budget.' }, { json: true });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending' });
    await moderate(t(), first.json().id, 'approve');
    const second = await postComment(t(), story.id, { email: 'known@example.org', body: 'And a second remark on the schools.' }, { json: true });
    expect(second.json()).toMatchObject({ status: 'approved' });
    expect(second.json().html).toContain('And a second remark on the schools.');
  });

  it('shows markup as text and links with rel="nofollow ugc"', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'markup@example.org', body: '<script>alert(1)</script> <b>bold</b> see https://example.org/report' });
    // Whatever the filter thought of it, an editor publishes it: the page must still show it as text.
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    expect((await moderate(t(), stored.id, 'approve')).statusCode).toBe(200);
    const page = await t().app.inject({ url: story.path });
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page.body).toContain('<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>');
  });

  it('nests replies to a depth of three', async () => {
    const story = await publishStory(t());
    let parent = '';
    const ids: number[] = [];
    for (let level = 1; level <= 4; level++) {
      const posted = await postComment(t(), story.id, { email: 'threads@example.org', parent, body: `Reply at level ${level} about the harbour.` }, { json: true });
      expect(posted.statusCode).toBe(201);
      ids.push(posted.json().id);
      await moderate(t(), posted.json().id, 'approve');
      parent = String(posted.json().id);
    }
    const page = await t().app.inject({ url: story.path });
    expect(page.body).toMatch(new RegExp(`id="comment-${ids[0]}" class="comment depth-1`));
    expect(page.body).toMatch(new RegExp(`id="comment-${ids[2]}" class="comment depth-3`));
    expect(page.body).toMatch(new RegExp(`id="comment-${ids[3]}" class="comment depth-3`));
  });

  it('refuses comments once a story is closed, by an editor or after the auto-close delay', async () => {
    const story = await publishStory(t());
    const { authorization } = await t().auth('editor');
    const closed = await t().app.inject({ method: 'PUT', url: `/api/admin/v1/comments/stories/${story.id}`, headers: { authorization }, payload: { mode: 'closed' } });
    expect(closed.json()).toMatchObject({ mode: 'closed', open: false });
    const refused = await postComment(t(), story.id, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Comments on this story are closed.');
    expect((await t().app.inject({ url: story.path })).body).toContain('Comments on this story are closed.');

    const old = await publishStory(t(), { publishedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    expect((await postComment(t(), old.id, {}, { json: true })).statusCode).toBe(409);
    await t().app.inject({ method: 'PUT', url: `/api/admin/v1/comments/stories/${old.id}`, headers: { authorization }, payload: { mode: 'open' } });
    expect((await postComment(t(), old.id, {}, { json: true })).statusCode).toBe(201);
  });

  it('names the fields at fault, as a page for the form and as JSON for the script', async () => {
    const story = await publishStory(t());
    const page = await postComment(t(), story.id, { name: '', email: 'not-an-address', body: '' });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('email: must be an e-mail address');
    const json = await postComment(t(), story.id, { name: '', email: 'x@example.org' }, { json: true });
    expect(json.json().error.fields).toContainEqual({ field: 'name', message: 'is required' });
  });

  it('serves a comments feed per story with the approved comments only', async () => {
    const story = await publishStory(t());
    const posted = await postComment(t(), story.id, { email: 'feed@example.org', body: 'Comment for the feed readers.' }, { json: true });
    await postComment(t(), story.id, { email: 'held@example.org', body: 'Still waiting for an editor.' }, { json: true });
    await moderate(t(), posted.json().id, 'approve');
    const feed = await t().app.inject({ url: `/comments/feed/${story.id}.xml` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(feed.body).toContain('Comment for the feed readers.');
    expect(feed.body).not.toContain('Still waiting');
    expect((await t().app.inject({ url: '/comments/feed/999999.xml' })).statusCode).toBe(404);
  });

  it('keeps the held queue for editors and lists by story and status', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'queue@example.org', body: 'Queue me for the editors please.' });
    const held = await listComments(t(), `status=pending&story=${story.id}`);
    expect(held.total).toBe(1);
    expect(held.items[0]).toMatchObject({ status: 'pending', body: 'Queue me for the editors please.' });
    expect(held.items[0].reasons.at(-1)).toMatch(/^classifier 0\.\d\d$/);
    expect(held.items[0].reasons.includes('first comment from this address') || held.items[0].score >= 0.5).toBe(true);
  });
});
