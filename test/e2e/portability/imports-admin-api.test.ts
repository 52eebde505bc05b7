import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

const FILE = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;

describeEachEngineApp('WordPress upload in the Admin API', (t) => {
  const upload = async (headers: Record<string, string>, payload: string | Buffer, search = '') =>
    t().app.inject({ method: 'POST', url: `/api/admin/v1/imports/wordpress${search}`, headers: { ...headers, 'content-type': 'application/xml' }, payload });

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

/** One post whose text shows a picture of the old site at `origin`. */
function postWithPicture(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>${origin}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>${origin}</wp:base_blog_url>
<item><title>Harbour</title><link>${origin}/?p=7</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[The harbour at dawn.

<img src="${origin}/wp-content/uploads/harbour-300x169.png" alt="Harbour">]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2024-05-01 10:00:00</wp:post_date_gmt><wp:post_name>harbour</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>harbour</title><wp:post_id>8</wp:post_id><wp:post_parent>7</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>${origin}/wp-content/uploads/harbour.png</wp:attachment_url></item>
</channel></rss>`;
}

describeEachEngineApp('WordPress upload in the Admin API: pictures and progress', (t) => {
  let png: Buffer;
  const requested: string[] = [];
  const oldSite = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === '/wp-content/uploads/harbour.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    response.writeHead(404).end();
  });
  beforeAll(async () => {
    png = await sharp({ create: { width: 300, height: 169, channels: 3, background: '#2a6f97' } }).png().toBuffer();
    await new Promise<void>((resolve) => oldSite.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => oldSite.close(() => resolve())));
  const origin = () => `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
  const upload = async (payload: string, search: string, accept = 'application/json') => {
    const { authorization } = await t().auth('administrator');
    return t().app.inject({ method: 'POST', url: `/api/admin/v1/imports/wordpress${search}`, headers: { authorization, accept, 'content-type': 'application/xml' }, payload });
  };

  it('refuses a downloadMedia that is not true or false, naming it', async () => {
    const response = await upload(postWithPicture(origin()), '?downloadMedia=perhaps');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].field).toMatch(/downloadMedia/);
    expect(requested).toEqual([]);
  });

  it('tells the progress line by line, then the report, and copies the pictures with downloadMedia', async () => {
    const response = await upload(postWithPicture(origin()), '?downloadMedia=true', 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = response.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line.progress).toMatchObject({ phase: expect.stringMatching(/^(checking|importing)$/) });
    expect(lines.at(-1).report.created).toMatchObject({ articles: 1, 'images downloaded': 1 });
    expect(requested).toEqual(['/wp-content/uploads/harbour.png']);
    const story = await t().database.db.selectFrom('articles').select('body').where('slug', '=', 'harbour').executeTakeFirstOrThrow();
    expect(story.body).toMatch(/<img src="\/media\/[^"]+" alt="Harbour"/);
    expect(story.body).not.toContain(origin());
  });

  it('answers a refused file with a 400 before any progress, also to a client that asked for progress', async () => {
    const response = await upload('<rss><channel><item></channel></rss>', '', 'application/x-ndjson');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0]).toMatchObject({ field: 'file' });
  });
}, { HERALD_OUTBOUND_ALLOW: '127.0.0.1' });
