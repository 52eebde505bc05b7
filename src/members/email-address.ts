/** Something that can receive mail: one @, a dot in the domain, no spaces. The SMTP server judges the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The longest address SMTP carries (RFC 5321: 254 characters in a path). */
export const MAX_EMAIL_LENGTH = 254;

/** A member's address as it is stored: one member per address, whatever the case it was typed in. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isEmailAddress(address: string): boolean {
  return address.length <= MAX_EMAIL_LENGTH && EMAIL.test(address);
}
