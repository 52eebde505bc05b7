import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { statsCsv, statsReport, type StatsReport } from './stats.report.js';
import { StatsQuery } from './stats.schemas.js';

function sendCsv(reply: FastifyReply, report: StatsReport) {
  const day = report.period.to.slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="stats-${report.period.name}-${day}.csv"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(statsCsv(report)));
}

/** Reader numbers: editors and administrators see every story's, authors their own, contributors none. */
export const statsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { herald } = app;
  const tags = ['stats'];
  const report = async (query: StatsQuery, actor: ReturnType<typeof actorOf>) => {
    const settings = await herald.settings();
    return statsReport(herald.database.db, query, { actor, now: herald.now(), timeZone: settings.timezone, defaultLanguage: settings.defaultLanguage, counting: settings.analytics });
  };

  api.get('/stats', { schema: { tags, querystring: StatsQuery } }, async (request, reply) => {
    const answer = await report(request.query, actorOf(request));
    if (request.query.format === 'csv') return sendCsv(reply, answer);
    return reply.header('cache-control', 'no-store').send(answer);
  });

  api.get('/stats.csv', { schema: { tags, querystring: StatsQuery } }, async (request, reply) => sendCsv(reply, await report(request.query, actorOf(request))));
};
