import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/main.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { DEFAULT_WORKER_OPTIONS, deliverDue } from '../../../src/reach/webhooks.worker.js';
import { verifySignature } from '../../../src/reach/webhooks.signature.js';
import { describeEachEngineApp } from '../../support/app.js';
import { createStore, ENGINES, storeEnvironment } from '../../support/engines.js';
import { createStory } from './reach-support.js';
import { insertCommentRow } from '../../../src/comments/comments.repository.js';
import { announce } from '../../../src/comments/comments.service.js';
import { endlessBody, type EndlessBody } from '../../support/endless-body.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver on loopback that answers the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const answered = statuses[Math.min(received.length, statuses.length - 1)];
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('webhook deliveries survive failures and restarts', () => {
  for (const engine of ENGINES) {
    it(`a receiver failing twice then succeeding gets exactly one signed delivery, across a restart [${engine}]`, { timeout: 90_000 }, async () => {
      const store = await createStore(engine);
      const hook = await receiver([500, 500, 200]);
      const config = loadConfig({
        ...storeEnvironment(store),
        PORT: '0', HOST: '127.0.0.1', HERALD_WEBHOOK_POLL_MS: '50', HERALD_WEBHOOK_RETRY_BASE_MS: '300', HERALD_OUTBOUND_ALLOW: '127.0.0.1',
      });
      let server: RunningServer | null = await startServer(config);
      try {
        const user = await createUser(server.database.db, { email: 'admin@herald.test', name: 'Admin', role: 'administrator' });
        const { token } = await createApiToken(server.database.db, { name: 'hooks', role: 'administrator', userId: user.id });
        const call = (path: string, method = 'GET', body?: unknown) =>
          fetch(`${server!.url}/api/admin/v1${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
          });
        const created = await call('/webhooks', 'POST', { url: hook.url, events: ['article.published'] });
        expect(created.status).toBe(201);
        const { id: webhookId, secret } = (await created.json()) as { id: number; secret: string };
        const story = await call('/articles', 'POST', { language: 'en', title: 'Bridge opens', body: 'Cars cross.', status: 'published' });
        expect(story.status).toBe(201);

        await until(() => hook.received.length >= 1);
        await server.stop();
        server = null;
        expect(hook.received.filter((r) => r.answered === 200)).toHaveLength(0);

        server = await startServer(config);
        await until(() => hook.received.some((r) => r.answered === 200));
        // Long enough for a wrongly repeated delivery to show up.
        await new Promise((r) => setTimeout(r, 700));

        expect(hook.received.map((r) => r.answered)).toEqual([500, 500, 200]);
        expect(new Set(hook.received.map((r) => r.headers['herald-delivery'])).size).toBe(1);
        const success = hook.received[2];
        expect(verifySignature(secret, success.body, String(success.headers['herald-signature']))).toBe(true);
        expect(verifySignature(secret, `${success.body} `, String(success.headers['herald-signature']))).toBe(false);
        expect(success.headers['herald-event']).toBe('article.published');
        const payload = JSON.parse(success.body);
        expect(payload).toMatchObject({ event: 'article.published', data: { article: { title: 'Bridge opens', language: 'en' } } });
        expect(success.body).not.toContain('admin@herald.test');

        const log = (await (await call(`/webhooks/${webhookId}/deliveries`)).json()) as { items: Array<Record<string, unknown> & { log: Array<{ status: number }> }> };
        expect(log.items).toHaveLength(1);
        expect(log.items[0]).toMatchObject({ event: 'article.published', status: 'delivered', attempts: 3, lastStatus: 200 });
        expect(log.items[0].log.map((a) => a.status)).toEqual([500, 500, 200]);
      } finally {
        await server?.stop();
        await hook.close();
        await store.drop();
      }
    });
  }
});

describeEachEngineApp('webhooks Admin API', (t) => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver([200]);
  });
  afterAll(() => hook.close());

  it('is for administrators only', async () => {
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const headers = await t().auth(role);
      expect((await t().app.inject({ url: '/api/admin/v1/webhooks', headers })).statusCode, role).toBe(403);
      const post = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: hook.url, events: ['article.published'] } });
      expect(post.statusCode, role).toBe(403);
    }
    expect((await t().app.inject({ url: '/api/admin/v1/webhooks' })).statusCode).toBe(401);
  });

  it('registers, shows the secret once, rotates it, and deletes', async () => {
    const headers = await t().auth('administrator');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: hook.url, events: ['article.updated'], description: 'CDN' } });
    expect(created.statusCode).toBe(201);
    const webhook = created.json();
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = (await t().app.inject({ url: '/api/admin/v1/webhooks', headers })).json();
    expect(listed.items.map((w: { id: number }) => w.id)).toContain(webhook.id);
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
    const rotated = (await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/webhooks/${webhook.id}`, headers, payload: { rotateSecret: true, active: false } })).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(webhook.secret);
    expect(rotated.active).toBe(false);
    expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/webhooks/${webhook.id}`, headers })).statusCode).toBe(204);
    expect((await t().app.inject({ url: `/api/admin/v1/webhooks/${webhook.id}/deliveries`, headers })).statusCode).toBe(404);
  });

  it('names the field at fault', async () => {
    const headers = await t().auth('administrator');
    const badUrl = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: 'ftp://x.example', events: ['article.published'] } });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.fields).toEqual([{ field: 'url', message: 'must be an http(s) URL' }]);
    const badEvent = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: hook.url, events: ['article.exploded'] } });
    expect(badEvent.statusCode).toBe(400);
    expect(badEvent.json().error.fields[0].field).toMatch(/^events/);
  });

  it('queues exactly the events of each change, inside the write', async () => {
    const headers = await t().auth('administrator');
    const all = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'];
    const { id: webhookId } = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: hook.url, events: all } })).json();
    const events = async () =>
      (await t().database.db.selectFrom('webhook_deliveries').select('event').where('webhook_id', '=', webhookId).orderBy('id').execute()).map((r) => r.event);
    const draft = await createStory(t(), { language: 'en', title: 'Draft first', status: 'draft' }, 'administrator');
    const patch = (version: number, payload: object) =>
      t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${draft.id}`, headers, payload: { version, ...payload } });
    expect((await patch(1, { title: 'Draft edited' })).statusCode).toBe(200);
    expect(await events()).toEqual([]);
    expect((await patch(2, { status: 'published' })).statusCode).toBe(200);
    expect(await events()).toEqual(['article.published']);
    expect((await patch(3, { title: 'Now live' })).statusCode).toBe(200);
    expect((await patch(3, { title: 'Stale edit' })).statusCode).toBe(409);
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/unpublish`, headers });
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/publish`, headers });
    await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${draft.id}`, headers });
    expect(await events()).toEqual(['article.published', 'article.updated', 'article.unpublished', 'article.published', 'article.deleted']);

    expect(await deliverDue(t().database, { ...DEFAULT_WORKER_OPTIONS, outboundAllow: t().config.outboundAllow })).toBe(5);
    const log = (await t().app.inject({ url: `/api/admin/v1/webhooks/${webhookId}/deliveries?limit=2`, headers })).json();
    expect(log.pagination).toMatchObject({ total: 5, pages: 3 });
    expect(log.items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
    const retried = await t().app.inject({ method: 'POST', url: `/api/admin/v1/webhooks/${webhookId}/deliveries/${log.items[0].id}/retry`, headers });
    expect(retried.statusCode).toBe(202);
    // Paused, the webhook keeps its queue; switched back on, it sends what waited.
    await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/webhooks/${webhookId}`, headers, payload: { active: false } });
    expect(await deliverDue(t().database, { ...DEFAULT_WORKER_OPTIONS, outboundAllow: t().config.outboundAllow })).toBe(0);
    await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/webhooks/${webhookId}`, headers, payload: { active: true } });
    expect(await deliverDue(t().database, { ...DEFAULT_WORKER_OPTIONS, outboundAllow: t().config.outboundAllow })).toBe(1);
  });

  it('queues comment.posted with what readers see of a comment, never the commenter’s e-mail or address', async () => {
    const headers = await t().auth('administrator');
    const { id: webhookId } = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: hook.url, events: ['comment.posted'] } })).json();
    const story = await createStory(t(), { language: 'en', title: 'Open thread' }, 'administrator');
    const now = new Date().toISOString();
    const comment = (status: string, body: string) =>
      insertCommentRow(t().database.db, {
        article_id: story.id, parent_id: null, depth: 0, status, author_name: 'Reader', author_email: 'reader@example.org',
        author_url: null, author_ip: '203.0.113.7', user_agent: 'test', body, content_hash: body, score: 0, reasons: '[]', created_at: now, updated_at: now,
      } as never);
    const held = await comment('pending', 'Held for moderation');
    await announce(t().database, held.id, story.id, 'published');
    const shown = await comment('approved', 'A fair point');
    await announce(t().database, shown.id, story.id, 'published');
    const rows = await t().database.db.selectFrom('webhook_deliveries').select(['event', 'payload']).where('webhook_id', '=', webhookId).execute();
    expect(rows.map((r) => r.event)).toEqual(['comment.posted']);
    const payload = JSON.parse(rows[0].payload);
    expect(payload.data).toMatchObject({ comment: { id: shown.id, authorName: 'Reader' }, article: { id: story.id, url: story.url } });
    expect(rows[0].payload).not.toContain('reader@example.org');
    expect(rows[0].payload).not.toContain('203.0.113.7');
  });

  it('delivers to a receiver answering an endless body without reading it', async () => {
    const headers = await t().auth('administrator');
    let answered!: (answer: EndlessBody) => void;
    const answer = new Promise<EndlessBody>((resolve) => (answered = resolve));
    const chatty = createServer((request, response) => {
      request.resume();
      request.on('end', () => answered(endlessBody(response, 'text/plain')));
    });
    await new Promise<void>((resolve) => chatty.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(chatty.address() as AddressInfo).port}/hook`;
      const { id: webhookId } = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url, events: ['article.published'] } })).json();
      await createStory(t(), { language: 'en', title: 'Chatty receiver', status: 'published' }, 'administrator');
      await deliverDue(t().database, { ...DEFAULT_WORKER_OPTIONS, outboundAllow: t().config.outboundAllow });
      const { closed, sent } = await answer;
      await closed;
      // Cut after the status line: no more than what the sockets' buffers took in.
      expect(sent()).toBeLessThan(16 * 1024 * 1024);
      const delivery = await t().database.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'delivered', last_status: 200 });
      await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/webhooks/${webhookId}`, headers });
    } finally {
      await new Promise<void>((resolve) => chatty.close(() => resolve()));
    }
  });
}, { HERALD_OUTBOUND_ALLOW: '127.0.0.1' });

describeEachEngineApp('webhooks reach public addresses only', (t) => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver([200]);
  });
  afterAll(() => hook.close());

  it('refuses a loopback URL, however it is written, naming the url field', async () => {
    const headers = await t().auth('administrator');
    const port = new URL(hook.url).port;
    for (const host of ['127.0.0.1', '2130706433', '0177.0.0.1', '[::1]', 'localhost']) {
      const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: `http://${host}:${port}/hook`, events: ['article.published'] } });
      expect(created.statusCode, host).toBe(400);
      expect(created.json().error.fields[0].field).toBe('url');
      expect(created.json().error.fields[0].message).toMatch(/^must point at a public address: .*loopback/);
    }
    const ok = await t().app.inject({ method: 'POST', url: '/api/admin/v1/webhooks', headers, payload: { url: 'https://hooks.example.org/in', events: ['comment.posted'] } });
    expect(ok.statusCode).toBe(201);
    const moved = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/webhooks/${ok.json().id}`, headers, payload: { url: hook.url } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.fields[0]).toMatchObject({ field: 'url' });
  });

  it('records a delivery to a loopback address as failed, and sends it nothing', async () => {
    // Stored as if registered before addresses were checked as they are entered.
    const now = new Date().toISOString();
    const { id: webhookId } = await t()
      .database.db.insertInto('webhooks')
      .values({ url: hook.url.replace('127.0.0.1', '2130706433'), description: '', events: '["article.published"]', secret: 'whsec_test', active: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createStory(t(), { language: 'en', title: 'Internal probe', status: 'published' }, 'administrator');
    expect(await deliverDue(t().database, { ...DEFAULT_WORKER_OPTIONS, outboundAllow: t().config.outboundAllow })).toBe(0);
    const delivery = await t().database.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status: null });
    expect(delivery.last_error).toMatch(/^refused to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/);
    expect(hook.received).toEqual([]);
  });
});
