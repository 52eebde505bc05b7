import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { createLink, linkUrl, needsSetup } from './links.service.js';

/**
 * On a site where nobody can sign in yet, makes a one-time link with which the first person
 * becomes administrator; the server prints it at start. Returns null when someone can sign in.
 */
export async function firstAdministratorLink(db: Kysely<Schema>, baseUrl: string): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const { token } = await createLink(db, 'setup', null, 'system:start');
  return linkUrl(baseUrl, token);
}
