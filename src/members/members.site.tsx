import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { AppError } from '../core/errors.js';
import { redisKey } from '../core/redis.js';
import { siteSecret } from '../core/signing.js';
import { networkOf, normalizeIp } from '../comments/network.js';
import { sendSitePage } from '../site/render.js';
import { MAX_AGE } from '../site/send-page.js';
import { everyLanguage, sendErrorPage } from '../site/site.shared.js';
import { absoluteUrl } from '../content/urls.js';
import { hreflangCluster, type PageMeta } from '../site/seo.js';
import { pageLanguage } from '../site/small-page.js';
import { registerAccountRoutes } from './account.site.js';
import { keepSubscribeFormData, type SubscribeFormData } from './members.context.js';
import { memberMailer } from './members.mail.js';
import { memberStrings } from './members.strings.js';
import { fill, sendMembersPage, SubscribeForm } from './members.view.js';
import { judgeSubscribeForm, subscribeFormToken } from './subscribe-form.js';
import { checkSignUp, confirmSignUp, expireSignUps, offeredNewsletters, signUp, unsubscribe, unsubscribeTarget, type SignUp } from './subscriptions.service.js';
import { readUnsubscribeToken } from './unsubscribe-link.js';

const CLEANUP_INTERVAL_MS = 60 * 60_000;
// Pages that carry the subscribe form of their language.
const FORM_PAGES = new Set(['/', '/:lang/', '/:lang/:slug']);

interface SubscribeBody {
  lang?: string;
  email?: string;
  newsletters?: string | string[];
  token?: string;
  phone?: string;
}

/**
 * The reader's side of newsletters on the public site: the subscribe form on story and home
 * pages and at `/:lang/subscribe`, the confirmation link, the one-click unsubscribe (RFC 8058),
 * members' sign-in by link and their account page (account.site.tsx), and the hourly cleanup of
 * sign-ups nobody confirmed.
 */
