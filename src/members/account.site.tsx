/** Members' sign-in by mailed link and their account page (see account.service.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler, onRequestHookHandler } from 'fastify';
import { nativeLanguageName } from '../content/languages.js';
import { AppError } from '../core/errors.js';
import { sentByAnotherSite } from '../http/cross-site.js';
import { pageLanguage } from '../site/small-page.js';
import { deletionLink, hasCommentsFrom } from '../comments/privacy.service.js';
import { commentStrings } from '../comments/comments.strings.js';
import { accountOf, applyEmailChange, deleteMember, memberData, requestEmailChange, setLanguage, setNewsletters, type Account } from './account.service.js';
import { memberOfLink } from './member-links.service.js';
import { clearMemberCookie, csrfMatches, endMemberSession, memberSessionOf, setMemberCookie, startMemberSession, type MemberSession } from './member-sessions.js';
import { memberStrings } from './members.strings.js';
import { fill, sendMembersPage } from './members.view.js';
import { normalizeEmail, requestSignIn, type MemberMailer } from './subscriptions.service.js';

interface AccountDeps {
  mail: MemberMailer;
  /** Runs work after the answer, so its duration tells nothing. */
  afterAnswer(what: string, work: () => Promise<void>): void;
  /** Whether another mail to the form's address is allowed this hour. */
  addressAllowed(request: FastifyRequest): Promise<boolean>;
  limits: { onRequest: onRequestHookHandler[]; preHandler: preHandlerHookHandler[] };
}

// What a finished change says on the account page it comes back to (?done=…).
const DONE = { saved: 'saved', 'email-sent': 'emailChangeSent' } as const;

type Form = Record<string, string | string[] | undefined>;

