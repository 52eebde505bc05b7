import type { Transporter } from 'nodemailer';
import type { MailConfig } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  /** The plain-text part; every mail has one. */
  text: string;
  /** The HTML part, when the mail has one (newsletters, members' links). */
  html?: string;
  /** The sender's display name (a newsletter's); the address stays HERALD_MAIL_FROM's. */
  fromName?: string;
  replyTo?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, …). */
  headers?: Record<string, string>;
}

interface Log {
  info(object: object, message: string): void;
}

/** Sends the newsroom's e-mails (invitations, password resets, members' links). */
export interface Mailer {
  /** 'logged' when no SMTP server is configured: the message, link included, went to the log. */
  send(mail: Mail): Promise<'sent' | 'logged'>;
}

/**
 * SMTP through nodemailer when an SMTP URL is configured (HERALD_SMTP_URL); otherwise the
 * message is written to the log, so a small site works without a mail server.
 */
export function createMailer(log: Log, { smtpUrl: url, from }: MailConfig): Mailer {
  // nodemailer is loaded with the first message sent, not at start (it is most of a megabyte of code).
  let opened: Promise<Transporter> | undefined;
  const transport = url ? () => (opened ??= import('nodemailer').then((m) => m.default.createTransport(url))) : null;
  return {
    async send(mail) {
      if (!transport) {
        log.info({ to: mail.to, subject: mail.subject }, `e-mail not sent (no HERALD_SMTP_URL):\n${mail.text}`);
        return 'logged';
      }
      const { fromName, ...message } = mail;
      const address = from.match(/<([^>]+)>/)?.[1] ?? from;
      await (await transport()).sendMail({ ...message, from: fromName ? { name: fromName, address } : from });
      return 'sent';
    },
  };
}
