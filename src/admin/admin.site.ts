import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `npm run build:admin` (run by `npm install`) writes the admin app. */
export const ADMIN_DIST = fileURLToPath(new URL('../../dist/admin', import.meta.url));

// The admin runs only its own bundled script and talks only to this server; pictures may come
// from elsewhere (a featured image by URL). Inline style attributes are the editor's own.
const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = 'The admin app is not built yet: run "npm run build:admin" (npm install does it), then reload.';

/**
 * Serves the admin app at /admin: its hashed assets cache forever, and every other path under
 * /admin answers index.html so that the app's own router shows the screen (deep links work).
 */
export const adminSite: FastifyPluginAsync<{ dist?: string }> = async (app, options) => {
  const dist = options.dist ?? ADMIN_DIST;
  let indexHtml: string | null = null;
  const index = () => {
    // Read on first use rather than at start, so a build made while the server runs is picked up.
    if (indexHtml === null && existsSync(`${dist}/index.html`)) indexHtml = readFileSync(`${dist}/index.html`, 'utf8');
    return indexHtml;
  };
  const sendIndex = async (_request: unknown, reply: FastifyReply) => {
    const html = index();
    if (html === null) return reply.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply
      .header('cache-control', 'no-cache')
      .header('x-frame-options', 'DENY')
      .header('content-security-policy', ADMIN_CSP)
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(html);
  };

  app.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
  if (existsSync(`${dist}/assets`)) {
    await app.register(fastifyStatic, {
      root: `${dist}/assets`,
      prefix: '/admin/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  app.get('/admin/', sendIndex);
  app.get('/admin/*', sendIndex);
};
