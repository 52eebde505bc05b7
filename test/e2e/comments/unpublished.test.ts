import { beforeAll, expect, it } from 'vitest';
import { formToken } from '../../../src/comments/comments.form.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { freshIp, postComment, publishStory } from './helpers.js';

interface Story {
  id: number;
  slug: string;
  title: string;
}

async function createStory(t: TestApp, fields: Record<string, unknown>): Promise<Story> {
  const { authorization } = await t.auth('editor');
  const title = `Secret plan ${Math.random().toString(36).slice(2, 8)}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/admin/v1/articles',
    headers: { authorization },
    payload: { language: 'en', title, body: 'Not for readers yet.', ...fields },
  });
  expect(response.statusCode).toBe(201);
  return { ...(response.json() as Story), title };
}

async function admin(t: TestApp, method: 'POST' | 'DELETE', url: string) {
  const { authorization } = await t.auth('editor');
  const response = await t.app.inject({ method, url, headers: { authorization } });
  expect(response.statusCode).toBeLessThan(300);
}

/** What each comment route answers for a story id, with the form token a page would carry. */
async function commentRoutes(t: TestApp, articleId: number) {
  const token = await t.app.inject({ url: `/comments/token?article=${articleId}`, remoteAddress: freshIp() });
  const signed = await formToken(t.database.db, articleId, Date.now() - 10_000);
  const asPage = await postComment(t, articleId, { body: 'Looking for hidden stories here.' }, { token: signed });
  const asJson = await postComment(t, articleId, { body: 'Looking for hidden stories again.' }, { token: signed, json: true });
  return { token, asPage, asJson };
}

describeEachEngineApp('comment routes on stories that are not public', (t) => {
  const hidden: Record<string, Story> = {};
  let missing: Awaited<ReturnType<typeof commentRoutes>>;
  let withdrawnCommentId: number;

  beforeAll(async () => {
    hidden.draft = await createStory(t(), { status: 'draft' });
    hidden.scheduled = await createStory(t(), { status: 'scheduled', publishAt: new Date(Date.now() + 86_400_000).toISOString() });
    hidden.trashed = await createStory(t(), { status: 'published' });
    await admin(t(), 'DELETE', `/api/admin/v1/articles/${hidden.trashed.id}`);
    // A published story with an approved comment, then withdrawn.
    const withdrawn = await publishStory(t(), { title: `Withdrawn ${Math.random().toString(36).slice(2, 8)}` });
    const posted = await postComment(t(), withdrawn.id, { body: 'An approved remark before the story was withdrawn.' }, { json: true });
    withdrawnCommentId = posted.json().id;
    await admin(t(), 'POST', `/api/admin/v1/comments/${withdrawnCommentId}/approve`);
    hidden.withdrawn = { id: withdrawn.id, slug: withdrawn.path.split('/').pop()!, title: '' };
    await admin(t(), 'POST', `/api/admin/v1/articles/${withdrawn.id}/unpublish`);
    missing = await commentRoutes(t(), 987_654);
  });

  it('answers a draft, a scheduled, a trashed and a withdrawn story exactly like a missing one', async () => {
    expect(missing.token.statusCode).toBe(404);
    expect(missing.asPage.statusCode).toBe(404);
    expect(missing.asJson.statusCode).toBe(404);
    for (const [kind, story] of Object.entries(hidden)) {
      const answers = await commentRoutes(t(), story.id);
      expect(answers.token.statusCode, kind).toBe(404);
      expect(answers.token.json(), kind).toEqual(missing.token.json());
      expect(answers.asJson.statusCode, kind).toBe(404);
      expect(answers.asJson.json(), kind).toEqual(missing.asJson.json());
      expect(answers.asPage.statusCode, kind).toBe(404);
      for (const answer of [answers.asPage, answers.asJson, answers.token]) {
        expect(answer.body, kind).not.toContain(encodeURIComponent(story.slug));
        expect(answer.body, kind).not.toContain(story.slug);
        if (story.title) expect(answer.body, kind).not.toContain(story.title);
      }
    }
    const stored = await t().database.db
      .selectFrom('comments')
      .select('id')
      .where('article_id', 'in', Object.values(hidden).map((s) => s.id))
      .execute();
    expect(stored.map((row) => row.id)).toEqual([withdrawnCommentId]);
  });

  it('does not show the reply page of a comment whose story was withdrawn', async () => {
    const page = await t().app.inject({ url: `/comments/${withdrawnCommentId}/reply` });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(hidden.withdrawn.slug);
  });

  it('still serves a public story’s form token and takes its comments', async () => {
    const story = await publishStory(t());
    const token = await t().app.inject({ url: `/comments/token?article=${story.id}` });
    expect(token.statusCode).toBe(200);
    const posted = await postComment(t(), story.id, {}, { token: token.json().token, servedAgo: 10_000 });
    expect(posted.statusCode).toBe(303);
  });
});
