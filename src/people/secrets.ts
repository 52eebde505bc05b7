import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret: session cookies, CSRF tokens and one-time links. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

// Only a hash of each secret is stored: a copy of the database hands out no session or link.
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
