import { expect, it } from 'vitest';
import { parseHtml } from '../site/html.js';
import { describeEachEngineApp } from '../../support/app.js';
import { openEventStream } from '../../support/sse.js';
import { updateSettings } from '../../../src/settings/settings.service.js';

describeEachEngineApp('A live blog for readers', (t) => {
  const admin = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t().app.inject({ method, url: `/api/admin/v1${url}`, payload, headers: await t().auth('editor') });
  const page = async (path: string) => t().app.inject({ method: 'GET', url: path });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const liveStory = async (title: string, language = 'en') => {
    const story = (await admin('POST', '/articles', { language, title, body: '<p>What we know.</p>', status: 'published' })).json();
    await admin('POST', `/articles/${story.id}/live`);
    return story as { id: number; path: string };
  };
  const entryIds = (html: string) => {
    const doc = parseHtml(html);
    return doc.all('li', { class: /live-entry/ }).map((li) => Number(doc.attr(li, 'id')!.replace('entry-', '')));
  };

  it('lists the entries pinned first, then newest first, each with its own address and time, in a page that needs no script', async () => {
    await updateSettings(t().database.db, { timezone: 'Europe/Paris' });
    const story = await liveStory('Nuit électorale', 'fr');
    const ids: number[] = [];
    for (const body of ['Les bureaux ferment.', 'Premières estimations.', 'Participation à 61 %.']) {
      ids.push((await admin('POST', `/articles/${story.id}/live/entries`, { body: `<p>${body}</p>` })).json().id);
      await pause(5);
    }
    await admin('PATCH', `/articles/${story.id}/live/entries/${ids[0]}`, { pinned: true });
    const response = await page(story.path);
    expect(response.statusCode).toBe(200);
    expect(entryIds(response.body)).toEqual([ids[0], ids[2], ids[1]]);
    const doc = parseHtml(response.body);
    const first = doc.one('li', { id: `entry-${ids[2]}` });
    const link = doc.all('a', { href: `#entry-${ids[2]}` })[0];
    expect(link).toBeDefined();
    const time = doc.one('time', { datetime: /\+0[12]:00$/ });
    const entry = (await admin('GET', `/articles/${story.id}/live`)).json().entries.find((e: { id: number }) => e.id === ids[2]);
    const expected = new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(entry.publishedAt));
    expect(doc.text(doc.one('a', { href: `#entry-${ids[2]}` }))).toBe(expected);
    expect(time).toBeDefined();
    expect(doc.text(first)).toContain('Participation à 61 %.');
    expect(doc.text(doc.one('li', { id: `entry-${ids[0]}` }))).toContain('Épinglé');
    expect(doc.text(doc.one('h2', { id: 'live-heading' }))).toContain('En direct');
    // The stream and the fallback are named on the page; the script is one file of ours.
    expect(doc.attr(doc.one('section', { class: /live-blog/ }), 'data-live-stream')).toBe(`/live/${story.id}/events`);
    expect(doc.all('script', { src: /^\/assets\/live-blog\.[0-9a-f]+\.js$/ })).toHaveLength(1);
    await updateSettings(t().database.db, { timezone: 'UTC' });
  });

  it('drops the cached page when an entry is written, edited or deleted, and when the coverage ends', async () => {
    const story = await liveStory('Storm watch');
    await page(story.path);
    expect((await page(story.path)).headers['x-cache']).toBe('HIT');
    const entry = (await admin('POST', `/articles/${story.id}/live/entries`, { body: 'Winds reach 120 km/h.' })).json();
    const fresh = await page(story.path);
    expect(fresh.headers['x-cache']).toBe('MISS');
    expect(fresh.body).toContain('Winds reach 120 km/h.');
    expect((await page(story.path)).headers['x-cache']).toBe('HIT');
    await admin('PATCH', `/articles/${story.id}/live/entries/${entry.id}`, { body: 'Winds reach 130 km/h.' });
    expect((await page(story.path)).body).toContain('Winds reach 130 km/h.');
    await admin('POST', `/articles/${story.id}/live/state`, { state: 'closed' });
    const ended = parseHtml((await page(story.path)).body);
    expect(ended.attr(ended.one('p', { class: 'live-ended' }), 'hidden')).toBeUndefined();
    await admin('DELETE', `/articles/${story.id}/live/entries/${entry.id}`);
    expect((await page(story.path)).body).not.toContain('Winds reach');
  });

  it('answers what changed since a cursor as JSON for browsers that poll', async () => {
    const story = await liveStory('Polling');
    const cursor = new Date().toISOString();
    await pause(10);
    const entry = (await admin('POST', `/articles/${story.id}/live/entries`, { body: 'New.' })).json();
    const updates = await page(`/live/${story.id}/updates?since=${encodeURIComponent(cursor)}`);
    expect(updates.headers['cache-control']).toBe('no-store');
    expect(updates.json().updates).toEqual([expect.objectContaining({ id: entry.id, deleted: false, html: expect.stringContaining('New.') })]);
    expect(updates.json().state).toMatchObject({ closed: false, archived: false });
    const plain = (await admin('POST', '/articles', { language: 'en', title: 'Not live', status: 'published' })).json();
    expect((await page(`/live/${plain.id}/updates`)).statusCode).toBe(404);
    expect((await page(`/live/${plain.id}/events`)).statusCode).toBe(404);
    expect((await page('/live/99999999999/events')).statusCode).toBe(404);
  });

  it('streams a new entry, its deletion and the archiving to a connected reader as Server-Sent Events, and replays them to one that reconnects', async () => {
    const story = await liveStory('Summit live');
    const address = await t().app.listen({ port: 0, host: '127.0.0.1' });
    const stream = openEventStream(`${address}/live/${story.id}/events`);
    try {
      expect(await stream.status()).toBe(200);
      expect((await stream.headers())['content-type']).toBe('text/event-stream; charset=utf-8');
      await stream.next((e) => e.event === 'state');
      const sent = Date.now();
      const entry = (await admin('POST', `/articles/${story.id}/live/entries`, { body: '<p>Leaders arrive.</p>', pinned: true })).json();
      const arrived = await stream.next((e) => e.event === 'entry' && e.data.id === entry.id, 2000);
      expect(Date.now() - sent).toBeLessThan(2000);
      expect(arrived.data).toMatchObject({ pinned: true, deleted: false });
      expect(arrived.data.html).toMatch(new RegExp(`<li class="live-entry pinned" id="entry-${entry.id}"`));
      expect(arrived.id).toBe(entry.updatedAt);
      await admin('DELETE', `/articles/${story.id}/live/entries/${entry.id}`);
      expect((await stream.next((e) => e.event === 'entry' && e.data.deleted)).data).toMatchObject({ id: entry.id, html: '' });
      await admin('POST', `/articles/${story.id}/live/state`, { state: 'archived' });
      expect((await stream.next((e) => e.event === 'state' && e.data.archived)).data.closed).toBe(true);
      // Reconnecting with the last event's id replays what changed since.
      const again = openEventStream(`${address}/live/${story.id}/events`, { 'last-event-id': entry.publishedAt });
      expect((await again.next((e) => e.event === 'entry')).data).toMatchObject({ id: entry.id, deleted: true });
      again.close();
    } finally {
      stream.close();
    }
  });
});
