import type { AdminText } from '../../i18n/index.js';

export const ROLES = ['contributor', 'author', 'editor', 'administrator'];
// What editors may give and edit (src/people/permissions.ts, canManageRole).
export const WRITER_ROLES = ['contributor', 'author'];

/** A role's name in the admin's language; one this admin does not know yet shows as stored. */
export function roleName(t: AdminText, role: string): string {
  return (t.common as Record<string, string>)[`role_${role}`] ?? role;
}
