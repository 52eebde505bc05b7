import { sign, verify } from '../core/signing.js';

const PURPOSE = 'newsletter-unsubscribe';

/** Who leaves which newsletter: what an unsubscribe link carries, signed. */
export interface Unsubscription {
  member: number;
  newsletter: number;
}

/**
 * The one-click unsubscribe address of a member for a newsletter: in the `List-Unsubscribe`
 * header (RFC 8058: a POST to it unsubscribes at once) and as the visible link of every
 * newsletter e-mail (a GET shows a page with the button). It never expires: a mail read a
 * year later must still let its reader leave.
 */
export function unsubscribeUrl(baseUrl: string, secret: string, of: Unsubscription): string {
  return `${baseUrl.replace(/\/+$/, '')}/unsubscribe/${sign(secret, PURPOSE, [of.member, of.newsletter])}`;
}

export function readUnsubscribeToken(secret: string, token: string | undefined): Unsubscription | null {
  const payload = verify<unknown>(secret, PURPOSE, token);
  if (!Array.isArray(payload) || payload.length !== 2 || !payload.every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { member: payload[0] as number, newsletter: payload[1] as number };
}
