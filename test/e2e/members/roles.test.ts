import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/people/roles.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { person, signIn } from '../newsroom/people.js';

type Headers = Record<string, string>;

interface Fixtures {
  newsletter(fields?: Record<string, unknown>): Promise<number>;
  member(): Promise<number>;
}

interface Case {
  route: string;
  allowed: readonly Role[];
  request(f: Fixtures): Promise<InjectOptions>;
}

const everyone = ROLES;
const editorUp: Role[] = ['editor', 'administrator'];
const unique = () => Math.random().toString(36).slice(2, 8);
const csv = 'email,subscribed_to_emails\r\nreader@example.com,true\r\n';

/** Every newsletters and members route, and who may use it (src/people/permissions.ts). */
const CASES: Case[] = [
  { route: 'GET /newsletters', allowed: everyone, request: async () => ({ method: 'GET', url: '/newsletters?language=en' }) },
  { route: 'GET /newsletters/:id', allowed: everyone, request: async (f) => ({ method: 'GET', url: `/newsletters/${await f.newsletter()}` }) },
  { route: 'POST /newsletters', allowed: editorUp, request: async () => ({ method: 'POST', url: '/newsletters', payload: { name: `Daily ${unique()}`, language: 'en' } }) },
  { route: 'PATCH /newsletters/:id', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/newsletters/${await f.newsletter()}`, payload: { cadence: 'weekly', sendWeekday: 5 } }) },
  { route: 'DELETE /newsletters/:id', allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/newsletters/${await f.newsletter()}` }) },
  { route: 'GET /members', allowed: editorUp, request: async () => ({ method: 'GET', url: '/members?q=example' }) },
  { route: 'GET /members/:id', allowed: editorUp, request: async (f) => ({ method: 'GET', url: `/members/${await f.member()}` }) },
  { route: 'POST /members', allowed: editorUp, request: async (f) => ({ method: 'POST', url: '/members', payload: { email: `${unique()}@example.com`, newsletters: [await f.newsletter()], consent: true } }) },
  { route: 'PATCH /members/:id', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/members/${await f.member()}`, payload: { name: 'Renamed' } }) },
  { route: 'DELETE /members/:id', allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/members/${await f.member()}` }) },
  { route: 'GET /members/export', allowed: editorUp, request: async () => ({ method: 'GET', url: '/members/export' }) },
  {
    route: 'POST /members/import',
    allowed: editorUp,
    request: async (f) => ({ method: 'POST', url: `/members/import?newsletters=${await f.newsletter()}`, headers: { 'content-type': 'text/csv' }, payload: csv }),
  },
];

function fixtures(t: TestApp): Fixtures {
  const admin = () => t.auth('administrator');
  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/admin/v1${url}`, headers: await admin(), payload });
    if (response.statusCode !== 201) throw new Error(`fixture ${url}: ${response.body}`);
    return response.json().id as number;
  };
  return {
    newsletter: (fields = {}) => post('/newsletters', { name: `Fixture ${unique()}`, language: 'en', ...fields }),
    member: () => post('/members', { email: `${unique()}@example.com`, newsletters: [], consent: false }),
  };
}

/** What a person signed in to the admin app sends: the session cookie, and the CSRF token on writes (one sign-in per role: sign-ins are rate-limited). */
const sessions = new Map<TestApp, Map<Role, Promise<Headers>>>();
function sessionHeaders(t: TestApp, role: Role): Promise<Headers> {
  const ofApp = sessions.get(t) ?? new Map<Role, Promise<Headers>>();
  sessions.set(t, ofApp);
  let headers = ofApp.get(role);
  if (!headers) ofApp.set(role, (headers = person(t.database.db, role).then(async (p) => (await signIn(t.app, p.email)).headers)));
  return headers;
}

describeEachEngineApp('who may manage newsletters and members', (t) => {
  for (const by of ['token', 'session'] as const) {
    for (const testCase of CASES) {
      for (const role of ROLES) {
        const allowed = testCase.allowed.includes(role);
        it(`${role} (${by}) ${allowed ? 'may' : 'may not'} ${testCase.route}`, async () => {
          const headers = by === 'token' ? { authorization: (await t().auth(role)).authorization } : await sessionHeaders(t(), role);
          const options = await testCase.request(fixtures(t()));
          const response = await t().app.inject({ ...options, url: `/api/admin/v1${options.url}`, headers: { ...(options.headers as Headers | undefined), ...headers } });
          if (allowed) {
            expect(response.statusCode, response.body).toBeLessThan(300);
          } else {
            expect(response.statusCode, response.body).toBe(403);
            expect(response.json().error.message).toMatch(new RegExp(`The ${role} role may`));
          }
        });
      }
    }
  }

  it('tells each person which newsletters of a language they may send to', async () => {
    const open = await fixtures(t()).newsletter({ language: 'fr', name: `Ouvert ${unique()}`, authorsMaySend: true });
    const closed = await fixtures(t()).newsletter({ language: 'fr', name: `Fermé ${unique()}` });
    const maySend = async (role: Role) => {
      const response = await t().app.inject({ method: 'GET', url: '/api/admin/v1/newsletters?language=fr', headers: await t().auth(role) });
      const items = response.json().items as Array<{ id: number; language: string; maySend: boolean }>;
      expect(items.every((n) => n.language === 'fr')).toBe(true);
      return Object.fromEntries(items.filter((n) => n.id === open || n.id === closed).map((n) => [n.id === open ? 'open' : 'closed', n.maySend]));
    };
    expect(await maySend('contributor')).toEqual({ open: false, closed: false });
    expect(await maySend('author')).toEqual({ open: true, closed: false });
    expect(await maySend('editor')).toEqual({ open: true, closed: true });
    expect(await maySend('administrator')).toEqual({ open: true, closed: true });
  });
});
