import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A stand-in "translation": marks each text with the target language, tags untouched. */
export function fakeTranslate(text: string, to: string): string {
  return text.replace(/(^|>)([^<]+)/g, (_m, open: string, words: string) => (words.trim() ? `${open}[${to}] ${words}` : open + words));
}

type Handler = (request: Received) => { status?: number; body: unknown };

/**
 * A small HTTP server on 127.0.0.1 (random port) that answers like a translation service,
 * keeping every request it got so that tests can check what the adapter sent.
 */
export async function fakeService(handler: Handler): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const entry: Received = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : null };
    received.push(entry);
    const answer = handler(entry);
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** LibreTranslate's documented POST /translate: {q, source, target, format, api_key} → {translatedText}. */
export function libreTranslateService() {
  return fakeService(({ path, body }) => {
    if (path !== '/translate') return { status: 404, body: { error: 'Not Found' } };
    const texts: string[] = Array.isArray(body.q) ? body.q : [body.q];
    const out = texts.map((t) => fakeTranslate(t, body.target));
    return { body: { translatedText: Array.isArray(body.q) ? out : out[0] } };
  });
}
