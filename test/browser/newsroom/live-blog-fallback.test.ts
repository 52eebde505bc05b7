import { describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { addEntry, startLiveBlog } from '../../../src/live/live.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { newsroomSuite } from './newsroom-server.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

describe('a live blog in Chromium when the server takes no more live connections', () => {
  // No stream at all in this process: every reader is turned away with a 503.
  const newsroom = newsroomSuite({ HERALD_LIVE_MAX_CONNECTIONS: '0' });

  it('the page falls back to polling every 15 s, and the reader still gets the new entry', { timeout: 90_000 }, async () => {
    const store = newsroom.server.database;
    const story = await createArticle(store, { language: 'en', title: 'Flood watch', body: '<p>Rivers rising.</p>', status: 'published' }, desk, newsroom.url);
    await startLiveBlog(store, story.id, desk);
    const reader = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    const refused = reader.waitForResponse((response) => response.url().includes(`/live/${story.id}/events`));
    await reader.goto(story.url);
    expect((await refused).status()).toBe(503);
    await addEntry(store, story.id, { body: '<p>The river crests at 6.2 m.</p>' }, desk);
    const polled = await reader.waitForResponse((response) => response.url().includes(`/live/${story.id}/updates`), { timeout: 40_000 });
    expect(polled.status()).toBe(200);
    const button = reader.locator('button.live-new');
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await button.textContent()).toBe('1 new update');
    await button.click();
    expect(await reader.locator('.live-entries > li .live-body').allTextContents()).toEqual(['The river crests at 6.2 m.']);
  });
});
