import http from 'node:http';

export interface SseEvent {
  event: string;
  id: string | null;
  data: any;
  /** Milliseconds since the stream was opened. */
  at: number;
}

/**
 * A Server-Sent Events reader on loopback, as a browser's EventSource reads a stream: frames
 * split on blank lines, `event:`, `id:` and `data:` fields. `next` waits for the next event a
 * predicate accepts.
 */
export function openEventStream(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const waiters: Array<{ accept: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void }> = [];
  const opened = Date.now();
  let response: http.IncomingMessage | null = null;
  const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
  const ready = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.on('response', (res) => {
      response = res;
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        const frames = pending.split('\n\n');
        pending = frames.pop() ?? '';
        for (const frame of frames) {
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) continue;
            const at = line.indexOf(':');
            if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1).trimStart());
          }
          if (!fields.has('data')) continue;
          const event = { event: fields.get('event') ?? 'message', id: fields.get('id') ?? null, data: JSON.parse(fields.get('data')!), at: Date.now() - opened };
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.accept(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
        }
      });
      resolve(res);
    });
    request.on('error', reject);
  });
  return {
    events,
    ready,
    status: async () => (await ready).statusCode,
    headers: async () => (await ready).headers,
    next(accept: (event: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const seen = events.find(accept);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
        waiters.push({ accept, resolve: (event) => (clearTimeout(timer), resolve(event)) });
      });
    },
    close() {
      request.destroy();
      response?.destroy();
    },
  };
}
