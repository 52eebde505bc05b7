import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { classifyText } from '../../../src/comments/spam/spam.service.js';
import { listComments, moderate, postComment, publishStory } from './helpers.js';

const LINK_SPAM =
  'BUY CHEAP PILLS NOW!!! Best price, click here http://cheap-pills.example.com http://pills-discount.example.net http://casino-bonus.example.org';

describeEachEngineApp('the spam filter on the site', (t) => {
  it('marks spam a bot that fills the hidden field, and never shows it', async () => {
    const story = await publishStory(t());
    const posted = await postComment(t(), story.id, { phone: '555-0100', email: 'bot1@example.org', body: 'Nice article, thanks for sharing this.' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`${story.path}#comments`);
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    expect(stored).toMatchObject({ status: 'spam' });
    expect(stored.reasons).toContain('hidden field filled in (a bot)');
    expect((await t().app.inject({ url: story.path })).body).not.toContain('Nice article, thanks for sharing');
  });

  it('marks spam a form sent faster than a person can, or sent a second time', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'bot2@example.org', body: 'Instant reply from a script here.' }, { servedAgo: 200 });
    const ip = '203.0.113.77';
    const token = (await t().app.inject({ url: `/comments/token?article=${story.id}` })).json().token as string;
    // The token was served just now; let the minimum time a person needs pass, then send it twice.
    t().advanceClock(3_100);
    await postComment(t(), story.id, { email: 'bot3@example.org', body: 'Replayed once to see what happens.' }, { token, ip });
    await postComment(t(), story.id, { email: 'bot3@example.org', body: 'Replayed twice to see what happens.' }, { token, ip });
    const items = (await listComments(t(), `story=${story.id}`)).items;
    const byBody = (text: string) => items.find((c) => c.body.startsWith(text))!;
    expect(byBody('Instant reply')).toMatchObject({ status: 'spam' });
    expect(byBody('Instant reply').reasons.join(';')).toMatch(/sent 0\.\d s after the page loaded/);
    expect(byBody('Replayed once').status).not.toBe('spam');
    expect(byBody('Replayed twice')).toMatchObject({ status: 'spam' });
    expect(byBody('Replayed twice').reasons).toContain('form token used before');
  });

  it('lets a reader correct a field and send the same form again without counting it as a replay', async () => {
    const story = await publishStory(t());
    const token = (await t().app.inject({ url: `/comments/token?article=${story.id}` })).json().token as string;
    t().advanceClock(3_100);
    const ip = '203.0.113.88';
    const faulty = await postComment(t(), story.id, { email: 'not an address', body: 'Corrected and sent again.' }, { token, ip });
    expect(faulty.statusCode).toBe(400);
    const fixed = await postComment(t(), story.id, { email: 'corrected@example.org', body: 'Corrected and sent again.' }, { token, ip });
    expect(fixed.statusCode).toBe(303);
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    expect(stored.status).not.toBe('spam');
    expect(stored.reasons).not.toContain('form token used before');
  });

  it('refuses a comment without a valid form token', async () => {
    const story = await publishStory(t());
    const missing = await postComment(t(), story.id, {}, { token: null, json: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('token');
    const forged = await postComment(t(), story.id, {}, { token: 'eyJhIjoxfQ.forged', json: true });
    expect(forged.statusCode).toBe(400);
  });

  it('refuses the 11th comment in a minute from one address and the 31st from one /24 network', async () => {
    const story = await publishStory(t());
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await postComment(t(), story.id, { email: `flood${i}@example.org`, body: `Flood number ${i} on the story.` }, { ip: '192.0.2.10', json: true })).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const network: number[] = [];
    for (let i = 0; i < 31; i++) {
      network.push((await postComment(t(), story.id, { email: `net${i}@example.org`, body: `Network flood ${i} here.` }, { ip: `192.0.3.${i + 1}`, json: true })).statusCode);
    }
    expect(network.filter((c) => c === 429)).toHaveLength(1);
    expect(network.at(-1)).toBe(429);
  });

  it('marks obvious link spam as spam with its reasons', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'seller@example.org', body: LINK_SPAM });
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    expect(stored.status).toBe('spam');
    expect(stored.score).toBeGreaterThanOrEqual(0.9);
    expect(stored.reasons).toContain('3 links');
    expect(stored.reasons.join('; ')).toMatch(/spam phrases: buy now, click here.*; all caps.*classifier 0\.\d\d$|spam phrases/);
    // The classifier alone calls it spam too, well past unsure.
    expect(Number(/^classifier (\d\.\d\d)$/.exec(stored.reasons.at(-1) ?? '')?.[1])).toBeGreaterThan(0.8);
  });

  it('does not read the commenter\'s website as a link in the comment: a short remark with one is not marked spam', async () => {
    const story = await publishStory(t());
    await postComment(t(), story.id, { email: 'sam@example.org', name: 'Sam Writer', body: 'Good point.', url: 'https://samwriter.example.com' });
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    // Held only as a first comment; the classifier alone stays below the hold threshold.
    expect(stored.status).toBe('pending');
    expect(stored.reasons).toContain('first comment from this address');
    expect(stored.score).toBeLessThan(0.35);
  });

  it('learns from "not spam": the same text scores lower afterwards', async () => {
    const story = await publishStory(t());
    const text = 'Subscribe to my channel for more videos like this one, thanks everyone';
    // The classifier reads the writer's name with the text (postComment's default name).
    const name = 'Ada Reader';
    await postComment(t(), story.id, { email: 'creator@example.org', body: text, name });
    const [stored] = (await listComments(t(), `story=${story.id}`)).items;
    const before = await classifyText(t().database.db, text, name);
    expect(before).toBeGreaterThan(0.5);
    const rescued = await moderate(t(), stored.id, 'not-spam');
    expect(rescued.json().status).toBe(stored.status === 'spam' ? 'pending' : stored.status);
    const after = await classifyText(t().database.db, text, name);
    // The moderator's decision moves this text's log-odds by the most one decision may (6).
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(after).toBeLessThan(before);
    expect(logit(before) - logit(after)).toBeGreaterThan(5.9);
    // Marked spam again: the model already calls it spam by a margin, so there is nothing to undo.
    expect((await moderate(t(), stored.id, 'spam')).json().status).toBe('spam');
    expect(await classifyText(t().database.db, text, name)).toBeCloseTo(after, 6);
  });

  it('flags repeated identical comments and text in another script than the story', async () => {
    const first = await publishStory(t());
    const second = await publishStory(t());
    const text = 'Great reporting, I shared this story with my whole family today.';
    await postComment(t(), first.id, { email: 'repeat@example.org', body: text });
    await postComment(t(), second.id, { email: 'repeat2@example.org', body: text });
    const [repeated] = (await listComments(t(), `story=${second.id}`)).items;
    expect(repeated.reasons).toContain('same text posted 2 times');
    await postComment(t(), first.id, { email: 'cyrillic@example.org', body: 'Отличная статья, спасибо большое за информацию и работу' });
    const cyrillic = (await listComments(t(), `story=${first.id}`)).items.find((c) => c.body.startsWith('Отличная'))!;
    expect(cyrillic.reasons).toContain('written in Cyrillic, story in Latin');
  });

  it('marks spam what the block lists catch: e-mails, networks and words', async () => {
    const story = await publishStory(t());
    const { authorization } = await t().auth('editor');
    for (const block of [{ kind: 'email', value: '@spam.example' }, { kind: 'network', value: '198.18.0.0/15' }, { kind: 'word', value: 'forbiddenword' }]) {
      expect((await t().app.inject({ method: 'POST', url: '/api/admin/v1/comments/blocks', headers: { authorization }, payload: block })).statusCode).toBe(201);
    }
    const bad = await t().app.inject({ method: 'POST', url: '/api/admin/v1/comments/blocks', headers: { authorization }, payload: { kind: 'network', value: 'nonsense' } });
    expect(bad.json().error.fields).toEqual([{ field: 'value', message: 'must be a network in CIDR form, such as 203.0.113.0/24' }]);
    await postComment(t(), story.id, { email: 'x@spam.example', body: 'Blocked by address domain.' });
    await postComment(t(), story.id, { email: 'y@example.org', body: 'Blocked by network address.' }, { ip: '198.19.4.5' });
    await postComment(t(), story.id, { email: 'z@example.org', body: 'This has the forbiddenword in it.' });
    const items = (await listComments(t(), `story=${story.id}`)).items;
    expect(items.map((c) => c.status)).toEqual(['spam', 'spam', 'spam']);
    expect(items.flatMap((c) => c.reasons)).toEqual(
      expect.arrayContaining(['blocked e-mail @spam.example', 'blocked network 198.18.0.0/15', 'blocked words: forbiddenword']),
    );
  });
});
