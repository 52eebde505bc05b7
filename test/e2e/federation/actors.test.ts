/**
 * What Mastodon needs to find and follow an edition, checked against its documentation
 * (docs.joinmastodon.org/spec/webfinger, /spec/activitypub, /spec/security):
 * - WebFinger answers `acct:user@host` with `subject` and a `self` link of type
 *   application/activity+json (or the ld+json profile) pointing at the actor;
 * - the actor has `preferredUsername`, `inbox`, `outbox`, `followers`, a `publicKey` with `id`,
 *   `owner` and `publicKeyPem`, and an `icon` (shown as the avatar); its id is the link's href;
 * - the object a status is made from has an `id` on the actor's host, `attributedTo` the
 *   actor, `url`, `published` and `to` naming the Public collection.
 */
import { expect, it } from 'vitest';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';

const AP = 'application/activity+json';
const PUBLIC = ['https://www.w3.org/ns/activitystreams#Public', 'as:Public', 'Public'];

describeEachEngineApp('fediverse actors, WebFinger and stories', (t) => {
  it('answers nothing while federation is off (the default)', async () => {
    const { app } = t();
    expect((await app.inject({ url: '/.well-known/webfinger?resource=acct:fr@herald.test' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/ap/actors/fr', headers: { accept: AP } })).statusCode).toBe(404);
  });

  it('WebFinger finds each edition by its handle, zh-Hant in any case', async () => {
    const { app, database } = t();
    await updateSettings(database.db, { federation: true });
    for (const [asked, language] of [['fr', 'fr'], ['zh-Hant', 'zh-Hant'], ['zh-hant', 'zh-Hant']]) {
      const response = await app.inject({ url: `/.well-known/webfinger?resource=${encodeURIComponent(`acct:${asked}@herald.test`)}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/jrd\+json/);
      const jrd = response.json();
      // The subject is the resource asked for; Mastodon compares it without case.
      expect(jrd.subject).toBe(`acct:${asked}@herald.test`);
      const self = jrd.links.find((l: { rel: string }) => l.rel === 'self');
      expect([AP, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']).toContain(self.type);
      expect(self.href).toBe(`${TEST_BASE_URL}/ap/actors/${language}`);
    }
    expect((await app.inject({ url: '/.well-known/webfinger?resource=acct:de@herald.test' })).statusCode).toBe(404);
  });

  it('the actor has what Mastodon requires, in its language', async () => {
    const { app } = t();
    for (const accept of [AP, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']) {
      const response = await app.inject({ url: '/ap/actors/fr', headers: { accept } });
      expect(response.statusCode).toBe(200);
      const actor = response.json();
      expect(actor['@context']).toContain('https://www.w3.org/ns/activitystreams');
      expect(actor.id).toBe(`${TEST_BASE_URL}/ap/actors/fr`);
      expect(['Service', 'Organization']).toContain(actor.type);
      expect(actor.preferredUsername).toBe('fr');
      expect(actor.name).toMatch(/français/);
      expect(actor.url).toBe(`${TEST_BASE_URL}/fr/`);
      expect(actor.inbox).toBe(`${TEST_BASE_URL}/ap/actors/fr/inbox`);
      expect(actor.outbox).toBe(`${TEST_BASE_URL}/ap/actors/fr/outbox`);
      expect(actor.followers).toBe(`${TEST_BASE_URL}/ap/actors/fr/followers`);
      expect(actor.endpoints.sharedInbox).toBe(`${TEST_BASE_URL}/ap/inbox`);
      expect(actor.publicKey.owner).toBe(actor.id);
      expect(actor.publicKey.id).toMatch(new RegExp(`^${actor.id}#`));
      expect(actor.publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(actor.icon.url).toBe(`${TEST_BASE_URL}/publisher-logo.png`);
    }
  });

  it('keeps its keys: the same public key on every request', async () => {
    const { app } = t();
    const pem = async () => (await app.inject({ url: '/ap/actors/ar', headers: { accept: AP } })).json().publicKey.publicKeyPem;
    expect(await pem()).toBe(await pem());
    expect(await pem()).not.toBe((await app.inject({ url: '/ap/actors/fr', headers: { accept: AP } })).json().publicKey.publicKeyPem);
  });

  it('a browser opening the actor address gets the language home page', async () => {
    const { app } = t();
    const response = await app.inject({ url: '/ap/actors/zh-Hant', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${TEST_BASE_URL}/zh-Hant/?ref=fediverse`);
    expect((await app.inject({ url: '/ap/actors/de', headers: { accept: AP } })).statusCode).toBe(404);
  });

  it('a published story is an Article with its title, standfirst, picture, tags and language', async () => {
    const { app, auth } = t();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: await auth('administrator').then((a) => ({ authorization: a.authorization })),
      payload: {
        language: 'fr',
        title: 'Les municipales à Lyon',
        standfirst: 'Le second tour en bref.',
        body: '<p>Le texte <a href="/fr/autre">lié</a>.</p><script>alert(1)</script>',
        tags: ['élections municipales'],
        featuredImage: { url: 'https://cdn.example/lyon.jpg', alt: 'La place Bellecour' },
        status: 'published',
      },
    });
    expect(created.statusCode).toBe(201);
    const story = created.json();
    const response = await app.inject({ url: `/ap/articles/${story.id}`, headers: { accept: AP } });
    expect(response.statusCode).toBe(200);
    const article = response.json();
    expect(article.type).toBe('Article');
    expect(article.id).toBe(`${TEST_BASE_URL}/ap/articles/${story.id}`);
    expect(article.attributedTo).toBe(`${TEST_BASE_URL}/ap/actors/fr`);
    expect(article.name).toBe('Les municipales à Lyon');
    expect(article.summary).toBe('Le second tour en bref.');
    // Links to the site say the reader comes from the fediverse; the id stays the object's name.
    expect(article.url).toBe(`${story.url}?ref=fediverse`);
    expect(article.contentMap.fr).toBe(article.content);
    expect(article.content).toContain(`href="${TEST_BASE_URL}/fr/autre?ref=fediverse"`);
    expect(article.content).not.toContain('<script');
    expect(Date.parse(article.published)).toBe(Date.parse(story.publishedAt));
    expect(PUBLIC).toContain(article.to);
    const attachment = [article.attachment].flat()[0];
    expect(attachment).toMatchObject({ type: 'Image', url: 'https://cdn.example/lyon.jpg', name: 'La place Bellecour', mediaType: 'image/jpeg' });
    const tag = [article.tag].flat()[0];
    expect(tag).toMatchObject({ type: 'Hashtag', name: '#électionsMunicipales' });
    expect(tag.href).toMatch(new RegExp(`^${TEST_BASE_URL}/fr/tag/`));
    // A browser is sent to the story's page.
    const page = await app.inject({ url: `/ap/articles/${story.id}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`${story.url}?ref=fediverse`);
  });

  it('the outbox lists the edition’s stories and the followers collection counts followers', async () => {
    const { app } = t();
    const outbox = (await app.inject({ url: '/ap/actors/fr/outbox', headers: { accept: AP } })).json();
    expect(outbox.type).toBe('OrderedCollection');
    expect(outbox.totalItems).toBe(1);
    const followers = (await app.inject({ url: '/ap/actors/fr/followers', headers: { accept: AP } })).json();
    expect(followers.type).toBe('OrderedCollection');
    expect(followers.totalItems).toBe(0);
  });
});
