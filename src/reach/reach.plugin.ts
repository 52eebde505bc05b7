import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { feedRoutes } from './feeds.site.js';
import { sitemapRoutes } from './sitemaps.site.js';

/** What other software reads from the public site: feeds, sitemaps, robots.txt. */
export const reach: FastifyPluginAsync = fp(async (app) => {
  await app.register(feedRoutes);
  await app.register(sitemapRoutes);
});
