import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../../src/http/error-handler.js';
import { AppError } from '../../../src/core/errors.js';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { actorForToken, createApiToken } from '../../../src/people/tokens.service.js';
import { updateStaff } from '../../../src/people/users.admin.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { CLI_TIMEOUT, runHerald } from '../../support/cli.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { createStore, openStore, type TestStore } from '../../support/engines.js';
import { postComment, publishStory } from '../comments/helpers.js';
import { sectionNamed } from '../../support/sections.js';

// Security finding 9: NUL, other control characters, lone surrogates and invalid UTF-8
// percent-encodings answered 500 on PostgreSQL (even unauthenticated) and were stored on SQLite.

/** Raw URL fragments a path or query value must never get past the guard with. */
const HOSTILE = ['%00', '%01', '%1B', '%7F', '%C2%85', '%C2%9F', '%C0%80', '%E0%80%80', '%ED%A0%80', '%FF'];

async function count(t: TestApp, table: 'articles' | 'users' | 'comments'): Promise<number> {
  const row = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The <title> of a page: the 404 page has the site's "Page not found" one. */
function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
}

describeEachEngineApp('Control characters and bad encodings', (t) => {
  let notFoundTitle: string;
  let key: string;

  beforeAll(async () => {
    const missing = await t().app.inject({ url: '/en/no-such-story-at-all' });
    expect(missing.statusCode).toBe(404);
    notFoundTitle = titleOf(missing.body);
    expect(notFoundTitle).toMatch(/^Page not found/);
    key = (await createContentKey(t().database.db, { name: 'app' })).key;
    await publishStory(t(), { title: 'Harbour reopens', tags: ['Ports'], section: await sectionNamed(t().database, 'World') });
  });

  /** Asserts the site's normal 404 page, in HTML, for `url`. */
  async function expectNotFoundPage(url: string) {
    const response = await t().app.inject({ url });
    expect(response.statusCode, `${url} → ${response.body.slice(0, 200)}`).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(titleOf(response.body)).toBe(notFoundTitle);
  }

  /** Asserts a 400 in the project's error format naming `field`. */
  function expectRefused(response: { statusCode: number; body: string; json(): unknown }, field: string) {
    expect(response.statusCode, response.body).toBe(400);
    const { error } = response.json() as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.map((f) => f.field)).toContain(field);
  }

  it('answers the 404 page for a story address holding NUL, C0/C1 controls, surrogates or overlong UTF-8', async () => {
    for (const fragment of HOSTILE) await expectNotFoundPage(`/en/a${fragment}b`);
    // The same story address without the fragment is the story.
    expect((await t().app.inject({ url: '/en/harbour-reopens' })).statusCode).toBe(200);
  });

  it('answers the 404 page for tag, section and author pages and feeds holding them', async () => {
    for (const fragment of HOSTILE) {
      await expectNotFoundPage(`/en/tag/a${fragment}b`);
      await expectNotFoundPage(`/en/section/a${fragment}b`);
      await expectNotFoundPage(`/en/author/a${fragment}b`);
      await expectNotFoundPage(`/en/tag/a${fragment}b/feed.xml`);
      await expectNotFoundPage(`/a${fragment}/x/y/z`);
    }
    expect((await t().app.inject({ url: '/en/tag/ports' })).statusCode).toBe(200);
  });

  it('answers the 404 page for a WordPress address /?p= holding them', async () => {
    for (const fragment of HOSTILE) await expectNotFoundPage(`/?p=1${fragment}`);
    await expectNotFoundPage('/en/search?q=harbour%00');
    // The pages themselves still answer.
    expect((await t().app.inject({ url: '/en/search?q=harbour' })).statusCode).toBe(200);
    expect((await t().app.inject({ url: '/en/' })).statusCode).toBe(200);
  });

  it('answers 400 naming the Content API query field, with or without a key', async () => {
    for (const fragment of HOSTILE) {
      expectRefused(await t().app.inject({ url: `/api/content/v1/articles?author=a${fragment}b&key=${key}` }), 'querystring.author');
      expectRefused(await t().app.inject({ url: `/api/content/v1/articles?author=a${fragment}b` }), 'querystring.author');
      expectRefused(await t().app.inject({ url: `/api/content/v1/search?q=a${fragment}b&key=${key}` }), 'querystring.q');
      expectRefused(await t().app.inject({ url: `/api/content/v1/articles/slug/en/a${fragment}b?key=${key}` }), 'params.slug');
    }
    // Tab and line breaks are text, not controls, in a query value.
    expect((await t().app.inject({ url: `/api/content/v1/search?q=harbour%09reopens%0A&key=${key}` })).statusCode).toBe(200);
  });

  it('answers 400 naming the field of admin searches and lists', async () => {
    const headers = await t().auth('administrator');
    for (const fragment of HOSTILE) {
      for (const [url, field] of [
        [`/api/admin/v1/comments?q=a${fragment}b`, 'querystring.q'],
        [`/api/admin/v1/media?q=a${fragment}b`, 'querystring.q'],
        [`/api/admin/v1/tags?text=a${fragment}b`, 'querystring.text'],
        [`/api/admin/v1/tags/suggest?text=a${fragment}b`, 'querystring.text'],
        [`/api/admin/v1/articles?language=e${fragment}n`, 'querystring.language'],
        [`/api/admin/v1/articles?a${fragment}=1`, `querystring`],
      ]) {
        const response = await t().app.inject({ url, headers });
        expect(response.statusCode, `${url} → ${response.body}`).toBe(400);
        expect(response.json().error.fields[0].field.startsWith(field), `${url} → ${response.body}`).toBe(true);
      }
    }
  });

  it('refuses a story whose title, body, tags or source hold them, naming the field, and stores nothing', async () => {
    const headers = await t().auth('editor');
    const before = await count(t(), 'articles');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'Harbour\u0000news' }, 'title'],
      [{ title: 'Harbour\u0085news' }, 'title'],
      [{ title: 'Harbour\ud800news' }, 'title'],
      [{ title: 'Harbour news', body: '<p>Ships\u0000</p>' }, 'body'],
      [{ title: 'Harbour news', standfirst: 'Ships\u001b[31m' }, 'standfirst'],
      [{ title: 'Harbour news', tags: ['Ports', 'Sh\u0000ips'] }, 'tags.1'],
      [{ title: 'Harbour news', source: { name: 'Agency\udfff', url: 'https://example.org/a' } }, 'source.name'],
    ];
    for (const [fields, field] of cases) {
      const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', status: 'published', ...fields } });
      expectRefused(response, field);
    }
    expect(await count(t(), 'articles')).toBe(before);
    const stored = await t().database.db.selectFrom('articles').select('title').where('title', 'like', 'Harbour%news').execute();
    expect(stored).toEqual([]);
    // Tab, line feed and carriage return are text a body may hold.
    const fine = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Tides', body: '<p>High\ttide\r\nat noon</p>' } });
    expect(fine.statusCode, fine.body).toBe(201);
  });

  it('refuses a comment form post holding them and stores no comment', async () => {
    const story = await publishStory(t());
    const before = await count(t(), 'comments');
    for (const [fields, field] of [
      [{ body: 'A remark\u0000about the council.' }, 'body'],
      [{ name: 'Ada\u0085' }, 'name'],
      [{ body: 'A remark about the council.', email: 'ada\u0000@example.org' }, 'email'],
    ] as const) {
      expectRefused(await postComment(t(), story.id, fields), field);
    }
    expect(await count(t(), 'comments')).toBe(before);
    // The same comment without the control character is taken.
    const taken = await postComment(t(), story.id, { body: 'A remark about the council.' });
    expect(taken.statusCode, taken.body).toBe(303);
    expect(await count(t(), 'comments')).toBe(before + 1);
  });

  it('refuses a NUL in a user’s name through the Admin API, keeping the byline and the feeds intact', async () => {
    const admin = await t().auth('administrator');
    const author = await t().auth('author');
    const renamed = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${author.userId}`, headers: admin, payload: { name: 'Ada\u0000Lovelace' } });
    expectRefused(renamed, 'name');
    const users = await count(t(), 'users');
    const invited = await t().app.inject({ method: 'POST', url: '/api/admin/v1/users/invitations', headers: admin, payload: { email: 'nul@example.org', name: 'Nul\u0000Person', role: 'author' } });
    expectRefused(invited, 'name');
    expect(await count(t(), 'users')).toBe(users);

    const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: author, payload: { language: 'en', title: 'Lighthouse', body: '<p>Lit.</p>' } });
    expect(response.statusCode, response.body).toBe(201);
    const editor = await t().auth('editor');
    const published = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${response.json().id}/publish`, headers: editor });
    expect(published.statusCode, published.body).toBe(200);
    for (const feed of ['/en/feed.xml', '/en/feed.atom']) {
      const body = (await t().app.inject({ url: feed })).body;
      expect(body).toContain('Test author');
      expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it('has the people services refuse control characters in a name, e-mail or bio, and in token and key names', async () => {
    const db = t().database.db;
    const users = await count(t(), 'users');
    for (const [input, field] of [
      [{ name: 'Ada\u0000', email: 'ada1@example.org' }, 'name'],
      [{ name: 'Ada\nLovelace', email: 'ada2@example.org' }, 'name'],
      [{ name: 'Ada', email: 'ada\u0000@example.org' }, 'email'],
      [{ name: 'Ada', email: 'ada3@example.org', bio: 'Wrote\u0007' }, 'bio'],
    ] as const) {
      const error = await createUser(db, { role: 'author', ...input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.map((f) => f.field)).toContain(field);
    }
    expect(await count(t(), 'users')).toBe(users);

    const admin = await t().auth('administrator');
    const actor = (await actorForToken(db, admin.authorization.slice('Bearer '.length)))!;
    const { userId } = await t().auth('contributor');
    const error = await updateStaff(t().database, actor, userId, { name: 'Con\u0000tributor' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual([{ field: 'name', message: expect.stringMatching(/U\+0000/) }]);
    const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.name).toBe('Test contributor');

    // `herald token create --name` and `herald key create --name` go through these.
    const tokens = await db.selectFrom('api_tokens').select('id').execute();
    const keys = await db.selectFrom('content_keys').select('id').execute();
    for (const create of [() => createApiToken(db, { name: 'ci\u0085', role: 'editor' }), () => createContentKey(db, { name: 'app\u0000' })]) {
      const refused = await create().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).fields?.map((f) => f.field)).toEqual(['name']);
    }
    expect(await db.selectFrom('api_tokens').select('id').execute()).toEqual(tokens);
    expect(await db.selectFrom('content_keys').select('id').execute()).toEqual(keys);
  });
});

describe('PostgreSQL refusing a NUL answers 400, not 500 (the last line of defence)', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createStore('postgres');
  });
  afterAll(async () => store?.drop());

  it('maps error codes 22021 and 22P05 to 400', async () => {
    const database = openStore(store);
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    app.get('/text', async () => sql`select ${'a\u0000b'}::text as t`.execute(database.db));
    app.get('/json', async () => sql`select '"\\u0000"'::jsonb as j`.execute(database.db));
    try {
      for (const url of ['/text', '/json']) {
        const response = await app.inject({ url });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json().error.code).toBe('BAD_REQUEST');
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`herald user create refuses control characters [${engine}]`, { timeout: CLI_TIMEOUT }, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createStore(engine);
    });
    afterAll(async () => store?.drop());

    it('exits 1 naming the field and creates nobody', async () => {
      const result = await runHerald(store, ['user', 'create', '--email', 'ada@example.org', '--name', 'Ada\u0001Lovelace', '--role', 'author'], 'correct horse battery\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/name: must not contain control characters or unpaired surrogates \(found U\+0001\)/);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
      const database = openStore(store);
      try {
        expect(await database.db.selectFrom('users').select('id').execute()).toEqual([]);
      } finally {
        await database.close();
      }
    });
  });
}
