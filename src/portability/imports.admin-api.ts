import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../http/auth.js';
import { invalid } from '../core/errors.js';
import { assertCan } from '../people/permissions.js';
import { importWordpress } from './wordpress/wordpress.import.js';

/** Largest WXR file accepted by upload; larger exports go through `herald import wordpress`. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * `POST /imports/wordpress` with the WXR file as the body (`Content-Type: application/xml`):
 * administrators only. The upload is streamed to a temporary file, never held in memory,
 * then imported with the same guarantees as the CLI; the answer is the import's report.
 */
export const importsAdminApi: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/rss+xml'], { bodyLimit: MAX_UPLOAD_BYTES }, (_request, payload, done) => {
    done(null, payload);
  });

  app.post('/imports/wordpress', { bodyLimit: MAX_UPLOAD_BYTES }, async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw invalid([{ field: 'file', message: 'send the WXR file as the request body with Content-Type: application/xml' }]);
    }
    const dir = await mkdtemp(join(tmpdir(), 'herald-wxr-'));
    try {
      const file = join(dir, 'upload.xml');
      await pipeline(body, createWriteStream(file));
      const settings = await app.herald.settings();
      const report = await importWordpress(app.herald.database, file, { baseUrl: settings.baseUrl });
      return report.toJSON();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
};
