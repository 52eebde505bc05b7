import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../http/auth.js';
import { previewDemoRemoval, removeDemoContent } from './demo-removal.service.js';

/** The demo content: what removing it would take, and removing it (administrators). */
export const demoAdminApi: FastifyPluginAsync = async (app) => {
  const tags = ['demo'];
  app.get('/demo-content', { schema: { tags } }, async (request) => previewDemoRemoval(app.herald.database.db, actorOf(request)));
  app.delete('/demo-content', { schema: { tags } }, async (request) =>
    removeDemoContent(app.herald.database, actorOf(request), app.herald.config),
  );
};
