import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import type { SiteSettings } from '../settings/settings.service.js';
import { stringsFor } from '../site/i18n.js';
import { sendSmallPage } from '../site/small-page.js';
import type { SubscribeFormData } from './members.context.js';
import { memberStrings } from './members.strings.js';

/**
 * The subscribe form of story pages, home pages and `/:lang/subscribe`: a plain form POST (no
 * script), the newsletters of the page's language, the signed token and the honeypot.
 */
export function SubscribeForm({ data, email = '', problem, heading = true }: { data: SubscribeFormData; email?: string; problem?: string; heading?: boolean }) {
  const { language, newsletters, token } = data;
  const m = memberStrings(language);
  const [only] = newsletters.length === 1 ? newsletters : [];
  return (
    <section class="subscribe" id="subscribe" aria-labelledby="subscribe-heading" lang={m.lang}>
      {heading ? <h2 id="subscribe-heading">{m.formTitle}</h2> : <h2 id="subscribe-heading" class="visually-hidden">{m.formTitle}</h2>}
      <p>{m.formIntro}</p>
      {problem ? <p class="problem" role="alert">{problem}</p> : null}
      <form method="post" action="/subscribe" class="subscribe-form">
        <input type="hidden" name="lang" value={language} />
        <input type="hidden" name="token" value={token} />
        {only ? (
          <p class="newsletter-choice">
            <input type="hidden" name="newsletters" value={String(only.id)} />
            <strong lang={language}>{only.name}</strong>
            {only.description ? <span lang={language}> · {only.description}</span> : null}
          </p>
        ) : (
          <fieldset>
            <legend>{m.choose}</legend>
            {newsletters.map((n) => (
              <label class="newsletter-choice" lang={language}>
                <input type="checkbox" name="newsletters" value={String(n.id)} /> <strong>{n.name}</strong>
                {n.description ? <span> · {n.description}</span> : null}
              </label>
            ))}
          </fieldset>
        )}
        {/* A field people never see (hidden also keeps it from assistive technology): only a bot filling every input writes in it. */}
        <div hidden>
          <label for="subscribe-phone">Phone</label>
          <input id="subscribe-phone" name="phone" tabIndex={-1} autocomplete="off" />
        </div>
        <label for="subscribe-email">{m.emailLabel}</label>
        <div class="subscribe-row">
          <input id="subscribe-email" name="email" type="email" required autocomplete="email" maxLength={254} value={email} />
          <button type="submit">{m.subscribe}</button>
        </div>
      </form>
      <p class="notice">
        <a href={`/account/sign-in?lang=${encodeURIComponent(language)}`}>{m.manage}</a> · <a href={`/${language}/privacy`}>{stringsFor(language).privacy}</a>
      </p>
    </section>
  );
}

/**
 * A sentence with a name or an address in its `{slot}`, isolated in a <bdi>: a Latin address in
 * an Arabic sentence (or the reverse) keeps its own direction and leaves the sentence's alone.
 */
export function fill(template: string, slot: string, value: string): VNode {
  const [before, after = ''] = template.split(`{${slot}}`);
  return (
    <>
      {before}
      <bdi>{value}</bdi>
      {after}
    </>
  );
}

/** A page of the members' own (a link's answer, the account): never cached, never indexed. */
export function sendMembersPage(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: SiteSettings,
  page: { language: string; title: string; status?: number; body: ComponentChildren },
) {
  return sendSmallPage(request, reply, settings, {
    ...page,
    body: (
      <section class="prose members-page" lang={memberStrings(page.language).lang}>
        <h1>{page.title}</h1>
        {page.body}
      </section>
    ),
  });
}
