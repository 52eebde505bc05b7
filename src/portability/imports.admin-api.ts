import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../http/auth.js';
import { AppError, errorBody, invalid } from '../core/errors.js';
import { assertCan } from '../people/permissions.js';
import type { ImportOptions } from './import.report.js';
import { importWordpress } from './wordpress/wordpress.import.js';

/** Largest WXR file accepted by upload; larger exports go through `herald import wordpress`. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** The newline-delimited JSON answer that tells an import's progress as it goes. */
const PROGRESS_TYPE = 'application/x-ndjson';

const ImportQuery = Type.Object({
  /** Copy the old site's pictures into the media library, as `--download-media` does. */
  downloadMedia: Type.Optional(Type.Boolean({ default: false })),
});

/**
 * `POST /imports/wordpress` with the WXR file as the body (`Content-Type: application/xml`):
 * administrators only. The upload is streamed to a temporary file, never held in memory,
 * then imported with the same guarantees as the CLI. The answer is the import's report; a
 * client that accepts `application/x-ndjson` gets one `{"progress": …}` line as each part is
 * done, then `{"report": …}` (or `{"error": …}`), since downloading pictures can take minutes.
 */
export const importsAdminApi: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(['application/xml', 'text/xml', 'application/rss+xml'], { bodyLimit: MAX_UPLOAD_BYTES }, (_request, payload, done) => {
    done(null, payload);
  });

  app.post('/imports/wordpress', { bodyLimit: MAX_UPLOAD_BYTES, schema: { querystring: ImportQuery } }, async (request, reply) => {
    assertCan(actorOf(request), 'settings.manage');
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw invalid([{ field: 'file', message: 'send the WXR file as the request body with Content-Type: application/xml' }]);
    }
    const { downloadMedia } = request.query as { downloadMedia?: boolean };
    const dir = await mkdtemp(join(tmpdir(), 'herald-wxr-'));
    const file = join(dir, 'upload.xml');
    const options = async (): Promise<ImportOptions> => ({
      baseUrl: (await app.herald.settings()).baseUrl,
      ...(downloadMedia ? { downloadMediaTo: app.herald.config } : {}),
    });
    try {
      await pipeline(body, createWriteStream(file));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    if (!request.headers.accept?.includes(PROGRESS_TYPE)) {
      try {
        return (await importWordpress(app.herald.database, file, await options())).toJSON();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const lines = new PassThrough();
    const write = (line: unknown) => lines.write(`${JSON.stringify(line)}\n`);
    // The answer starts once the file has passed its check: a refused file is a 400 like any other.
    let checked!: () => void;
    const started = new Promise<void>((resolve) => (checked = resolve));
    const run = importWordpress(app.herald.database, file, {
      ...(await options()),
      onProgress: (progress) => {
        if (progress.phase === 'importing') checked();
        write({ progress });
      },
    }).finally(() => rm(dir, { recursive: true, force: true }));
    await Promise.race([started, run]);
    void run.then(
      (report) => write({ report: report.toJSON() }),
      (error: unknown) => {
        if (!(error instanceof AppError)) request.log.error(error, 'import failed');
        write(errorBody(error instanceof AppError ? error : new AppError('INTERNAL')));
      },
    ).finally(() => lines.end());
    return reply.type(PROGRESS_TYPE).header('cache-control', 'no-store').send(lines);
  });
};
