import type { FastifyPluginAsync } from 'fastify';
import swagger from '@fastify/swagger';
import { articlesAdminApi } from '../content/articles.admin-api.js';
import { correctionsAdminApi } from '../content/corrections.admin-api.js';
import { previewsAdminApi } from '../content/previews.admin-api.js';
import { taxonomyAdminApi } from '../content/taxonomy.admin-api.js';
import { settingsAdminApi } from '../settings/settings.admin-api.js';
import { usersAdminApi } from '../people/users.admin-api.js';
import { mediaAdminApi } from '../media/media.admin-api.js';
import { translationsAdminApi } from '../content/translations.admin-api.js';
import { commentsAdminApi } from '../comments/comments.admin-api.js';
import { webhooksAdminApi } from '../reach/webhooks.admin-api.js';
import { importsAdminApi } from '../portability/imports.admin-api.js';
import { feedsAdminApi } from '../syndication/feeds.admin-api.js';
import { demoAdminApi } from '../demo/demo.admin-api.js';
import { membersAdminApi } from '../members/members.admin-api.js';
import { newslettersAdminApi } from '../newsletters/newsletters.admin-api.js';
import { sendsAdminApi } from '../newsletters/sends.admin-api.js';
import { liveAdminApi } from '../live/live.admin-api.js';
import { statsAdminApi } from '../analytics/stats.admin-api.js';
import { federationAdminApi } from '../federation/federation.admin-api.js';
import { bearerAuthenticator, requireActor, type Authenticator } from './auth.js';

/** Domains add their Admin API plugins here; all of them sit behind the same authentication. */
const ADMIN_API_PLUGINS: FastifyPluginAsync[] = [webhooksAdminApi, usersAdminApi, mediaAdminApi, translationsAdminApi, articlesAdminApi, correctionsAdminApi, previewsAdminApi, taxonomyAdminApi, settingsAdminApi, commentsAdminApi, importsAdminApi, feedsAdminApi, demoAdminApi, newslettersAdminApi, membersAdminApi, sendsAdminApi, liveAdminApi, statsAdminApi, federationAdminApi];

export const adminApi: FastifyPluginAsync<{ authenticators?: Authenticator[] }> = async (app, options) => {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Herald Admin API', version: '1.0.0', description: 'Write and manage a Herald site.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (authenticated) => {
    authenticated.addHook('preHandler', requireActor([bearerAuthenticator(app), ...(options.authenticators ?? [])]));
    for (const plugin of ADMIN_API_PLUGINS) await authenticated.register(plugin);
  });
};
