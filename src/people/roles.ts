/** The four roles, with Ghost's and WordPress's meaning, from least to most trusted. */
export const ROLES = ['contributor', 'author', 'editor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A guest contributor: a person credited on stories (byline, credits, their own author page)
 * who has no account. Not one of ROLES: it grants nothing, and no one signs in with it.
 */
export const GUEST_ROLE = 'guest';
