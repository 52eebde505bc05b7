/**
 * `kill -9` in the middle of delivering a story to many followers' servers: the restarted
 * server delivers the rest, and nothing is lost. Only the deliveries in flight at the kill may
 * arrive twice (their answer was never recorded), which receivers ignore by the activity id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_OPTIONS } from '../../../src/federation/delivery.js';
import { ENGINES } from '../../support/engines.js';
import { serve, startPeer, stopPeer, until, type Peer } from '../../support/fediverse.js';

const FOLLOWERS = 200;

for (const engine of ENGINES) {
  describe(`deliveries killed with SIGKILL and restarted [${engine}]`, { timeout: 120_000 }, () => {
    let herald: Peer;
    let inboxes: Server;
    let base = '';
    const received = new Map<string, string[]>();
    beforeAll(async () => {
      // Each follower's server takes 50 ms to answer: the delivery lasts long enough to be cut.
      inboxes = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const id = JSON.parse(Buffer.concat(chunks).toString()).id as string;
        received.set(request.url!, [...(received.get(request.url!) ?? []), id]);
        setTimeout(() => response.writeHead(202).end(), 50);
      });
      await new Promise<void>((resolve) => inboxes.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(inboxes.address() as AddressInfo).port}`;
      herald = await startPeer(engine);
    });
    afterAll(async () => {
      await stopPeer(herald);
      inboxes?.close();
    });

    it(`every one of ${FOLLOWERS} followers’ servers gets the story; only those in flight at the kill get it twice`, async () => {
      const { db } = herald.t.database;
      const now = new Date().toISOString();
      await db
        .insertInto('federation_followers')
        .values(Array.from({ length: FOLLOWERS }, (_, i) => ({ actor: 'fr', follower_uri: `${base}/users/${i}`, handle: '', inbox: `${base}/users/${i}/inbox`, shared_inbox: null, follow_id: `${base}/follows/${i}`, created_at: now })))
        .execute();
      const { authorization } = await herald.t.auth('editor');
      const created = await herald.t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Coupure', body: '<p>Texte.</p>', status: 'published' } });
      expect(created.statusCode).toBe(201);
      await until(async () => received.size >= FOLLOWERS / 4, 'a quarter of the deliveries', 60_000);
      herald.child.kill('SIGKILL');
      await new Promise((resolve) => (herald.child.exitCode !== null || herald.child.signalCode ? resolve(null) : herald.child.once('exit', resolve)));
      const atKill = received.size;
      expect(atKill).toBeLessThan(FOLLOWERS);

      herald.child = await serve(herald.t, herald.url);
      await until(async () => !(await db.selectFrom('federation_deliveries').select('id').where('status', '!=', 'delivered').executeTakeFirst()) && received.size === FOLLOWERS, 'every delivery', 60_000);
      const ids = new Set([...received.values()].flat());
      expect(ids.size).toBe(1);
      const twice = [...received.values()].filter((list) => list.length > 1).length;
      // All on one server here: at most `perHost` of them were in flight.
      expect(twice).toBeLessThanOrEqual(DEFAULT_DELIVERY_OPTIONS.perHost);
      console.info(`[${engine}] ${FOLLOWERS} followers, killed after ${atKill}, all delivered, ${twice} twice`);
    });
  });
}
