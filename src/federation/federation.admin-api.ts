import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound } from '../core/errors.js';
import { ArticleIdParams } from '../content/articles.schemas.js';
import { reactionCounts } from './reactions.repository.js';

/** The site on the fediverse, for the newsroom: a story's likes and boosts (anyone who may open the story). */
export const federationAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const tags = ['fediverse'];

  api.get('/articles/:id/fediverse', { schema: { tags, params: ArticleIdParams } }, async (request) => {
    const article = await db.selectFrom('articles').select('id').where('id', '=', request.params.id).executeTakeFirst();
    if (!article) throw notFound(`Article #${request.params.id}`);
    return reactionCounts(db, article.id);
  });
};
