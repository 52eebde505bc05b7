import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/** The folder uploaded and generated images live in, under the data directory. */
export function mediaDir(dataDir: string): string {
  return join(dataDir, 'media');
}

/**
 * Serves stored media files at /media/…; names are content-addressed, so they cache forever.
 * `nosniff`: a browser takes each file as the type it is served as, never guesses another
 * from its bytes (an upload is checked to be a picture, and stays one).
 */
export const mediaFiles: FastifyPluginAsync = fp(async (app) => {
  const root = mediaDir(app.herald.config.dataDir);
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/media/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    dotfiles: 'deny',
    setHeaders: (reply) => reply.header('X-Content-Type-Options', 'nosniff'),
  });
});
