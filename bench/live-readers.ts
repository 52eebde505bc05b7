/**
 * The readers of `npm run bench:live`, in a process of their own so that the load generator
 * measuring the site's speed does not share its event loop and heap with a thousand open
 * streams. Started by bench/live.ts over IPC: it connects the readers, then answers each
 * entry id with the wall-clock time the entry reached each reader (Infinity when it did not).
 */
import { openEventStream } from '../test/support/sse.js';

type Request = { connect: { url: string; readers: number } } | { arrivals: { entryId: number; timeoutMs: number } } | { stillOpen: true } | { close: true };

const readers: Array<{ openedAt: number; stream: ReturnType<typeof openEventStream> }> = [];

process.on('message', async (request: Request) => {
  if ('connect' in request) {
    const { url, readers: count } = request.connect;
    for (let i = 0; i < count; i++) readers.push({ openedAt: Date.now(), stream: openEventStream(url) });
    await Promise.all(readers.map(({ stream }) => stream.next((e) => e.event === 'state', 60_000)));
    process.send!({ connected: readers.length });
  } else if ('arrivals' in request) {
    const { entryId, timeoutMs } = request.arrivals;
    const arrivedAt = await Promise.all(
      readers.map(({ openedAt, stream }) =>
        stream.next((e) => e.event === 'entry' && (e.data as { id?: number }).id === entryId, timeoutMs).then((event) => openedAt + event.at, () => Number.POSITIVE_INFINITY),
      ),
    );
    // Infinity does not survive JSON: -1 stands for "never arrived".
    process.send!({ arrivedAt: arrivedAt.map((at) => (Number.isFinite(at) ? at : -1)) });
  } else if ('stillOpen' in request) {
    // A stream that received its first event and was not closed by the server since.
    process.send!({ stillOpen: readers.filter(({ stream }) => stream.events.length > 0).length });
  } else {
    for (const { stream } of readers) stream.close();
    process.exit(0);
  }
});
