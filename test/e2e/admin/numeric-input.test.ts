import { beforeAll, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { postComment } from '../comments/helpers.js';
import { createStory } from '../reach/reach-support.js';

/**
 * Every integer or number that a route takes from its path, its query string or its JSON
 * body, read from the OpenAPI documents the app serves: values that are not finite, not
 * whole, out of range or too large for the database answer 400 naming the field, never 500.
 */

interface Schema {
  type?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

interface Api {
  name: string;
  document: string;
  headers: (t: TestApp) => Promise<Record<string, string>>;
}

const HUGE = '99999999999999999999';

function branches(schema: Schema): Schema[] {
  return schema.anyOf ? schema.anyOf.flatMap(branches) : [schema];
}
const isNumeric = (schema: Schema) => branches(schema).some((s) => s.type === 'integer' || s.type === 'number');
const onlyNumeric = (schema: Schema) => branches(schema).every((s) => s.type === 'integer' || s.type === 'number');

/** The values a numeric parameter must refuse, as its schema reads. */
function badValues(schema: Schema): string[] {
  const values = ['Infinity', '-Infinity', '1e400', '-1e400', 'NaN', '-1', HUGE];
  if ((schema.minimum ?? -Infinity) >= 1) values.push('0');
  if (branches(schema).every((s) => s.type === 'integer')) values.push('1.5');
  return values;
}

/** A value the schema accepts, for the parameters not under test. */
function goodValue(parameter: Parameter): string {
  const schema = parameter.schema;
  const first = branches(schema)[0];
  if (first.enum?.length) return String(first.enum[0]);
  if (first.type === 'integer' || first.type === 'number') return String(Math.max(1, first.minimum ?? 1));
  if (first.type === 'boolean') return 'true';
  return /lang/i.test(parameter.name) ? 'en' : 'news';
}

/** Every numeric leaf of a JSON body schema: its dotted path and the schema there. */
function numericFields(schema: Schema, path: string[] = []): Array<{ path: string[]; schema: Schema }> {
  const found: Array<{ path: string[]; schema: Schema }> = [];
  if (path.length && isNumeric(schema)) found.push({ path, schema });
  for (const branch of branches(schema)) {
    for (const [name, property] of Object.entries(branch.properties ?? {})) found.push(...numericFields(property, [...path, name]));
    if (branch.items) found.push(...numericFields(branch.items, [...path, '0']));
  }
  return found;
}

/** A JSON text holding `raw` (written as is, such as 1e400) at `path`. */
function bodyWith(path: string[], raw: string): string {
  const MARK = '"@@value@@"';
  let value: unknown = '@@value@@';
  for (let i = path.length - 1; i >= 0; i--) value = path[i] === '0' && i > 0 ? [value] : { [path[i]]: value };
  return JSON.stringify(value).replace(MARK, raw);
}

function operations(document: OpenApi) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase() as 'GET', operation })),
  );
}

function urlFor(path: string, parameters: Parameter[], target: Parameter, value: string): string {
  let url = path;
  const query: string[] = [];
  for (const parameter of parameters) {
    const v = parameter === target ? value : goodValue(parameter);
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(v));
    else if (parameter.in === 'query' && (parameter === target || parameter.required)) query.push(`${parameter.name}=${encodeURIComponent(v)}`);
  }
  return query.length ? `${url}?${query.join('&')}` : url;
}

function fieldsOf(body: string): string[] {
  const parsed = JSON.parse(body) as { error?: { code?: string; fields?: Array<{ field: string }> } };
  return parsed.error?.code === 'VALIDATION_FAILED' ? (parsed.error.fields ?? []).map((f) => f.field) : [];
}

