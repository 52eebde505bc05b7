/**
 * One-time links mailed to a member: confirming a sign-up, signing in. As with the newsroom's
 * links (src/people/links.service.ts), only a hash of each link's secret is stored.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { newSecret, secretHash } from '../people/secrets.js';

export type MemberLinkPurpose = 'confirm' | 'sign-in';

const HOUR_MS = 3_600_000;
/** A confirmation link lives as long as the sign-up it confirms (see SIGN_UP_LIFETIME_MS); a sign-in link two hours. */
export const LINK_LIFETIME_MS: Record<MemberLinkPurpose, number> = { confirm: 7 * 24 * HOUR_MS, 'sign-in': 2 * HOUR_MS };

/** The link's address; `language` (the mail's) words its page, even when the link has expired. */
export function memberLinkUrl(baseUrl: string, purpose: MemberLinkPurpose, token: string, language: string): string {
  const path = purpose === 'confirm' ? '/subscribe/confirm/' : '/account/link/';
  return `${baseUrl.replace(/\/+$/, '')}${path}${token}?lang=${encodeURIComponent(language)}`;
}

export async function createMemberLink(db: Kysely<Schema>, memberId: number, purpose: MemberLinkPurpose, now: number): Promise<string> {
  const token = newSecret();
  await db
    .insertInto('member_links')
    .values({
      member_id: memberId,
      purpose,
      token_hash: secretHash(token),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + LINK_LIFETIME_MS[purpose]).toISOString(),
    })
    .execute();
  return token;
}

/** When the member was last sent a link for `purpose`, or null: a throttle on mails to one address. */
export async function lastLinkAt(db: Kysely<Schema>, memberId: number, purpose: MemberLinkPurpose): Promise<string | null> {
  const row = await db
    .selectFrom('member_links')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('member_id', '=', memberId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row?.at ?? null;
}

/**
 * The member a live link stands for. A sign-in link works once (`consume`: marked used
 * conditionally, so of two simultaneous uses one wins); a confirmation link may be opened again
 * within its life and confirms nothing more the second time.
 */
export async function memberOfLink(
  db: Kysely<Schema>,
  token: string,
  purpose: MemberLinkPurpose,
  now: number,
  { consume }: { consume: boolean },
): Promise<number | null> {
  const row = await db
    .selectFrom('member_links')
    .select(['id', 'member_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', secretHash(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= now || (consume && row.used_at)) return null;
  if (!row.used_at) {
    const marked = await db
      .updateTable('member_links')
      .set({ used_at: new Date(now).toISOString() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (consume && Number(marked.numUpdatedRows) !== 1) return null;
  }
  return row.member_id;
}

/** Links past their life are of no use to anyone: removed by the members' cleanup. */
export async function forgetExpiredLinks(db: Kysely<Schema>, now: number): Promise<void> {
  await db.deleteFrom('member_links').where('expires_at', '<', new Date(now).toISOString()).execute();
}
