import type { Mailer } from '../core/mail.js';
import { format } from '../core/interface-text.js';
import { confirmationMail, signInMail, type MailSite, type RenderedMail } from '../newsletters/mail/render.js';
import { memberStrings } from './members.strings.js';
import type { MemberMailer } from './subscriptions.service.js';

/**
 * The members' mails through the one mailer: the confirmation and sign-in links from the
 * newsletters' templates (MJML, in the reader's language and direction), the address change as
 * plain text. Without HERALD_SMTP_URL the mailer writes them to the log, links included.
 */
export function memberMailer(mailer: Mailer, site: () => Promise<MailSite>): MemberMailer {
  const send = async (to: string, mail: Promise<RenderedMail>, fromName: string) => {
    const { subject, html, text } = await mail;
    await mailer.send({ to, subject, html, text, fromName });
  };
  return {
    async confirmation(to, language, newsletters, link) {
      const s = await site();
      await send(to, confirmationMail({ language, site: s, newsletters, link }), s.name);
    },
    async signIn(to, language, link) {
      const s = await site();
      await send(to, signInMail({ language, site: s, link }), s.name);
    },
    async emailChange(to, language, link) {
      const s = await site();
      const m = memberStrings(language);
      await mailer.send({ to, subject: `${m.emailChangeSubject} · ${s.name}`, text: `${format(m.emailChangeText, { site: s.name })}\n\n${link}\n`, fromName: s.name });
    },
  };
}