describeEachEngineApp('numeric input of every JSON route', (t) => {
  let contentKey: string;
  const apis: Api[] = [
    { name: 'Admin API', document: '/api/admin/v1/openapi.json', headers: async (app) => ({ authorization: (await app.auth('administrator')).authorization }) },
    { name: 'Content API', document: '/api/content/v1/openapi.json', headers: async () => ({ authorization: `Key ${contentKey}` }) },
  ];
  const documents = new Map<string, OpenApi>();

  beforeAll(async () => {
    contentKey = (await createContentKey(t().database.db, { name: 'numeric input' })).key;
    for (const api of apis) {
      const response = await t().app.inject({ url: api.document });
      expect(response.statusCode, api.document).toBe(200);
      documents.set(api.name, response.json() as OpenApi);
    }
  });

  for (const name of ['Admin API', 'Content API']) {
    it(`${name}: every integer/number query and path parameter refuses non-finite, negative, zero, fractional and huge values (400 naming it)`, async () => {
      const api = apis.find((a) => a.name === name)!;
      const headers = await api.headers(t());
      const failures: string[] = [];
      let checked = 0;
      for (const { path, method, operation } of operations(documents.get(name)!)) {
        const parameters = operation.parameters ?? [];
        for (const target of parameters.filter((p) => (p.in === 'query' || p.in === 'path') && isNumeric(p.schema))) {
          const field = `${target.in === 'path' ? 'params' : 'querystring'}.${target.name}`;
          for (const value of badValues(target.schema)) {
            const url = urlFor(path, parameters, target, value);
            const response = await t().app.inject({ method, url, headers });
            checked++;
            if (response.statusCode !== 400 || !fieldsOf(response.body).includes(field)) {
              failures.push(`${method} ${url} → ${response.statusCode} ${response.body.slice(0, 160)}`);
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(name === 'Admin API' ? 300 : 30);
      expect(failures).toEqual([]);
    });
  }

  it('Admin API: a number of a JSON body written too large for a double (1e400), or as the text "Infinity", answers 400 naming the field', async () => {
    const headers = { ...(await apis[0].headers(t())), 'content-type': 'application/json' };
    const failures: string[] = [];
    let checked = 0;
    for (const { path, method, operation } of operations(documents.get('Admin API')!)) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const url = urlFor(path, (operation.parameters ?? []).filter((p) => p.in === 'path'), { in: 'none', name: '', schema: {} }, '');
      for (const leaf of numericFields(schema)) {
        // A string field may hold the text "Infinity"; a number field may not.
        const raws = onlyNumeric(leaf.schema) ? ['1e400', '-1e400', '"Infinity"', '"-Infinity"', '"1e400"'] : ['1e400', '-1e400'];
        for (const raw of raws) {
          const payload = bodyWith(leaf.path, raw);
          const response = await t().app.inject({ method, url, headers, payload });
          checked++;
          if (response.statusCode !== 400 || !fieldsOf(response.body).includes(leaf.path.join('.'))) {
            failures.push(`${method} ${url} ${payload} → ${response.statusCode} ${response.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });
});

/** One past the largest id: PostgreSQL's `integer` stops at 2147483647. */
const PAST_MAX_ID = '2147483648';

describeEachEngineApp('ids beyond the largest one, wherever a route takes an id', (t) => {
  let story: Awaited<ReturnType<typeof createStory>>;
  let contentKey: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    story = await createStory(t(), { language: 'en', title: 'Bridge reopens', body: '<p>Traffic flows.</p>' }, 'administrator');
    contentKey = (await createContentKey(t().database.db, { name: 'ids' })).key;
    admin = { authorization: (await t().auth('administrator')).authorization };
  });

  it('ids in JSON bodies answer 400 naming the field', async () => {
    const cases: Array<{ method: 'POST' | 'PATCH'; url: string; body: string; field: string }> = [];
    for (const big of [PAST_MAX_ID, HUGE]) {
      const article = (extra: string) => `{"language":"en","title":"Numbers","status":"draft",${extra}}`;
      cases.push(
        { method: 'POST', url: '/api/admin/v1/articles', body: article(`"translationOf":${big}`), field: 'translationOf' },
        { method: 'POST', url: '/api/admin/v1/articles', body: article(`"section":${big}`), field: 'section' },
        { method: 'POST', url: '/api/admin/v1/articles', body: article(`"authors":[${big}]`), field: 'authors.0' },
        { method: 'POST', url: '/api/admin/v1/articles', body: article(`"translatedFrom":${big}`), field: 'translatedFrom' },
        { method: 'POST', url: '/api/admin/v1/articles', body: article(`"featuredImage":{"mediaId":${big}}`), field: 'featuredImage.mediaId' },
        { method: 'PATCH', url: `/api/admin/v1/articles/${story.id}`, body: `{"version":${big},"title":"Renamed"}`, field: 'version' },
        { method: 'POST', url: '/api/admin/v1/sections', body: `{"names":{"en":{"name":"Numbers"}},"parentId":${big}}`, field: 'parentId' },
        { method: 'POST', url: '/api/admin/v1/comments/bulk', body: `{"ids":[${big}],"action":"approve"}`, field: 'ids.0' },
        { method: 'POST', url: '/api/admin/v1/feeds', body: `{"url":"https://partner.example/feed.xml","section":${big}}`, field: 'section' },
      );
    }
    // A section is an id or a name: a number is never the name of a new section.
    const article = (extra: string) => `{"language":"en","title":"Sections","status":"draft",${extra}}`;
    for (const section of ['0', '-1', '1.5', '1e21', `"${PAST_MAX_ID}"`, '""']) {
      cases.push({ method: 'POST', url: '/api/admin/v1/articles', body: article(`"section":${section}`), field: 'section' });
    }
    const failures: string[] = [];
    for (const c of cases) {
      const response = await t().app.inject({ method: c.method, url: c.url, headers: { ...admin, 'content-type': 'application/json' }, payload: c.body });
      if (response.statusCode !== 400 || !fieldsOf(response.body).includes(c.field)) failures.push(`${c.method} ${c.url} ${c.body} → ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The largest id itself is an id: it names nothing here.
    const largest = await t().app.inject({ url: '/api/admin/v1/articles/2147483647', headers: admin });
    expect(largest.statusCode).toBe(404);
  });

  it('Content API: a section, tag or author given as digits beyond the largest id answers 400 naming it', async () => {
    for (const route of ['/articles', '/search?q=bridge']) {
      for (const field of ['section', 'tag', 'author']) {
        if (route.startsWith('/search') && field === 'author') continue;
        for (const big of [PAST_MAX_ID, '9999999999', HUGE]) {
          const url = `/api/content/v1${route}${route.includes('?') ? '&' : '?'}${field}=${big}`;
          const response = await t().app.inject({ url, headers: { authorization: `Key ${contentKey}` } });
          expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
          expect(fieldsOf(response.body), url).toContain(field);
        }
      }
    }
    // The largest id is still read as an id (it names nothing).
    const largest = await t().app.inject({ url: '/api/content/v1/articles?section=2147483647', headers: { authorization: `Key ${contentKey}` } });
    expect(largest.statusCode, largest.body).toBe(200);
    expect(largest.json().items).toEqual([]);
  });

  it('comments: the form-token route and a comment post (JSON) refuse ids that are not ids, naming them', async () => {
    const json = { accept: 'application/json' };
    for (const value of ['Infinity', '-Infinity', '1e400', 'NaN', '-1', '0', '1.5', PAST_MAX_ID, HUGE]) {
      const token = await t().app.inject({ url: `/comments/token?article=${encodeURIComponent(value)}`, headers: json });
      expect(token.statusCode, `token ${value}: ${token.body}`).toBe(400);
      expect(fieldsOf(token.body), value).toEqual(['article']);
      for (const [field, fields] of [
        ['article', { article: value }],
        ['parent', { parent: value }],
      ] as const) {
        const post = await postComment(t(), story.id, fields, { json: true });
        expect(post.statusCode, `${field} ${value}: ${post.body}`).toBe(400);
        expect(fieldsOf(post.body), `${field} ${value}`).toContain(field);
      }
    }
  });
});
