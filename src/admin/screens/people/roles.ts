export const ROLES = ['contributor', 'author', 'editor', 'administrator'];
// What editors may give and edit (src/people/permissions.ts, canManageRole).
export const WRITER_ROLES = ['contributor', 'author'];
