import { expect, it } from 'vitest';
import { createArticle, listRevisions, updateArticle } from '../../src/content/articles.service.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import type { Actor } from '../../src/people/permissions.js';
import type { Role } from '../../src/people/roles.js';
import { createSession } from '../../src/people/sessions.service.js';
import { createApiToken } from '../../src/people/tokens.service.js';
import { removeStaff } from '../../src/people/users.admin.service.js';
import { createUser } from '../../src/people/users.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const BASE = 'http://herald.test';
const unique = () => Math.random().toString(36).slice(2, 8);
const actorOf = (user: { id: number; role: string; name: string }): Actor => ({ role: user.role as Role, userId: user.id, principal: `user:${user.id}`, name: user.name });

describeEachEngine('removing a person', (database) => {
  const person = (role: Role, name = `${role} ${unique()}`) => createUser(database().db, { email: `${unique()}@herald.test`, name, role });
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it was allowed'), (error) => error);
  const bylineOf = async (articleId: number) =>
    (await database().db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).orderBy('position').execute()).map((r) => r.user_id);

  it('credits someone else with every version they wrote, keeps the revisions, and ends their sessions and tokens, in one go', async () => {
    await updateSettings(database().db, { languages: ['en', 'fr'] });
    const admin = await person('administrator');
    const leaving = await person('author', 'Leaving Writer');
    const heir = await person('editor', 'Heir Editor');
    const as = actorOf(leaving);
    const en = await createArticle(database(), { language: 'en', title: 'Harbour strike', status: 'published' }, as, BASE);
    const fr = await createArticle(database(), { language: 'fr', title: 'Grève au port', translationOf: en.id, status: 'published' }, as, BASE);
    await updateArticle(database(), fr.id, { version: fr.version, standfirst: 'Les dockers arrêtent le travail.' }, as, BASE);
    const shared = await createArticle(database(), { language: 'en', title: 'Written together', authors: [leaving.id, heir.id] }, actorOf(admin), BASE);
    const revisionsBefore = await listRevisions(database().db, fr.id);
    await createSession(database().db, leaving.id);
    await createApiToken(database().db, { name: 'theirs', role: 'author', userId: leaving.id });
    const seen: WriteEvent[] = [];
    database().hooks.afterCommit((event) => void seen.push(event));

    const result = await removeStaff(database(), actorOf(admin), leaving.id, heir.id);

    expect(result).toEqual({ removed: { id: leaving.id, name: 'Leaving Writer' }, reassigned: { to: heir.id, name: 'Heir Editor', versions: 3 } });
    expect(await bylineOf(en.id)).toEqual([heir.id]);
    expect(await bylineOf(fr.id)).toEqual([heir.id]);
    expect(await bylineOf(shared.id)).toEqual([heir.id]);
    const created = await database().db.selectFrom('articles').select('created_by').where('id', 'in', [en.id, fr.id]).execute();
    expect(created.map((r) => r.created_by)).toEqual([`user:${heir.id}`, `user:${heir.id}`]);
    const revisionsAfter = await listRevisions(database().db, fr.id);
    expect(revisionsAfter).toEqual(revisionsBefore);
    expect(revisionsAfter.map((r) => r.actor)).toEqual([`user:${leaving.id}`, `user:${leaving.id}`]);
    const left = async (table: 'users' | 'sessions' | 'api_tokens', column: 'id' | 'user_id') =>
      database().db.selectFrom(table).select(column).where(column, '=', leaving.id).execute();
    expect(await left('users', 'id')).toEqual([]);
    expect(await left('sessions', 'user_id')).toEqual([]);
    expect(await left('api_tokens', 'user_id')).toEqual([]);
    // The published versions' pages name the old and the new author; the person's own page goes.
    const enUpdate = seen.find((e) => e.entity === 'article' && e.id === en.id);
    expect(enUpdate?.keys).toEqual(expect.arrayContaining([`author:${leaving.id}`, `author:${heir.id}`, `article:${en.id}`]));
    expect(seen.at(-1)).toEqual({ entity: 'user', id: leaving.id, action: 'deleted', keys: [`author:${leaving.id}`] });
  });

  it('changes nothing when any part of the removal fails', async () => {
    const admin = await person('administrator');
    const leaving = await person('author');
    const heir = await person('author');
    const story = await createArticle(database(), { language: 'en', title: `Kept whole ${unique()}` }, actorOf(leaving), BASE);
    await createSession(database().db, leaving.id);
    let fail = true;
    database().hooks.duringTransaction(async (_trx, event) => {
      if (fail && event.entity === 'user') throw new Error('listener failed');
    });
    await expect(removeStaff(database(), actorOf(admin), leaving.id, heir.id)).rejects.toThrow('listener failed');
    fail = false;
    expect(await bylineOf(story.id)).toEqual([leaving.id]);
    expect(await database().db.selectFrom('sessions').select('id').where('user_id', '=', leaving.id).execute()).toHaveLength(1);
    expect(await database().db.selectFrom('users').select('id').where('id', '=', leaving.id).execute()).toHaveLength(1);
  });

  it('removes someone who wrote nothing without asking whom to credit', async () => {
    const admin = await person('administrator');
    const invited = await person('contributor');
    expect(await removeStaff(database(), actorOf(admin), invited.id, undefined)).toEqual({ removed: { id: invited.id, name: invited.name }, reassigned: null });
  });

  it('refuses, naming the field, to remove yourself, the last administrator, or to credit nobody or the person removed', async () => {
    const admin = await person('administrator');
    const writer = await person('author');
    await createArticle(database(), { language: 'en', title: `Theirs ${unique()}` }, actorOf(writer), BASE);
    const fieldOf = (error: { status: number; fields?: Array<{ field: string }> }) => [error.status, error.fields?.map((f) => f.field)];

    expect(fieldOf(await failure(removeStaff(database(), actorOf(admin), admin.id, writer.id)))).toEqual([400, ['id']]);
    expect(fieldOf(await failure(removeStaff(database(), actorOf(admin), writer.id, undefined)))).toEqual([400, ['reassignTo']]);
    expect(fieldOf(await failure(removeStaff(database(), actorOf(admin), writer.id, writer.id)))).toEqual([400, ['reassignTo']]);
    expect(fieldOf(await failure(removeStaff(database(), actorOf(admin), writer.id, 2_000_000_000)))).toEqual([400, ['reassignTo']]);
    expect((await failure(removeStaff(database(), actorOf(admin), 2_000_000_000, admin.id))).status).toBe(404);
    expect((await failure(removeStaff(database(), actorOf(writer), admin.id, writer.id))).status).toBe(403);

    // A token acting for no one is an administrator too; the site keeps its last one.
    const admins = await database().db.selectFrom('users').select('id').where('role', '=', 'administrator').execute();
    const token: Actor = { role: 'administrator', userId: null, principal: 'token:1', name: 'CI' };
    for (const { id } of admins.slice(1)) await removeStaff(database(), token, id, writer.id);
    expect(fieldOf(await failure(removeStaff(database(), token, admins[0].id, writer.id)))).toEqual([409, ['id']]);
    expect(await database().db.selectFrom('users').select('id').where('role', '=', 'administrator').execute()).toEqual([admins[0]]);
  });
});