export function registerAccountRoutes(routes: FastifyInstance, { mail, afterAnswer, addressAllowed, limits }: AccountDeps): void {
  const { db } = routes.herald.database;
  const now = () => routes.herald.now();

  const signInForm = async (request: FastifyRequest, reply: FastifyReply, language: string, problem?: string) => {
    const m = memberStrings(language);
    return sendMembersPage(request, reply, await routes.herald.settings(), {
      language,
      title: m.signInTitle,
      status: problem ? 400 : undefined,
      body: (
        <>
          <p>{m.signInIntro}</p>
          {problem ? <p role="alert">{problem}</p> : null}
          <form method="post" action="/account/sign-in" class="members-form">
            <input type="hidden" name="lang" value={language} />
            <label for="sign-in-email">{m.emailLabel}</label>
            <input id="sign-in-email" name="email" type="email" required autocomplete="email" maxLength={254} />
            <div>
              <button type="submit">{m.signInSend}</button>
            </div>
          </form>
        </>
      ),
    });
  };

  routes.get<{ Querystring: { lang?: string } }>('/account/sign-in', async (request, reply) =>
    signInForm(request, reply, pageLanguage(await routes.herald.settings(), request.query.lang)),
  );

  routes.post<{ Body: { email?: string; lang?: string } }>('/account/sign-in', limits, async (request, reply) => {
    const settings = await routes.herald.settings();
    const language = pageLanguage(settings, request.body?.lang);
    const m = memberStrings(language);
    const email = normalizeEmail(request.body?.email);
    if (!email) return signInForm(request, reply, language, m.emailInvalid);
    const at = now();
    // The same answer, at the same speed, whether or not the address is a member's.
    if (await addressAllowed(request)) afterAnswer('a sign-in link', () => requestSignIn(db, email, at, mail, settings.baseUrl));
    return sendMembersPage(request, reply, settings, { language, title: m.signInTitle, body: <p role="status">{m.signInSent}</p> });
  });

  const badLink = async (request: FastifyRequest, reply: FastifyReply, language?: string) => {
    const settings = await routes.herald.settings();
    const lang = language ?? settings.defaultLanguage;
    const m = memberStrings(lang);
    return sendMembersPage(request, reply, settings, {
      language: lang,
      title: m.linkBad,
      status: 404,
      body: (
        <p>
          <a href={`/account/sign-in?lang=${encodeURIComponent(lang)}`}>{m.askAgain}</a>
        </p>
      ),
    });
  };

  // A GET only shows a button: a mail scanner opening the link must not use it up.
  routes.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/account/link/:token', async (request, reply) => {
    const settings = await routes.herald.settings();
    const language = pageLanguage(settings, request.query.lang);
    const m = memberStrings(language);
    return sendMembersPage(request, reply, settings, {
      language,
      title: m.signInTitle,
      body: (
        <form method="post" action={`/account/link/${request.params.token}?lang=${encodeURIComponent(language)}`}>
          <p>{m.signInConfirm}</p>
          <button type="submit">{m.signInButton}</button>
        </form>
      ),
    });
  });

  routes.post<{ Params: { token: string }; Querystring: { lang?: string } }>('/account/link/:token', async (request, reply) => {
    // A page elsewhere could otherwise sign a reader in to an account of its own (login CSRF),
    // and read what they then set there. The link stays unused for the real reader.
    if (sentByAnotherSite(request)) {
      const settings = await routes.herald.settings();
      const language = pageLanguage(settings, request.query.lang);
      const m = memberStrings(language);
      return sendMembersPage(request, reply, settings, { language, title: m.signInTitle, status: 403, body: <p role="alert">{m.signInElsewhere}</p> });
    }
    const memberId = await memberOfLink(db, request.params.token, 'sign-in', now(), { consume: true });
    if (memberId === null) return badLink(request, reply, pageLanguage(await routes.herald.settings(), request.query.lang));
    const session = await startMemberSession(db, memberId, now());
    setMemberCookie(request, reply, session.token, session.expiresAt);
    return reply.redirect('/account', 303);
  });

  /** The signed-in member of the request, or an answer sending the browser to sign in. */
  const signedIn = async (request: FastifyRequest, reply: FastifyReply): Promise<{ session: MemberSession; account: Account } | null> => {
    const session = await memberSessionOf(db, request, now());
    const account = session ? await accountOf(db, session.memberId) : null;
    if (session && account) return { session, account };
    clearMemberCookie(reply);
    await reply.redirect(`/account/sign-in?lang=${encodeURIComponent((await routes.herald.settings()).defaultLanguage)}`, 303);
    return null;
  };

  routes.get<{ Querystring: { done?: string } }>('/account', async (request, reply) => {
    const found = await signedIn(request, reply);
    if (!found) return reply;
    const { session, account } = found;
    const settings = await routes.herald.settings();
    const m = memberStrings(account.language);
    const done = DONE[request.query.done as keyof typeof DONE];
    const csrf = <input type="hidden" name="csrf" value={session.csrfToken} />;
    return sendMembersPage(request, reply, settings, {
      language: account.language,
      title: m.accountTitle,
      body: (
        <>
          {done ? <p role="status" class="done">{m[done]}</p> : null}
          <section aria-labelledby="account-newsletters">
            <h2 id="account-newsletters">{m.yourNewsletters}</h2>
            <form method="post" action="/account/newsletters" class="members-form">
              {csrf}
              {account.newsletters.map((n) => (
                <label class="newsletter-choice">
                  <input type="checkbox" name="newsletters" value={String(n.id)} checked={n.status === 'confirmed' || n.status === 'pending'} />{' '}
                  <strong>
                    <bdi lang={n.language}>{n.name}</bdi>
                  </strong> <span>({nativeLanguageName(n.language)})</span>
                  {n.status === 'pending' ? <em> · {m.awaiting}</em> : null}
                </label>
              ))}
              <div>
                <button type="submit">{m.save}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="account-language">
            <h2 id="account-language">{m.languageLabel}</h2>
            <form method="post" action="/account/language" class="members-form">
              {csrf}
              <select name="language" aria-labelledby="account-language">
                {settings.languages.map((l) => (
                  <option value={l} lang={l} selected={l === account.language}>
                    {nativeLanguageName(l)}
                  </option>
                ))}
              </select>
              <div>
                <button type="submit">{m.save}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="account-email">
            <h2 id="account-email">{m.emailSection}</h2>
            <p>{fill(m.currentEmail, 'email', account.email)}</p>
            <form method="post" action="/account/email" class="members-form">
              {csrf}
              <label for="account-new-email">{m.newEmailLabel}</label>
              <input id="account-new-email" name="email" type="email" required autocomplete="email" maxLength={254} />
              <div>
                <button type="submit">{m.changeEmail}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="account-data">
            <h2 id="account-data">{m.dataTitle}</h2>
            <p>
              <a href="/account/data.json" download="my-data.json">
                {m.downloadData}
              </a>
            </p>
          </section>
          <section aria-labelledby="account-delete">
            <h2 id="account-delete">{m.deleteTitle}</h2>
            <p>{m.deleteIntro}</p>
            <form method="post" action="/account/delete">
              {csrf}
              <button type="submit">{m.deleteButton}</button>
            </form>
          </section>
          <form method="post" action="/account/sign-out" class="sign-out">
            {csrf}
            <button type="submit">{m.signOut}</button>
          </form>
        </>
      ),
    });
  });

  /** A write of the account page: signed in, with the session's CSRF token (a page of another site cannot send it). */
  const accountWrite = (path: string, change: (found: { session: MemberSession; account: Account }, form: Form, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
    routes.post<{ Body: Form }>(path, async (request, reply) => {
      const found = await signedIn(request, reply);
      if (!found) return reply;
      const form = request.body ?? {};
      if (!csrfMatches(found.session, form.csrf)) throw new AppError('FORBIDDEN', 'This form did not come from your account page; reload it and try again.');
      return change(found, form, request, reply);
    });

  accountWrite('/account/newsletters', async ({ account }, form, _request, reply) => {
    const ticked = (Array.isArray(form.newsletters) ? form.newsletters : form.newsletters ? [form.newsletters] : []).map(Number);
    await setNewsletters(db, account.id, ticked, now());
    return reply.redirect('/account?done=saved', 303);
  });

  accountWrite('/account/language', async ({ account }, form, _request, reply) => {
    const settings = await routes.herald.settings();
    if (typeof form.language === 'string' && settings.languages.includes(form.language)) await setLanguage(db, account.id, form.language, now());
    return reply.redirect('/account?done=saved', 303);
  });

  accountWrite('/account/email', async ({ account }, form, request, reply) => {
    const m = memberStrings(account.language);
    const email = normalizeEmail(form.email);
    if (!email) {
      return sendMembersPage(request, reply, await routes.herald.settings(), {
        language: account.language, title: m.accountTitle, status: 400,
        body: <p role="alert">{m.emailInvalid} <a href="/account">{m.accountTitle}</a></p>,
      });
    }
    const { baseUrl } = await routes.herald.settings();
    if (email !== account.email && (await addressAllowed(request))) afterAnswer('an address change', () => requestEmailChange(db, account.id, email, now(), mail, baseUrl));
    return reply.redirect('/account?done=email-sent', 303);
  });

  // The link mailed to the new address: it proves the address; no session needed.
  routes.get<{ Querystring: { token?: string } }>('/account/email', async (request, reply) => {
    const settings = await routes.herald.settings();
    let changed: Awaited<ReturnType<typeof applyEmailChange>>;
    try {
      changed = await applyEmailChange(db, request.query.token ?? '', now());
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
      const m = memberStrings(settings.defaultLanguage);
      return sendMembersPage(request, reply, settings, { language: settings.defaultLanguage, title: m.emailSection, status: 409, body: <p role="alert">{m.emailTaken}</p> });
    }
    const account = changed ? await accountOf(db, changed.memberId) : null;
    if (!changed || !account) return badLink(request, reply);
    const m = memberStrings(account.language);
    return sendMembersPage(request, reply, settings, {
      language: account.language,
      title: m.emailSection,
      body: (
        <>
          <p role="status">{fill(m.emailChanged, 'email', changed.email)}</p>
          <p>
            <a href="/account">{m.accountTitle}</a>
          </p>
        </>
      ),
    });
  });

  routes.get('/account/data.json', async (request, reply) => {
    const found = await signedIn(request, reply);
    if (!found) return reply;
    return reply
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(await memberData(db, found.account.id), null, 2));
  });

  accountWrite('/account/delete', async ({ account }, _form, request, reply) => {
    const settings = await routes.herald.settings();
    await deleteMember(db, account.id);
    clearMemberCookie(reply);
    const m = memberStrings(account.language);
    // Their comments are the comments domain's: offered through its own deletion, with the address already proven.
    const comments = (await hasCommentsFrom(db, account.email)) ? `${await deletionLink(db, account.email, settings.baseUrl)}&lang=${encodeURIComponent(account.language)}` : null;
    return sendMembersPage(request, reply, settings, {
      language: account.language,
      title: m.deletedTitle,
      body: (
        <>
          <p role="status">{fill(m.deletedText, 'email', account.email)}</p>
          {comments ? (
            <p>
              {m.commentsToo} <a href={comments}>{commentStrings(account.language).deleteMine}</a>
            </p>
          ) : null}
        </>
      ),
    });
  });

  accountWrite('/account/sign-out', async ({ account }, _form, request, reply) => {
    await endMemberSession(db, request);
    clearMemberCookie(reply);
    return reply.redirect(`/${pageLanguage(await routes.herald.settings(), account.language)}/`, 303);
  });
}
