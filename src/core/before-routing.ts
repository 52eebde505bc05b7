import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Lets `answer` take a listening server's requests before Fastify sees them: routing, hooks and
 * the reply object cost more than the hottest answers (a cached page, an analytics beacon) do.
 * `answer` returns true when it took the request; the rest go on to Fastify. `inject()` never
 * comes this way, so tests of a route that injects reach Fastify whatever is installed here.
 */
export function answerBeforeRouting(server: Server, answer: (request: IncomingMessage, response: ServerResponse) => boolean): void {
  const [route] = server.listeners('request') as Listener[];
  if (!route) return;
  server.removeListener('request', route);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!answer(request, response)) route.call(server, request, response);
  });
}