export const membersSite = fp(async (app: FastifyInstance) => {
  const { db } = app.herald.database;
  const mail = memberMailer(app.herald.mailer, async () => {
    const settings = await app.herald.settings();
    return { name: settings.name, baseUrl: settings.baseUrl };
  });

  // Work whose duration must not show in the answer (whether an address is known) runs after it.
  const background = new Set<Promise<void>>();
  const afterAnswer = (what: string, work: () => Promise<void>) => {
    const running = work()
      .catch((error: unknown) => app.log.error({ err: error }, `members: ${what} failed`))
      .finally(() => background.delete(running));
    background.add(running);
  };

  // Story and home pages: the form's newsletters and token, loaded before the page's synchronous render.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || !FORM_PAGES.has(request.routeOptions.url ?? '')) return;
    const settings = await app.herald.settings();
    const { lang } = request.params as { lang?: string };
    const language = lang ?? settings.defaultLanguage;
    if (!settings.languages.includes(language)) return;
    const data = await formData(language);
    addCacheKeys(reply, [cacheKey.newsletters(language)]);
    keepSubscribeFormData(request, data);
  });

  async function formData(language: string): Promise<SubscribeFormData> {
    return { language, newsletters: await offeredNewsletters(db, language), token: await subscribeFormToken(db, app.herald.now()) };
  }

  let timer: NodeJS.Timeout | undefined;
  let cleaning: Promise<unknown> = Promise.resolve();
  const cleanup = () => {
    cleaning = expireSignUps(db, app.herald.now()).catch((error: unknown) => app.log.error({ err: error }, 'members: expiring sign-ups failed'));
  };
  app.addHook('onReady', async () => {
    cleanup();
    timer = setInterval(cleanup, CLEANUP_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await cleaning;
    await Promise.all(background);
  });

  // Several app processes count together in Redis when there is one; otherwise each counts in memory.
  const redis = await app.herald.redis();

  await app.register(async (routes) => {
    await routes.register(formbody);
    await routes.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: redisKey(app.herald.config.cache.redisPrefix, 'members-') } : {}),
      skipOnError: true,
    });
    routes.addHook('onSend', async (request, reply, payload) => {
      if (request.routeOptions.url !== '/:lang/subscribe') reply.header('cache-control', 'private, no-store');
      return payload;
    });

    const perIp = routes.rateLimit({ max: 10, timeWindow: 60_000, keyGenerator: (request) => `ip:${normalizeIp(request.ip)}` });
    const countNetwork = routes.createRateLimit({ max: 30, timeWindow: 60_000, keyGenerator: (request) => `net:${networkOf(request.ip)}` });
    const perNetwork = async (request: FastifyRequest, reply: FastifyReply) => {
      const counted = await countNetwork(request);
      if (counted.isAllowed || !counted.isExceeded) return;
      reply.header('retry-after', String(counted.ttlInSeconds));
      throw new AppError('RATE_LIMITED', `Too many requests from your network; try again in ${counted.ttlInSeconds} seconds.`);
    };
    // Mails to one address: a few an hour, whoever asks. Over the limit the answer stays the same
    // and nothing is sent (an answer that changed would tell the address was asked for before).
    const countAddress = routes.createRateLimit({
      max: 3,
      timeWindow: 3_600_000,
      keyGenerator: (request) => `address:${String((request.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
    });
    const addressAllowed = async (request: FastifyRequest) => {
      const counted = await countAddress(request);
      return counted.isAllowed || !counted.isExceeded;
    };
    const limits = { onRequest: [perIp], preHandler: [perNetwork] };

    routes.get<{ Params: { lang: string } }>('/:lang/subscribe', async (request, reply) => {
      const settings = await app.herald.settings();
      const { lang } = request.params;
      if (!settings.languages.includes(lang)) return sendErrorPage(request, reply, 404);
      const m = memberStrings(lang);
      const data = await formData(lang);
      addCacheKeys(reply, [cacheKey.newsletters(lang)]);
      const meta: PageMeta = {
        title: `${m.subscribeTitle} · ${settings.name}`,
        description: m.formIntro,
        canonical: absoluteUrl(settings.baseUrl, `/${lang}/subscribe`),
        alternates: hreflangCluster(settings, everyLanguage(settings, (l) => `/${l}/subscribe`)),
        ogType: 'website',
        image: null,
        feeds: [],
        jsonLd: [],
      };
      return sendSitePage(request, reply, settings, {
        language: lang,
        meta,
        versions: everyLanguage(settings, (l) => `/${l}/subscribe`),
        maxAge: MAX_AGE.listing,
        body: (
          <section class="prose members-page" lang={m.lang}>
            <h1>{m.subscribeTitle}</h1>
            {data.newsletters.length ? <SubscribeForm data={data} heading={false} /> : <p>{m.noNewsletters}</p>}
          </section>
        ),
      });
    });

    routes.post<{ Body: SubscribeBody }>('/subscribe', limits, async (request, reply) => {
      const settings = await app.herald.settings();
      const body = request.body ?? {};
      const language = pageLanguage(settings, body.lang);
      const m = memberStrings(language);
      const now = app.herald.now();
      // A form to send again, with what the reader typed and a fresh token.
      const again = async (problem: string) => {
        const data = await formData(language);
        const email = typeof body.email === 'string' ? body.email : '';
        return sendMembersPage(request, reply, settings, {
          language,
          title: m.subscribeTitle,
          status: 400,
          body: data.newsletters.length ? <SubscribeForm data={data} email={email} problem={problem} heading={false} /> : <p>{m.noNewsletters}</p>,
        });
      };
      const verdict = await judgeSubscribeForm(db, { token: body.token, honeypot: body.phone }, now);
      if (verdict === 'again') return again(m.formExpired);
      let wanted: SignUp;
      try {
        wanted = await checkSignUp(db, { email: body.email, language, newsletters: body.newsletters });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return again(error.fields?.some((f) => f.field === 'email') ? m.emailInvalid : m.chooseOne);
      }
      if (verdict === 'ok' && (await addressAllowed(request))) {
        afterAnswer('a sign-up', () => signUp(db, wanted, now, mail, settings.baseUrl));
      }
      return sendMembersPage(request, reply, settings, { language, title: m.checkInbox, body: <p role="status">{m.checkInboxText}</p> });
    });

    // Opening the link confirms (what double opt-in asks of the reader); opening it again confirms nothing more.
    routes.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/subscribe/confirm/:token', async (request, reply) => {
      const settings = await app.herald.settings();
      const confirmed = await confirmSignUp(db, request.params.token, app.herald.now());
      if (!confirmed) {
        const language = pageLanguage(settings, request.query.lang);
        const m = memberStrings(language);
        return sendMembersPage(request, reply, settings, {
          language,
          title: m.linkBad,
          status: 404,
          body: (
            <p>
              <a href={`/${language}/subscribe`}>{m.signUpAgain}</a>
            </p>
          ),
        });
      }
      const m = memberStrings(confirmed.language);
      return sendMembersPage(request, reply, settings, {
        language: confirmed.language,
        title: m.confirmedTitle,
        body: (
          <>
            <p role="status">{fill(m.confirmedText, 'newsletters', confirmed.newsletters.join(', '))}</p>
            <p>
              <a href={`/account/sign-in?lang=${encodeURIComponent(confirmed.language)}`}>{m.manage}</a>
            </p>
          </>
        ),
      });
    });

    await routes.register(async (oneClick) => {
      // RFC 8058: mail clients POST `List-Unsubscribe=One-Click`, urlencoded or multipart; only
      // the signed address counts, so any body is read as nothing.
      oneClick.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, {}));
      registerUnsubscribeRoutes(oneClick);
    });

    registerAccountRoutes(routes, { mail, afterAnswer, addressAllowed, limits });
  });

  function registerUnsubscribeRoutes(routes: FastifyInstance) {
    const target = async (token: string) => {
      const of = readUnsubscribeToken(await siteSecret(db), token);
      if (!of) return null;
      const named = await unsubscribeTarget(db, of);
      return named ? { of, ...named } : { of, gone: true as const };
    };
    const badLink = async (request: FastifyRequest, reply: FastifyReply) => {
      const settings = await app.herald.settings();
      const m = memberStrings(settings.defaultLanguage);
      return sendMembersPage(request, reply, settings, { language: settings.defaultLanguage, title: m.linkBad, status: 404, body: null });
    };
    // A link the site signed whose member or newsletter has since been deleted: nothing is sent to
    // that address any more, which is what the reader (or the mail client's one-click) asked for.
    const alreadyOff = async (request: FastifyRequest, reply: FastifyReply) => {
      const settings = await app.herald.settings();
      const m = memberStrings(settings.defaultLanguage);
      return sendMembersPage(request, reply, settings, {
        language: settings.defaultLanguage,
        title: m.unsubscribeTitle,
        body: <p role="status">{m.unsubscribedAlready}</p>,
      });
    };

    // A GET never unsubscribes: mail scanners and link previews open links too.
    routes.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      const found = await target(request.params.token);
      if (!found) return badLink(request, reply);
      if ('gone' in found) return alreadyOff(request, reply);
      const settings = await app.herald.settings();
      const m = memberStrings(found.language);
      return sendMembersPage(request, reply, settings, {
        language: found.language,
        title: m.unsubscribeTitle,
        body: (
          <form method="post" action={`/unsubscribe/${request.params.token}`}>
            <p>{fill(m.unsubscribeConfirm, 'newsletter', found.newsletter)}</p>
            <button type="submit">{m.unsubscribeButton}</button>
          </form>
        ),
      });
    });

    // The button above and mail clients' one-click: at once, with no cookie and no form token (the signed link is the authority).
    routes.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      const found = await target(request.params.token);
      if (!found) return badLink(request, reply);
      if ('gone' in found) return alreadyOff(request, reply);
      await unsubscribe(db, found.of, app.herald.now());
      const settings = await app.herald.settings();
      const m = memberStrings(found.language);
      return sendMembersPage(request, reply, settings, {
        language: found.language,
        title: m.unsubscribeTitle,
        body: <p role="status">{fill(m.unsubscribed, 'newsletter', found.newsletter)}</p>,
      });
    });
  }
});
