/** A member as the Admin API gives it (src/members/members.service.ts). */
export interface Member {
  id: number;
  email: string;
  name: string;
  language: string;
  source: string;
  suppressedAt: string | null;
  createdAt: string;
  subscriptions: Array<{ newsletterId: number; status: 'pending' | 'confirmed' | 'unsubscribed' }>;
}

/** What an import did (ImportReport in src/members/csv/import.ts). */
export interface ImportReport {
  format: 'herald' | 'ghost' | 'mailchimp' | 'substack';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: Array<{ line: number; reason: string }>;
  notes: string[];
}

export const STATUSES = ['confirmed', 'pending', 'unsubscribed', 'suppressed'] as const;
export const FORMATS = ['ghost', 'mailchimp', 'substack', 'herald'] as const;
