import { expect, it } from 'vitest';
import { createArticle, publishDueArticles, updateArticle } from '../../src/content/articles.service.js';
import { installPlannedSends } from '../../src/newsletters/planned-sends.js';
import { queueStorySend } from '../../src/newsletters/sends.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

describeEachEngine('a scheduled story and its newsletters', (database) => {
  it('queues the send once, when the scheduler publishes the story, and never again', async () => {
    const store = database();
    const { db } = store;
    installPlannedSends(store);
    await updateSettings(db, { languages: ['en', 'fr'] });
    const at = new Date().toISOString();
    const { id: newsletterId } = await db.insertInto('newsletters').values({ name: 'Le Quotidien', language: 'fr', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const members = await db
      .insertInto('members')
      .values(['a', 'b', 'c'].map((name) => ({ email: `${name}@example.org`, language: 'fr', source: 'admin', created_at: at, updated_at: at })))
      .returning('id')
      .execute();
    await db.insertInto('member_subscriptions').values(members.map(({ id }) => ({ member_id: id, newsletter_id: newsletterId, status: 'confirmed', created_at: at, confirmed_at: at }))).execute();
    const sendsOf = (articleId: number) => db.selectFrom('newsletter_sends').select(['id', 'recipients', 'created_by']).where('article_id', '=', articleId).execute();

    const publishAt = new Date(Date.now() + 60_000).toISOString();
    const story = await createArticle(store, { language: 'fr', title: 'La marée du siècle', status: 'scheduled', publishAt }, editor, BASE);
    expect(await queueStorySend(store, editor, story.id, [newsletterId])).toEqual([{ newsletterId, status: 'scheduled', sendId: null, recipients: 0 }]);
    // Asked twice before it goes out: still one plan.
    await queueStorySend(store, editor, story.id, [newsletterId]);
    expect(await sendsOf(story.id)).toEqual([]);

    // Not yet due: nothing goes out.
    expect(await publishDueArticles(store, new Date().toISOString())).toBe(0);
    expect(await sendsOf(story.id)).toEqual([]);
    expect(await publishDueArticles(store, new Date(Date.now() + 120_000).toISOString())).toBe(1);
    const sends = await sendsOf(story.id);
    expect(sends).toEqual([{ id: sends[0].id, recipients: 3, created_by: 'token:1' }]);
    expect(await db.selectFrom('newsletter_deliveries').select('id').where('send_id', '=', sends[0].id).execute()).toHaveLength(3);
    expect(await db.selectFrom('newsletter_plans').select('article_id').execute()).toEqual([]);

    // Unpublished, scheduled again with the newsletter, published again: the send it had is all it gets.
    const draft = await updateArticle(store, story.id, { version: 2, status: 'draft' }, editor, BASE);
    const rescheduled = await updateArticle(store, story.id, { version: draft.version, status: 'scheduled', publishAt: new Date(Date.now() + 60_000).toISOString() }, editor, BASE);
    expect(await queueStorySend(store, editor, story.id, [newsletterId])).toEqual([{ newsletterId, status: 'already-sent', sendId: null, recipients: 0 }]);
    await updateArticle(store, story.id, { version: rescheduled.version, status: 'published' }, editor, BASE);
    expect(await publishDueArticles(store, new Date(Date.now() + 120_000).toISOString())).toBe(0);
    expect(await sendsOf(story.id)).toHaveLength(1);
  });

  it('drops the plan of a story taken back to a draft before its time', async () => {
    const store = database();
    const { db } = store;
    installPlannedSends(store);
    const at = new Date().toISOString();
    const { id: newsletterId } = await db.insertInto('newsletters').values({ name: 'La matinale', language: 'fr', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const story = await createArticle(store, { language: 'fr', title: 'Report', status: 'scheduled', publishAt: new Date(Date.now() + 60_000).toISOString() }, editor, BASE);
    await queueStorySend(store, editor, story.id, [newsletterId]);
    const draft = await updateArticle(store, story.id, { version: story.version, status: 'draft' }, editor, BASE);
    expect(await db.selectFrom('newsletter_plans').select('article_id').where('article_id', '=', story.id).execute()).toEqual([]);
    await updateArticle(store, story.id, { version: draft.version, status: 'published' }, editor, BASE);
    expect(await db.selectFrom('newsletter_sends').select('id').where('article_id', '=', story.id).execute()).toEqual([]);
    // A draft cannot be sent or planned.
    await expect(queueStorySend(store, editor, (await createArticle(store, { language: 'fr', title: 'Brouillon' }, editor, BASE)).id, [newsletterId])).rejects.toThrow('Only a published or scheduled story');
  });
});
