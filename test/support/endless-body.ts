import type { ServerResponse } from 'node:http';

/** What a test reads of an endless answer: how much was written, and when the client hung up. */
export interface EndlessBody {
  sent(): number;
  closed: Promise<void>;
}

/**
 * A loopback server's answer that never ends: `x`s in chunks for as long as the client keeps
 * the connection open, as fast as it reads them. Tests of size caps and of "the answer is not
 * read" check `sent()` once `closed` resolves.
 */
export function endlessBody(response: ServerResponse, contentType: string, chunkSize = 64 * 1024): EndlessBody {
  let sent = 0;
  const closed = new Promise<void>((resolve) => response.on('close', () => resolve()));
  response.writeHead(200, { 'content-type': contentType });
  const chunk = Buffer.alloc(chunkSize, 'x');
  const pump = () => {
    while (!response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
  };
  pump();
  return { sent: () => sent, closed };
}
