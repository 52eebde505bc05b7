/**
 * A Herald app's inboxes in this process: activities signed as a test's fediverse actor are
 * posted through `app.inject()`, and the app's own inbox queue handles them. Far cheaper than a
 * server process; the remote actors' keys are fetched from servers on loopback, so the app
 * needs the fediverse's test-only private-address allowance (FEDERATION_TEST_ENV).
 */
import { signRequest } from '@fedify/fedify';
import type { LightMyRequestResponse } from 'fastify';
import { updateSettings } from '../../src/settings/settings.service.js';
import { TEST_BASE_URL, type TestApp } from './app.js';
import { inboxSettled } from './fediverse.js';

export interface InboxKey {
  /** The key's id, e.g. `http://127.0.0.1:4000/actor#main-key`. */
  id: string;
  privateKey: CryptoKey;
}

export interface InProcessInbox {
  /** Posts `activity` to `path` (an inbox), signed with `key`; answers the app's response. */
  post(path: string, activity: object, key: InboxKey, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Waits until every activity accepted so far has been handled (the inbox queue is empty). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function inProcessInbox(t: TestApp): Promise<InProcessInbox> {
  await updateSettings(t.database.db, { federation: true });
  const { federation, data } = t.app.fediverse;
  const controller = new AbortController();
  const running = federation.startQueue(data, { signal: controller.signal });
  return {
    async post(path, activity, key, headers = {}) {
      const body = JSON.stringify(activity);
      const request = new Request(`${TEST_BASE_URL}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/activity+json', ...headers } });
      const signed = await signRequest(request, key.privateKey, new URL(key.id), { spec: 'draft-cavage-http-signatures-12' });
      return t.app.inject({ method: 'POST', url: path, headers: Object.fromEntries(signed.headers), payload: body });
    },
    settled: () => inboxSettled(t.database.db),
    async stop() {
      controller.abort();
      await running;
    },
  };
}
