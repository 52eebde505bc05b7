/** The data-deletion pages: ask for a link, confirm, delete (see privacy.service.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import type { Mailer } from '../core/mail.js';
import { format } from '../site/i18n.js';
import { PENDING_COOKIE } from './comments.form.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { pageLanguage, sendCommentsPage } from './comments.pages.js';
import { commentStrings } from './comments.strings.js';
import { networkOf } from './network.js';
import { deleteCommentsByLink, deletionLink, emailOfDeletionLink, hasCommentsFrom } from './privacy.service.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form asking for a deletion link; again with `problem` when what was sent is not an address. */
function sendForgetForm(request: FastifyRequest, reply: FastifyReply, settings: SiteSettings, language: string, problem?: string) {
  const c = commentStrings(language);
  return sendCommentsPage(request, reply, settings, {
    language,
    title: c.forgetTitle,
    status: problem ? 400 : undefined,
    body: (
      <>
        <p>{c.forgetIntro}</p>
        {problem ? <p role="alert">{problem}</p> : null}
        <form method="post" action="/comments/forget">
          <input type="hidden" name="lang" value={language} />
          <label for="forget-email">{c.emailLabel}</label> <input id="forget-email" name="email" type="email" required autocomplete="email" />{' '}
          <button type="submit">{c.forgetSend}</button>
        </form>
      </>
    ),
  });
}

/**
 * A deletion link that is not valid or has expired, opened or confirmed: a page saying so in
 * the link's language, with the way to a new link (the service's AppError was answered as JSON).
 */
function sendBadLink(request: FastifyRequest, reply: FastifyReply, settings: SiteSettings, language: string, error: unknown) {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const c = commentStrings(language);
  return sendCommentsPage(request, reply, settings, {
    language,
    title: c.forgetTitle,
    status: error.status,
    body: (
      <>
        <p role="alert">{c.forgetLinkBad}</p>
        <p>
          <a href={`/comments/forget?lang=${encodeURIComponent(language)}`}>{c.forgetAgain}</a>
        </p>
      </>
    ),
  });
}

/** These are pages a reader opens from an e-mail or a form: every answer, faults too, is a page. */
export function registerForgetRoutes(routes: FastifyInstance, mailer: Mailer): void {
  const { database } = routes.herald;
  const { db } = database;
  routes.get<{ Querystring: { lang?: string } }>('/comments/forget', async (request, reply) => {
    const settings = await routes.herald.settings();
    return sendForgetForm(request, reply, settings, pageLanguage(settings, request.query.lang));
  });

  routes.post<{ Body: { email?: string; lang?: string } }>('/comments/forget', { onRequest: [perNetwork(routes)] }, async (request, reply) => {
    const settings = await routes.herald.settings();
    const language = pageLanguage(settings, request.body?.lang);
    const c = commentStrings(language);
    const email = (request.body?.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email)) return sendForgetForm(request, reply, settings, language, c.emailInvalid);
    // The same answer either way: the page must not tell who has commented here.
    if (await hasCommentsFrom(db, email)) {
      const link = `${await deletionLink(db, email, settings.baseUrl)}&lang=${encodeURIComponent(language)}`;
      await mailer.send({ to: email, subject: `${c.forgetTitle} · ${settings.name}`, text: `${c.forgetIntro}\n\n${link}\n` });
    }
    return sendCommentsPage(request, reply, settings, { language, title: c.forgetTitle, body: <p role="status">{c.forgetSent}</p> });
  });

  // The token rides in the query string: it is longer than a path parameter may be.
  routes.get<{ Querystring: { token?: string; lang?: string } }>('/comments/forget/confirm', async (request, reply) => {
    const settings = await routes.herald.settings();
    const language = pageLanguage(settings, request.query.lang);
    const c = commentStrings(language);
    const token = request.query.token ?? '';
    let email: string;
    try {
      email = await emailOfDeletionLink(db, token);
    } catch (error) {
      return sendBadLink(request, reply, settings, language, error);
    }
    // A GET never deletes: mail scanners and link previews open links too.
    return sendCommentsPage(request, reply, settings, {
      language,
      title: c.forgetTitle,
      body: (
        <form method="post" action={`/comments/forget/confirm?token=${encodeURIComponent(token)}&lang=${encodeURIComponent(language)}`}>
          <p>{format(c.forgetConfirm, { email })}</p>
          <button type="submit">{c.forgetButton}</button>
        </form>
      ),
    });
  });

  routes.post<{ Querystring: { token?: string; lang?: string } }>('/comments/forget/confirm', async (request, reply) => {
    const settings = await routes.herald.settings();
    const language = pageLanguage(settings, request.query.lang);
    const c = commentStrings(language);
    let deleted: number;
    try {
      deleted = await deleteCommentsByLink(database, request.query.token ?? '');
    } catch (error) {
      return sendBadLink(request, reply, settings, language, error);
    }
    reply.clearCookie(PENDING_COOKIE, { path: '/' });
    return sendCommentsPage(request, reply, settings, {
      language,
      title: c.forgetTitle,
      body: <p role="status">{format(c.forgetDone, { n: String(deleted) })}</p>,
    });
  });
}

function perNetwork(routes: FastifyInstance) {
  return routes.rateLimit({ max: 5, timeWindow: 60_000, keyGenerator: (request) => `forget:${networkOf(request.ip)}` });
}
