import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { ROLES } from '../../../src/people/roles.js';
import { DEFAULT_COMMENT_SETTINGS } from '../../../src/comments/comments.settings.js';
import { listComments, moderate, postComment, publishStory } from './helpers.js';

async function heldComment(t: Parameters<typeof publishStory>[0], storyId: number, body: string) {
  await postComment(t, storyId, { email: `held-${Math.random().toString(36).slice(2, 7)}@example.org`, body });
  return (await listComments(t, `story=${storyId}&q=${encodeURIComponent(body.slice(0, 12))}`)).items[0];
}

describeEachEngineApp('comment moderation in the Admin API', (t) => {
  it('lets editors and administrators moderate, and nobody else', async () => {
    const story = await publishStory(t());
    const comment = await heldComment(t(), story.id, 'Who decides what gets moderated here?');
    for (const role of ROLES) {
      const { authorization } = await t().auth(role);
      const list = await t().app.inject({ url: '/api/admin/v1/comments?status=pending', headers: { authorization } });
      const act = await t().app.inject({ method: 'POST', url: `/api/admin/v1/comments/${comment.id}/trash`, headers: { authorization } });
      const expected = role === 'editor' || role === 'administrator' ? 200 : 403;
      expect([role, list.statusCode, act.statusCode]).toEqual([role, expected, expected]);
      if (expected === 403) expect(act.json().error.code).toBe('FORBIDDEN');
    }
    expect((await t().app.inject({ url: '/api/admin/v1/comments' })).statusCode).toBe(401);
  });

  it('moves comments between the queues and answers 404 and 400 precisely', async () => {
    const story = await publishStory(t());
    const comment = await heldComment(t(), story.id, 'Queue journey for this one comment.');
    expect((await moderate(t(), comment.id, 'spam')).json().status).toBe('spam');
    expect((await moderate(t(), comment.id, 'not-spam')).json().status).toBe('pending');
    expect((await moderate(t(), comment.id, 'trash')).json().status).toBe('trash');
    expect((await moderate(t(), comment.id, 'restore')).json().status).toBe('pending');
    expect((await moderate(t(), comment.id, 'approve')).json().status).toBe('approved');
    expect((await moderate(t(), 999999, 'approve')).statusCode).toBe(404);
    const wrong = await moderate(t(), comment.id, 'publish-now');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toMatch(/action/);
    const { authorization } = await t().auth('editor');
    const badStatus = await t().app.inject({ url: '/api/admin/v1/comments?status=deleted', headers: { authorization } });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.fields[0].field).toBe('querystring.status');
  });

  it('edits, replies (approving the held comment) and deletes', async () => {
    const story = await publishStory(t());
    const comment = await heldComment(t(), story.id, 'Tpyo in my comment about the bridge.');
    const { authorization } = await t().auth('editor');
    const edited = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/comments/${comment.id}`, headers: { authorization }, payload: { body: 'Typo fixed in my comment about the bridge.' },
    });
    expect(edited.json()).toMatchObject({ body: 'Typo fixed in my comment about the bridge.' });
    const reply = await t().app.inject({
      method: 'POST', url: `/api/admin/v1/comments/${comment.id}/reply`, headers: { authorization }, payload: { body: 'Thanks, we corrected the story too.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ status: 'approved', parentId: comment.id, depth: 2, author: { name: 'Test editor' } });
    expect((await t().app.inject({ url: `/api/admin/v1/comments/${comment.id}`, headers: { authorization } })).json().status).toBe('approved');
    const page = await t().app.inject({ url: story.path });
    expect(page.body).toContain('Thanks, we corrected the story too.');
    expect(page.body).toContain('Test editor</strong> · Newsroom');
    expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/comments/${reply.json().id}`, headers: { authorization } })).statusCode).toBe(204);
    expect((await t().app.inject({ url: story.path })).body).not.toContain('Thanks, we corrected');
  });

  it('applies bulk actions and filters by commenter and text', async () => {
    const story = await publishStory(t());
    const ids: number[] = [];
    for (const body of ['Bulk one about trains.', 'Bulk two about trains.', 'Bulk three about buses.']) {
      await postComment(t(), story.id, { email: 'bulk@example.org', body });
    }
    for (const item of (await listComments(t(), `story=${story.id}`)).items) ids.push(item.id);
    const { authorization } = await t().auth('administrator');
    const bulk = await t().app.inject({ method: 'POST', url: '/api/admin/v1/comments/bulk', headers: { authorization }, payload: { ids: [...ids, 999999], action: 'approve' } });
    expect(bulk.json()).toEqual({ done: ids, missing: [999999] });
    expect((await listComments(t(), `story=${story.id}&status=approved`)).total).toBe(3);
    expect((await listComments(t(), `email=BULK@example.org&q=trains`)).total).toBe(2);
    await postComment(t(), story.id, { email: 'percent@example.org', body: 'Rates rose 5% on trains' });
    expect((await listComments(t(), `story=${story.id}&q=${encodeURIComponent('5%')}`)).total).toBe(1);
    expect((await listComments(t(), `story=${story.id}&q=${encodeURIComponent('_')}`)).total).toBe(0);
    // Whatever the case, on both engines.
    expect((await listComments(t(), `story=${story.id}&q=RATES%20ROSE`)).total).toBe(1);
    await moderate(t(), (await listComments(t(), 'email=percent@example.org')).items[0].id, 'trash');
    const paged = await listComments(t(), `story=${story.id}&status=approved&limit=2&page=2`);
    expect([paged.total, paged.items.length]).toEqual([3, 1]);
  });

  it('changes the comment settings (administrators) with precise errors', async () => {
    const admin = { authorization: (await t().auth('administrator')).authorization };
    const editor = { authorization: (await t().auth('editor')).authorization };
    const ok = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/comments/settings', headers: admin, payload: { autoCloseDays: 14, spamThreshold: 0.97 } });
    expect(ok.json()).toMatchObject({ autoCloseDays: 14, spamThreshold: 0.97, holdThreshold: DEFAULT_COMMENT_SETTINGS.holdThreshold });
    const bad = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/comments/settings', headers: admin, payload: { holdThreshold: 0.99 } });
    expect(bad.json().error.fields).toEqual([{ field: 'holdThreshold', message: 'must not be above spamThreshold' }]);
    const forbidden = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/comments/settings', headers: editor, payload: { autoCloseDays: 1 } });
    expect(forbidden.statusCode).toBe(403);
    await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/comments/settings', headers: admin, payload: { autoCloseDays: 30, spamThreshold: 0.9 } });
  });
});
