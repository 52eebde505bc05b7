import type { Store } from '../../src/db/hooks.js';
import { createSection } from '../../src/content/sections.service.js';
import type { Actor } from '../../src/people/permissions.js';

const SECTIONS_ACTOR: Actor = { role: 'administrator', userId: null, principal: 'test:sections', name: 'Sections' };

/**
 * The id of the section named `name` in `language`, made the first time a test asks for it: a
 * story names its section by id, and writing one never creates a section.
 */
export async function sectionNamed(store: Store, name: string, language = 'en'): Promise<number> {
  const found = await store.db
    .selectFrom('section_names')
    .select('section_id')
    .where('language', '=', language)
    .where('name', '=', name)
    .executeTakeFirst();
  return found?.section_id ?? (await createSection(store, SECTIONS_ACTOR, { names: { [language]: { name } } })).id;
}
