import { expect, it } from 'vitest';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp } from '../../support/app.js';
import { listComments, moderate, postComment, publishStory } from './helpers.js';

describeEachEngineApp('comment times on the story page', (t) => {
  it('are in the site’s time zone, as the story’s own time is, in the text and in datetime', async () => {
    await updateSettings(t().database.db, { timezone: 'Asia/Tokyo' });
    const story = await publishStory(t());
    await postComment(t(), story.id, { body: 'A remark to be dated in Tokyo time.' });
    const [comment] = (await listComments(t(), `story=${story.id}`)).items;
    if (comment.status !== 'approved') expect((await moderate(t(), comment.id, 'approve')).statusCode).toBe(200);
    const page = (await t().app.inject({ url: story.path })).body;
    const item = page.slice(page.indexOf(`id="comment-${comment.id}"`));
    const datetime = item.match(/<time datetime="([^"]+)">([^<]+)<\/time>/)!;
    expect(datetime[1]).toMatch(/\+09:00$/);
    // The text shows the same wall-clock time as the datetime (Tokyo), not UTC's.
    const hour = Number(datetime[1].slice(11, 13));
    const shown = datetime[2].match(/(\d{1,2}):\d{2}/)!;
    expect(Number(shown[1]) % 12).toBe(hour % 12);
    const storyTime = page.match(/<time datetime="([^"]+)"/)![1];
    expect(storyTime).toMatch(/\+09:00$/);
    await updateSettings(t().database.db, { timezone: 'UTC' });
  });
});
