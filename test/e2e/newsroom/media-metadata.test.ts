import { expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/people/roles.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { multipart, png } from './media-files.js';

type Where = 'nowhere' | 'own story' | "another's featured image" | "another's story text";

interface Case {
  /** Whose picture it is, and where it is used. */
  owner: 'me' | 'another author';
  where: Where;
  allowed: readonly Role[];
  /** Why an author is refused (a contributor describes no picture at all). */
  authorRefusal?: RegExp;
}

const CONTRIBUTOR_REFUSAL = /^The contributor role may not change the alt text, caption, credit or focal point of pictures\.$/;
const IN_USE = /^The author role may not change this picture's alt text, caption, credit or focal point while someone else's story uses it \("Harbour news [a-z0-9]+"\); ask an editor\.$/;

const CASES: Case[] = [
  { owner: 'me', where: 'nowhere', allowed: ['author', 'editor', 'administrator'] },
  { owner: 'me', where: 'own story', allowed: ['author', 'editor', 'administrator'] },
  { owner: 'me', where: "another's featured image", allowed: ['editor', 'administrator'], authorRefusal: IN_USE },
  { owner: 'me', where: "another's story text", allowed: ['editor', 'administrator'], authorRefusal: IN_USE },
  { owner: 'another author', where: 'nowhere', allowed: ['editor', 'administrator'], authorRefusal: /^The author role may only change the alt text, caption, credit and focal point of pictures it uploaded; ask an editor to change this one\.$/ },
];

let pictures = 0;
const unique = () => Math.random().toString(36).slice(2, 8);

interface Writer {
  authorization: string;
  userId: number;
}

async function anotherAuthor(t: TestApp): Promise<Writer> {
  const user = await createUser(t.database.db, { email: `other-${unique()}@herald.test`, name: 'Another author', role: 'author' });
  const { token } = await createApiToken(t.database.db, { name: 'other', role: 'author', userId: user.id });
  return { authorization: `Bearer ${token}`, userId: user.id };
}

/** A picture of its own (a size no other test uses), uploaded by `owner`. */
async function picture(t: TestApp, owner: Writer, role: Role): Promise<{ id: number; url: string }> {
  // A contributor cannot upload; its pictures are ones it uploaded while an author.
  const uploader = role === 'contributor' ? await t.auth('administrator') : owner;
  const body = multipart('harbour.png', 'image/png', await png(60 + ++pictures, 40));
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization: uploader.authorization }, payload: body.payload });
  expect(response.statusCode, response.body).toBe(201);
  const item = response.json();
  if (uploader !== owner) await t.database.db.updateTable('media').set({ uploaded_by: `user:${owner.userId}` }).where('id', '=', item.id).execute();
  // Words an administrator gave it, which a refusal must leave as they are.
  const admin = await t.auth('administrator');
  await t.app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${item.id}`, headers: { authorization: admin.authorization }, payload: { alt: 'Boats', caption: 'The harbour', credit: 'Agency' } });
  return item;
}

async function story(t: TestApp, writer: Writer, fields: Record<string, unknown>): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/admin/v1/articles',
    headers: { authorization: writer.authorization },
    payload: { language: 'en', title: `Harbour news ${unique()}`, ...fields },
  });
  expect(response.statusCode, response.body).toBe(201);
}

describeEachEngineApp("who may change a picture's alt text, caption, credit and focal point", (t) => {
  for (const testCase of CASES) {
    for (const role of ROLES) {
      const allowed = testCase.allowed.includes(role);
      const name = `${testCase.owner === 'me' ? 'own picture' : "another author's picture"}, used ${testCase.where === 'nowhere' ? 'nowhere' : `on ${testCase.where}`}`;
      it(`${role} ${allowed ? 'may' : 'may not'} describe: ${name}`, async () => {
        const me = await t().auth(role);
        const other = await anotherAuthor(t());
        const owner = testCase.owner === 'me' ? me : other;
        const item = await picture(t(), owner, testCase.owner === 'me' ? role : 'author');
        if (testCase.where === 'own story') await story(t(), me, { featuredImage: { mediaId: item.id } });
        if (testCase.where === "another's featured image") await story(t(), other, { status: 'published', featuredImage: { mediaId: item.id } });
        if (testCase.where === "another's story text") {
          await story(t(), other, { status: 'published', body: `<p>At dawn.</p><figure><img src="${item.url}" alt="Boats"><figcaption>The harbour</figcaption></figure>` });
        }

        const response = await t().app.inject({
          method: 'PATCH',
          url: `/api/admin/v1/media/${item.id}`,
          headers: { authorization: me.authorization },
          payload: { alt: 'Changed', caption: 'Changed caption', credit: 'Changed credit', focalPoint: { x: 0.25, y: 0.75 } },
        });
        const stored = (await t().app.inject({ url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization } })).json();
        if (allowed) {
          expect(response.statusCode, response.body).toBe(200);
          expect(stored).toMatchObject({ alt: 'Changed', caption: 'Changed caption', credit: 'Changed credit', focalPoint: { x: 0.25, y: 0.75 } });
        } else {
          expect(response.statusCode, response.body).toBe(403);
          const { error } = response.json();
          expect(error.code).toBe('FORBIDDEN');
          expect(error.message).toMatch(role === 'contributor' ? CONTRIBUTOR_REFUSAL : testCase.authorRefusal!);
          expect(stored).toMatchObject({ alt: 'Boats', caption: 'The harbour', credit: 'Agency', focalPoint: null });
        }
      });
    }
  }

  it("tells an author which story stands in the way", async () => {
    const me = await t().auth('author');
    const other = await anotherAuthor(t());
    const item = await picture(t(), me, 'author');
    await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization: other.authorization },
      payload: { language: 'en', title: 'Storm over the harbour', status: 'published', featuredImage: { mediaId: item.id } },
    });
    const response = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization }, payload: { credit: 'Me' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe(
      'The author role may not change this picture\'s alt text, caption, credit or focal point while someone else\'s story uses it ("Storm over the harbour"); ask an editor.',
    );
  });

  it('answers 400 naming the coordinate of a focal point outside the picture, and changes nothing', async () => {
    const me = await t().auth('editor');
    const item = await picture(t(), me, 'editor');
    for (const [focalPoint, fields] of [
      [{ x: 1.5, y: 0.5 }, ['focalPoint.x']],
      [{ x: 0.5, y: -0.01 }, ['focalPoint.y']],
      [{ x: -1, y: 2 }, ['focalPoint.x', 'focalPoint.y']],
    ] as const) {
      const response = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization }, payload: { alt: 'Not saved', focalPoint } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    }
    const wrongType = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization }, payload: { focalPoint: { x: 'left', y: 0 } } });
    expect(wrongType.statusCode, wrongType.body).toBe(400);
    expect(wrongType.json().error.fields[0]).toEqual({ field: 'focalPoint.x', code: 'invalid', message: 'must be number' });
    const stored = (await t().app.inject({ url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization } })).json();
    expect(stored).toMatchObject({ alt: 'Boats', focalPoint: null });
  });

  it('lets an author describe its own picture on a story it is bylined on, though someone else created it', async () => {
    const me = await t().auth('author');
    const editor = await t().auth('editor');
    const item = await picture(t(), me, 'author');
    const created = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization: editor.authorization },
      payload: { language: 'en', title: 'Shared byline', authors: [me.userId], featuredImage: { mediaId: item.id } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${item.id}`, headers: { authorization: me.authorization }, payload: { alt: 'Mine to say' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().alt).toBe('Mine to say');
  });
});
