import { describe, expect, it } from 'vitest';
import { readUnsubscribeToken, unsubscribeUrl } from './unsubscribe-link.js';

describe('unsubscribe links', () => {
  const secret = 'a site secret for the test';
  it('carries the member and the newsletter, signed, under the site address', () => {
    const url = unsubscribeUrl('https://news.example/', secret, { member: 12, newsletter: 3 });
    expect(url).toMatch(/^https:\/\/news\.example\/unsubscribe\/[\w-]+\.[\w-]+$/);
    expect(readUnsubscribeToken(secret, url.split('/').pop())).toEqual({ member: 12, newsletter: 3 });
  });

  it('refuses a token changed by hand, signed with another key, or made for another purpose', () => {
    const token = unsubscribeUrl('https://news.example', secret, { member: 12, newsletter: 3 }).split('/').pop()!;
    const [body, mac] = token.split('.');
    const otherMember = Buffer.from(JSON.stringify([13, 3])).toString('base64url');
    expect(readUnsubscribeToken(secret, `${otherMember}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken('another secret', token)).toBeNull();
    expect(readUnsubscribeToken(secret, body)).toBeNull();
    expect(readUnsubscribeToken(secret, undefined)).toBeNull();
  });
});
