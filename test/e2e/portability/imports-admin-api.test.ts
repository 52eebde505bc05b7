import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

const FILE = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;

describeEachEngineApp('WordPress upload in the Admin API', (t) => {
  const upload = async (headers: Record<string, string>, payload: string | Buffer) =>
    t().app.inject({ method: 'POST', url: '/api/admin/v1/imports/wordpress', headers: { ...headers, 'content-type': 'application/xml' }, payload });

  it('is for administrators only', async () => {
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const { authorization } = await t().auth(role);
      expect((await upload({ authorization }, readFileSync(FILE))).statusCode, role).toBe(403);
    }
    expect((await upload({}, readFileSync(FILE))).statusCode).toBe(401);
  });

  it('imports an uploaded WXR file and answers with the report', async () => {
    const { authorization } = await t().auth('administrator');
    const response = await upload({ authorization }, readFileSync(FILE));
    expect(response.statusCode).toBe(200);
    expect(response.json().created).toMatchObject({ articles: 6, sections: 1, users: 1 });
    const again = await upload({ authorization }, readFileSync(FILE));
    expect(again.json().created).toEqual({});
    expect(again.json().skipped).toEqual({ 'already imported by an earlier run': 6 });
  });

  it('refuses a malformed file with a 400 naming the line, importing nothing', async () => {
    const { authorization } = await t().auth('administrator');
    const before = (await t().database.db.selectFrom('articles').select('id').execute()).length;
    const response = await upload({ authorization }, '<?xml version="1.0"?>\n<rss>\n<channel>\n<wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>\n<item><title>x</title>\n</channel></rss>');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0]).toMatchObject({ field: 'file' });
    expect(response.json().error.fields[0].message).toMatch(/nothing was imported — line 6: not well-formed XML/);
    expect((await t().database.db.selectFrom('articles').select('id').execute()).length).toBe(before);
  });
});
