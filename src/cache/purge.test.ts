import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { purgeHook } from './purge.js';
import { endlessBody, type EndlessBody } from '../../test/support/endless-body.js';

async function receiver(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk));
    request.on('end', () => {
      bodies.push(text);
      answer(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function recordingLog() {
  const warnings: Array<{ object: object; message: string }> = [];
  return { warnings, warn: (object: object, message: string) => void warnings.push({ object, message }) };
}

describe('the CDN purge hook', () => {
  it('posts the keys to the configured address (loopback included: the operator set it) and reads only the status', async () => {
    let answer!: EndlessBody;
    const cdn = await receiver((_request, response) => {
      answer = endlessBody(response, 'text/plain');
    });
    try {
      const log = recordingLog();
      await purgeHook(cdn.url, log)({ keys: ['article:1', 'tag:2'] });
      expect(cdn.bodies).toEqual(['{"keys":["article:1","tag:2"]}']);
      expect(log.warnings).toEqual([]);
      // An endless answer is not read: the connection is cut after the status line.
      await answer.closed;
      expect(answer.sent()).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await cdn.close();
    }
  });

  it('logs an error status, and does not follow a redirect elsewhere', async () => {
    const elsewhere = await receiver((_request, response) => response.end('ok'));
    const cdn = await receiver((_request, response) => response.writeHead(307, { location: elsewhere.url }).end());
    try {
      const log = recordingLog();
      await purgeHook(cdn.url, log)({ all: true });
      expect(cdn.bodies).toEqual(['{"all":true}']);
      expect(elsewhere.bodies).toEqual([]);
      expect(log.warnings).toEqual([{ object: { status: 307, url: cdn.url }, message: 'purge hook answered with an error' }]);
    } finally {
      await Promise.all([cdn.close(), elsewhere.close()]);
    }
  });
});
