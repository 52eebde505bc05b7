import { expect, it } from 'vitest';
import { createArticle, getArticle, listRevisions, updateArticle } from '../../src/content/articles.service.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import { createGuest, removeGuest, updateGuest } from '../../src/people/guests.service.js';
import type { Actor } from '../../src/people/permissions.js';
import type { Role } from '../../src/people/roles.js';
import { createUser } from '../../src/people/users.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { cacheKey } from '../../src/core/cache-keys.js';
import { describeEachEngine } from '../support/engines.js';

const BASE = 'http://herald.test';
const unique = () => Math.random().toString(36).slice(2, 8);
const actorOf = (user: { id: number; role: string; name: string }): Actor => ({ role: user.role as Role, userId: user.id, principal: `user:${user.id}`, name: user.name });

describeEachEngine('a story’s co-authors, guest contributors and credits', (database) => {
  const person = (role: Role, name = `${role} ${unique()}`) => createUser(database().db, { email: `${unique()}@herald.test`, name, role });
  const names = (people: Array<{ name: string }>) => people.map((p) => p.name);

  it('keeps the byline and each kind of credit in the order given, a guest among the staff', async () => {
    await updateSettings(database().db, { languages: ['en', 'fr'] });
    const editor = actorOf(await person('editor'));
    const zoe = await person('author', 'Zoe Adams');
    const yann = await person('author', 'Yann Berg');
    const guest = await createGuest(database(), editor, { name: 'Xenia Guest', bio: 'Photographer.', website: 'https://xenia.example.org' });
    expect(guest).toMatchObject({ name: 'Xenia Guest', slug: 'xenia-guest', bio: 'Photographer.', website: 'https://xenia.example.org' });

    const en = await createArticle(
      database(),
      { language: 'en', title: 'Storm', status: 'published', authors: [zoe.id, guest.slug, yann.id], credits: { photographers: [guest.id, zoe.id], additionalReporting: [yann.slug] } },
      editor,
      BASE,
    );
    expect(names(en.authors)).toEqual(['Zoe Adams', 'Xenia Guest', 'Yann Berg']);
    expect(names(en.credits.photographers)).toEqual(['Xenia Guest', 'Zoe Adams']);
    expect(names(en.credits.additionalReporting)).toEqual(['Yann Berg']);
    expect(en.credits.translators).toEqual([]);

    // A kind given replaces that kind only; the order is the new one.
    const edited = await updateArticle(database(), en.id, { version: en.version, authors: [yann.id, zoe.id, guest.id], credits: { photographers: [zoe.id, guest.id] } }, editor, BASE);
    expect(names(edited.authors)).toEqual(['Yann Berg', 'Zoe Adams', 'Xenia Guest']);
    expect(names(edited.credits.photographers)).toEqual(['Zoe Adams', 'Xenia Guest']);
    expect(names(edited.credits.additionalReporting)).toEqual(['Yann Berg']);
    // The revision keeps the credits as they were at each version.
    const [latest, first] = await listRevisions(database().db, en.id);
    expect(names(first.article.credits.photographers)).toEqual(['Xenia Guest', 'Zoe Adams']);
    expect(names(latest.article.credits.photographers)).toEqual(['Zoe Adams', 'Xenia Guest']);
    expect(names(first.article.authors)).toEqual(['Zoe Adams', 'Xenia Guest', 'Yann Berg']);

    const fr = await createArticle(database(), { language: 'fr', title: 'Tempête', translationOf: en.id, credits: { translators: [guest.id] } }, editor, BASE);
    expect(names(fr.credits.translators)).toEqual(['Xenia Guest']);
  });

  it('edits a guest and names every page showing them; removing one drops them from bylines and credits', async () => {
    const editor = actorOf(await person('editor'));
    const guest = await createGuest(database(), editor, { name: 'Short Stay' });
    const staff = await person('author', 'Stays On');
    const story = await createArticle(database(), { language: 'en', title: 'Flood', status: 'published', authors: [guest.id, staff.id], credits: { additionalReporting: [guest.id] } }, editor, BASE);
    const seen: WriteEvent[] = [];
    database().hooks.afterCommit((event) => void seen.push(event));

    const renamed = await updateGuest(database(), editor, guest.id, { name: 'Short Stay Jr', website: '' });
    expect(renamed).toMatchObject({ name: 'Short Stay Jr', website: null });
    expect(seen.at(-1)?.keys).toEqual(expect.arrayContaining([cacheKey.author(guest.id), cacheKey.article(story.id)]));

    await removeGuest(database(), editor, guest.id);
    expect(seen.at(-1)).toMatchObject({ entity: 'user', id: guest.id, action: 'deleted' });
    expect(seen.at(-1)?.keys).toContain(cacheKey.article(story.id));
    const after = await getArticle(database().db, story.id, BASE);
    expect(names(after.authors)).toEqual(['Stays On']);
    expect(after.credits.additionalReporting).toEqual([]);
    expect(await database().db.selectFrom('article_credits').selectAll().where('user_id', '=', guest.id).execute()).toEqual([]);
  });

  it('writes nothing when a credit names nobody', async () => {
    const editor = actorOf(await person('editor'));
    const failure = await createArticle(database(), { language: 'en', title: 'Nobody', credits: { translators: ['no-such-person'] } }, editor, BASE).then(
      () => expect.unreachable('it was written'),
      (error) => error,
    );
    expect(failure.fields).toEqual([{ field: 'credits.translators.0', message: 'no person "no-such-person"' }]);
    expect(await database().db.selectFrom('articles').select('id').where('title', '=', 'Nobody').execute()).toEqual([]);
  });
});
