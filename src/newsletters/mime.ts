/**
 * A send's MIME message, built once and finished per recipient. Quoted-printable encoding of a
 * 20 kB story is most of the cost of a message (MailComposer per recipient held a send to about
 * 150 messages a second); here the parts between the recipient's own addresses are encoded once
 * and joined with soft line breaks (`=` CRLF, RFC 2045 §6.7), which decoding removes.
 */
import { randomBytes } from 'node:crypto';
import { encode, wrap } from 'nodemailer/lib/qp';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import type { RenderedMail } from './mail/render.js';

export interface MimeTemplate {
  head: string;
  boundary: string;
  text: string[];
  html: string[];
}

const qp = (value: string) => wrap(encode(value.replace(/\r?\n/g, '\r\n')), 74);

/** A header value in 7-bit ASCII (RFC 2047 encoded-words where needed), folded. */
function header(name: string, value: string): string {
  return foldLines(`${name}: ${encodeWords(value, 'Q', 52)}`, 76);
}

function mailbox(name: string, address: string): string {
  if (!name) return `<${address}>`;
  // eslint-disable-next-line no-control-regex
  const plain = /^[\x20-\x7e]*$/.test(name);
  return `${plain ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeWords(name, 'Q', 52, true)} <${address}>`;
}

/** The message of a send, with `slot` standing where each recipient's unsubscribe address goes. */
export function mimeTemplate(mail: RenderedMail, slot: string, from: { name: string; address: string }, options: { replyTo?: string; listId: string; date: Date }): MimeTemplate {
  const boundary = `herald-${randomBytes(12).toString('hex')}`;
  const head = [
    foldLines(`From: ${mailbox(from.name, from.address)}`, 76),
    options.replyTo ? `Reply-To: <${options.replyTo}>` : '',
    header('Subject', mail.subject),
    `Date: ${options.date.toUTCString().replace(/GMT$/, '+0000')}`,
    'MIME-Version: 1.0',
    `List-Id: <${options.listId}>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ]
    .filter(Boolean)
    .join('\r\n');
  return { head, boundary, text: mail.text.split(slot).map(qp), html: mail.html.split(slot).map(qp) };
}

function joined(segments: string[], value: string): string {
  const encoded = qp(value);
  return segments.join(`=\r\n${encoded}=\r\n`);
}

/** The message for one recipient. */
export function mimeMessage(template: MimeTemplate, recipient: { to: string; messageId: string; unsubscribeUrl: string }): Buffer {
  const { boundary } = template;
  return Buffer.from(
    [
      `To: <${recipient.to}>`,
      template.head,
      `Message-ID: ${recipient.messageId}`,
      `List-Unsubscribe: <${recipient.unsubscribeUrl}>`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      joined(template.text, recipient.unsubscribeUrl),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      joined(template.html, recipient.unsubscribeUrl),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}
