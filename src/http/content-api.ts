import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import { articlesContentApi } from '../content/articles.content-api.js';
import { taxonomyContentApi } from '../content/taxonomy.content-api.js';
import { isValidContentKey } from '../people/content-keys.service.js';
import { searchContentApi } from '../search/search.content-api.js';
import { addCacheKeys } from './cache-keys.js';
import { AppError } from '../core/errors.js';

/** Domains add their Content API plugins here; all are read-only and behind a content key. */
const CONTENT_API_PLUGINS: FastifyPluginAsync[] = [articlesContentApi, taxonomyContentApi, searchContentApi];

/** The key a request carries: `?key=…` (easy from a browser) or `Authorization: Key …`. */
function keyOf(request: FastifyRequest): string | null {
  const match = request.headers.authorization?.match(/^Key\s+(\S+)$/i);
  if (match) return match[1];
  const key = (request.query as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' && key ? key : null;
}

/**
 * The Content API: published stories, their translations, sections, tags, authors and search,
 * for front-ends and apps. Read-only; never drafts, e-mails or internal fields (see
 * content/articles.content-schemas.ts). Browsers may call it from the configured origins.
 */
export const contentApi: FastifyPluginAsync = async (app) => {
  const origins = app.herald.config.contentApiOrigins;
  if (origins.length) {
    await app.register(cors, {
      origin: origins.includes('*') ? '*' : origins,
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'If-None-Match', 'If-Modified-Since'],
      exposedHeaders: ['ETag', 'Last-Modified'],
      maxAge: 600,
    });
  }
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Herald Content API',
        version: '1.0.0',
        description: 'Read published stories, their translations, sections, tags and authors, and search them. An administrator creates a key on the People screen of the admin, or with `herald key create --name NAME`.',
      },
      components: {
        securitySchemes: {
          keyQuery: { type: 'apiKey', in: 'query', name: 'key' },
          keyHeader: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Key <content key>' },
        },
      },
      security: [{ keyQuery: [] }, { keyHeader: [] }],
    },
  });
  // The description of the API is public: it says how to get a key.
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    addCacheKeys(reply, []);
    return app.swagger();
  });

  await app.register(async (keyed) => {
    keyed.addHook('onRequest', async (request) => {
      if (request.method === 'OPTIONS') return;
      const key = keyOf(request);
      if (!key || !(await isValidContentKey(app.herald.database.db, key))) {
        throw new AppError('UNAUTHORIZED', 'Send a Content API key as ?key=<key> or "Authorization: Key <key>" (an administrator creates one on the People screen of the admin, or with: herald key create --name NAME).');
      }
    });
    for (const plugin of CONTENT_API_PLUGINS) await keyed.register(plugin);
  });
};
