import type { ImportFormat } from '../../../members/csv/formats.js';
import type { MemberStatus } from '../../../members/members.service.js';

/** A member and an import's report as the Admin API gives them: the server's own types, erased at build time. */
export type { Member } from '../../../members/members.service.js';
export type { ImportReport } from '../../../members/csv/import.js';

export const STATUSES = ['confirmed', 'pending', 'unsubscribed', 'suppressed'] as const satisfies readonly MemberStatus[];
export const FORMATS = ['ghost', 'mailchimp', 'substack', 'herald'] as const satisfies readonly ImportFormat[];
