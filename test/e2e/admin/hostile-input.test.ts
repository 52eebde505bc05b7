import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { describeEachEngineApp } from '../../support/app.js';

// "No input may produce a 500": random JSON thrown at every writing route.
describeEachEngineApp('Admin API under random input', (t) => {
  it('never answers 5xx to arbitrary JSON bodies', async () => {
    const headers = await t().auth('administrator');
    const created = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Target' } })).json();
    const routes = [
      ['POST', '/api/admin/v1/articles'],
      ['PATCH', `/api/admin/v1/articles/${created.id}`],
      ['POST', '/api/admin/v1/tags'],
      ['POST', '/api/admin/v1/sections'],
      ['PATCH', '/api/admin/v1/settings'],
    ] as const;
    const field = fc.constantFrom('language', 'title', 'body', 'bodyFormat', 'section', 'tags', 'featuredImage', 'source', 'status', 'publishAt', 'version', 'translationOf', 'slug', 'names', 'languages', 'timezone', 'name');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(field, fc.jsonValue({ maxDepth: 2 })), async ([method, url], payload) => {
        const response = await t().app.inject({ method, url, headers, payload });
        expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${response.body}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

// Security finding 9: NUL and other control characters, lone surrogates and invalid UTF-8
// percent-encodings in any route parameter, query string or body string.

interface Route {
  method: string;
  path: string;
  params: string[];
}

/** Every route of the app with its methods, read from Fastify's route tree. */
function routesOf(tree: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (depth === 0 ? '' : stack[depth - 1]) + match[2];
    stack[depth] = path;
    const params = [...path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
    for (const method of (match[3] ?? '').split(', ')) if (method && method !== 'HEAD') routes.push({ method, path, params });
  }
  return routes;
}

const QUERY_NAMES = ['q', 'page', 'limit', 'language', 'status', 'section', 'tag', 'author', 'from', 'to', 'fields', 'key', 'text', 'name', 'slug', 'story', 'email', 'trashed', 'permanent', 'all', 'article', 'token', 'lang', 'p', 'page_id', 'cat', 'attachment_id'];

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
/** The UTF-8 of a code point as escapes; a surrogate gets the three bytes UTF-8 forbids. */
const escapes = (cp: number) => [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map(hex).join('');
const c0 = (withLineBreaks: boolean) => fc.integer({ min: 0, max: 0x1f }).filter((c) => withLineBreaks || ![9, 10, 13].includes(c)).map(hex);
const c1 = fc.integer({ min: 0x80, max: 0x9f }).map((c) => [0xc2, c].map(hex).join(''));
const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map(escapes);
const badUtf8 = fc.constantFrom('%C0%80', '%E0%80%80', '%ED%A0%80', '%ED%BF%BF', '%C1%BF', '%C0%AF', '%E0%9F%BF', '%F0%80%80%80', '%F4%90%80%80', '%80', '%BF', '%FF', '%FE', '%E2%82', '%F8%88%80%80%80');
/** Hostile text as it appears in a URL; a path refuses tab and line breaks too, a query value does not. */
const urlFragment = (withLineBreaks: boolean) => fc.oneof(c0(withLineBreaks), fc.constant('%7F'), c1, surrogate, badUtf8, fc.constantFrom('%EF%BF%BE', '%EF%BF%BF'));

const insert = (text: string, fragment: string, at: number) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + fragment + text.slice(i);
};

describeEachEngineApp('Every route under control characters and bad encodings', (t) => {
  let routes: Route[];
  let key: string;
  let values: Record<string, string>;
  let headers: { authorization: string };

  beforeAll(async () => {
    routes = routesOf(t().app.printRoutes({ commonPrefix: false }));
    headers = { authorization: (await t().auth('administrator')).authorization };
    const story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Harbour reopens', tags: ['Ports'], status: 'published' } })).json();
    key = (await createContentKey(t().database.db, { name: 'fuzz' })).key;
    values = { lang: 'en', language: 'en', slug: story.slug, id: String(story.id), story: String(story.storyId), action: 'approve', deliveryId: '1', token: 'abc', file: 'feed.xml', n: '2', '*': 'x' };
  });

  it('answers 400 naming the field (APIs, writes) or the 404 page, never 5xx, to them in any route parameter or query string', async () => {
    // Every route of the app, read from it: a new route is covered without editing this test.
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual({ method: 'GET', path: '/:lang/tag/:slug', params: ['lang', 'slug'] });
    expect(routes).toContainEqual({ method: 'PATCH', path: '/api/admin/v1/articles/:id', params: ['id'] });
    expect(routes).toContainEqual({ method: 'GET', path: '/api/content/v1/articles/slug/:language/:slug', params: ['language', 'slug'] });
    expect(routes).toContainEqual({ method: 'POST', path: '/comments', params: [] });
    const target = fc.oneof(
      fc.record({ kind: fc.constant('param' as const), pick: fc.nat(), at: fc.nat(), fragment: urlFragment(true) }),
      fc.record({ kind: fc.constant('value' as const), name: fc.constantFrom(...QUERY_NAMES), at: fc.nat(), fragment: urlFragment(false) }),
      fc.record({ kind: fc.constant('name' as const), name: fc.constantFrom(...QUERY_NAMES), at: fc.nat(), fragment: urlFragment(true) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), target, async (routeIndex, hostile) => {
        const route = routes[routeIndex % routes.length];
        // A route without parameters takes a parameter's fragment in a query parameter's name.
        const kind = hostile.kind === 'param' && route.params.length === 0 ? 'name' : hostile.kind;
        const param = route.params[('pick' in hostile ? hostile.pick : 0) % Math.max(route.params.length, 1)];
        const name = 'name' in hostile ? hostile.name : 'q';
        const path = route.path.replace(/:(\w+)|\*/g, (_m, p: string | undefined) => {
          const n = p ?? '*';
          return n === param && kind === 'param' ? insert(values[n] ?? '1', hostile.fragment, hostile.at) : (values[n] ?? '1');
        });
        const query = [
          ...(name === 'key' && kind !== 'name' ? [] : [`key=${key}`]),
          kind === 'value' ? `${name}=${insert('harbour', hostile.fragment, hostile.at)}` : kind === 'name' ? `${insert(name, hostile.fragment, hostile.at)}=1` : 'page=1',
        ].join('&');
        const url = `${path}?${query}`;
        const writes = !['GET', 'DELETE'].includes(route.method);
        const response = await t().app.inject({ method: route.method as 'GET', url, headers, ...(writes ? { payload: {} } : {}) });
        const says = `${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, says).toBeLessThan(500);
        if (path.startsWith('/api/') || route.method !== 'GET') {
          expect(response.statusCode, says).toBe(400);
          const fields: Array<{ field: string }> = response.json().error.fields;
          if (kind === 'param') expect(fields.map((f) => f.field), says).toContain(`params.${param}`);
          else if (kind === 'value') expect(fields.map((f) => f.field), says).toContain(`querystring.${name}`);
          else expect(fields.some((f) => f.field.startsWith('querystring')), says).toBe(true);
        } else {
          expect(response.statusCode, says).toBe(404);
          expect(response.headers['content-type'], says).toMatch(/^text\/html/);
          expect(response.body, says).toContain('<title>Page not found');
        }
      }),
      { numRuns: 250 },
    );
  });

  it('answers 400 naming the field to them in any string of a JSON body', async () => {
    const created = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Target' } })).json();
    const writes = [
      ['POST', '/api/admin/v1/articles'],
      ['PATCH', `/api/admin/v1/articles/${created.id}`],
      ['POST', '/api/admin/v1/tags'],
      ['POST', '/api/admin/v1/sections'],
      ['PATCH', '/api/admin/v1/settings'],
      ['POST', '/api/admin/v1/users/invitations'],
      ['POST', '/api/admin/v1/comments/blocks'],
      ['POST', '/api/admin/v1/webhooks'],
      ['POST', '/api/admin/v1/session'],
    ] as const;
    const char = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).filter((c) => ![9, 10, 13].includes(c)),
      fc.integer({ min: 0x7f, max: 0x9f }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.constantFrom(0xfffe, 0xffff),
    ).map((c) => String.fromCharCode(c));
    const fieldName = fc.constantFrom('language', 'title', 'body', 'name', 'email', 'slug', 'names', 'tags', 'source', 'url', 'timezone');
    // Where the text sits: a field, an item of a list, a field of an object.
    const place = fc.constantFrom('field', 'item', 'nested');
    let ip = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fieldName, place, fc.string({ maxLength: 12 }), fc.nat(), char, async ([method, url], field, where, text, at, bad) => {
        const value = insert(text, bad, at);
        const payload = where === 'field' ? { [field]: value } : where === 'item' ? { [field]: ['fine', value] } : { [field]: { en: value } };
        const expected = where === 'field' ? field : where === 'item' ? `${field}.1` : `${field}.en`;
        // A new address each time: the sign-in route's per-address limit answers before any body is read.
        ip += 1;
        const remoteAddress = `10.0.${(ip >> 8) & 255}.${ip & 255}`;
        const response = await t().app.inject({ method, url, headers, payload, remoteAddress });
        const says = `${method} ${url} ${JSON.stringify(payload)} → ${response.body}`;
        expect(response.statusCode, says).toBe(400);
        expect(response.json().error.fields.map((f: { field: string }) => f.field), says).toContain(expected);
      }),
      { numRuns: 150 },
    );
  });
});
