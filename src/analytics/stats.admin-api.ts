import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { acceptedLanguages, chooseLanguage } from '../core/interface-text.js';
import { actorOf } from '../http/auth.js';
import { interfaceLanguageOf } from '../people/users.service.js';
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
  /** The numbers, with countries named in the asker's admin language: the one they chose, else their browser's. */
  const report = async (request: FastifyRequest<{ Querystring: StatsQuery }>) => {
    const actor = actorOf(request);
    const settings = await herald.settings();
    const chosen = actor.userId === null ? null : await interfaceLanguageOf(herald.database.db, actor.userId);
    const language = chooseLanguage(chosen, acceptedLanguages(request.headers['accept-language']));
    return statsReport(herald.database.db, request.query, {
      actor, language, now: herald.now(), timeZone: settings.timezone, defaultLanguage: settings.defaultLanguage, counting: settings.analytics,
    });
  };

  api.get('/stats', { schema: { tags, querystring: StatsQuery } }, async (request, reply) => {
    const answer = await report(request);
    if (request.query.format === 'csv') return sendCsv(reply, answer);
    return reply.header('cache-control', 'no-store').send(answer);
  });

  api.get('/stats.csv', { schema: { tags, querystring: StatsQuery } }, async (request, reply) => sendCsv(reply, await report(request)));
};
