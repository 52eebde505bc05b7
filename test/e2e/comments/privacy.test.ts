import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { deletionLink, reduceOldIps } from '../../../src/comments/privacy.service.js';
import { listComments, moderate, postComment, publishStory } from './helpers.js';

describeEachEngineApp('commenters’ data', (t) => {
  it('deletes every comment of an address through the e-mailed link, after a confirmation', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'leaving@example.org', body: 'Please forget this first remark.' }, { json: true });
    const second = await postComment(t(), story.id, { email: 'leaving@example.org', body: 'And this second remark as well.' }, { json: true });
    await postComment(t(), story.id, { email: 'staying@example.org', body: 'I am staying right here.' }, { json: true });
    await moderate(t(), second.json().id, 'approve');

    const form = await t().app.inject({ url: '/comments/forget?lang=fr' });
    expect(form.body).toContain('Supprimer vos commentaires');
    const asked = await t().app.inject({
      method: 'POST', url: '/comments/forget', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=leaving%40example.org&lang=en',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('a link to delete them is on its way');
    // The same answer for an address that never commented: the page tells nothing about who did.
    const unknown = await t().app.inject({
      method: 'POST', url: '/comments/forget', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=nobody%40example.org&lang=en',
    });
    expect(unknown.body).toContain('a link to delete them is on its way');

    const link = new URL(await deletionLink(t().database.db, 'leaving@example.org', 'http://herald.test'));
    const confirm = await t().app.inject({ url: link.pathname + link.search });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('leaving@example.org');
    expect((await listComments(t(), 'email=leaving@example.org')).total).toBe(2);
    const done = await t().app.inject({ method: 'POST', url: link.pathname + link.search });
    expect(done.body).toContain('2 comments deleted.');
    expect((await listComments(t(), 'email=leaving@example.org')).total).toBe(0);
    expect((await listComments(t(), 'email=staying@example.org')).total).toBe(1);
    expect((await t().app.inject({ url: story.path })).body).not.toContain('And this second remark');

    expect((await t().app.inject({ url: `${link.pathname}${link.search}x` })).statusCode).toBe(404);
    const expired = new URL(await deletionLink(t().database.db, 'staying@example.org', 'http://herald.test', Date.now() - 3 * 86_400_000));
    const old = await t().app.inject({ method: 'POST', url: expired.pathname + expired.search });
    expect(old.statusCode).toBe(404);
    expect((await listComments(t(), 'email=staying@example.org')).total).toBe(1);
  });

  it('reduces IP addresses older than the setting: last octet, last 80 bits', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'v4@example.org', body: 'From an IPv4 address.' }, { ip: '203.0.113.200' });
    await postComment(t(), story.id, { email: 'v6@example.org', body: 'From an IPv6 address.' }, { ip: '2001:db8:85a3:1234:5678:8a2e:370:7334' });
    const stored = async () => (await listComments(t(), `story=${story.id}`)).items.map((c) => c.author.ip).sort();
    expect(await stored()).toEqual(['2001:db8:85a3:1234:5678:8a2e:370:7334', '203.0.113.200']);
    expect(await reduceOldIps(t().database.db)).toBe(0);
    expect(await reduceOldIps(t().database.db, Date.now() + 31 * 86_400_000)).toBeGreaterThanOrEqual(2);
    expect(await stored()).toEqual(['2001:db8:85a3::', '203.0.113.0']);
  });
});
