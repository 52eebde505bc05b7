import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../../../src/db/schema.js';
import type { Role } from '../../../src/people/roles.js';
import { createUser } from '../../../src/people/users.service.js';

export const PASSWORD = 'correct horse battery';

/** A person who can sign in. */
export async function person(db: Kysely<Schema>, role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@herald.test`) {
  return createUser(db, { email, name: `Signed-in ${role}`, role, password: PASSWORD });
}

export interface Browser {
  cookie: string;
  csrfToken: string;
  /** Headers of a cookie-authenticated write from the admin app. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!header) throw new Error('no Set-Cookie');
  return header.split(';')[0];
}

/** Signs in through the API like the admin app does. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Browser> {
  const response = await app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = cookieFrom(response.headers['set-cookie']);
  const { csrfToken } = response.json();
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
