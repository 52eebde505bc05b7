import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// Members and newsletters: who reads the outlet by e-mail, in which language, and every send with
// its recipients. The recipients of a send are its durable queue (one row per member and send),
// as webhook deliveries are: a restart continues where the last process stopped.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('newsletters'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sender_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reply_to', 'text', (c) => c.notNull().defaultTo(''))
    // 'public': offered by the subscribe forms of its language; 'hidden': joined only through the admin or an import.
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    // 'each': every story published is sent on its own (if the editor ticks it); 'daily'/'weekly': a digest.
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo('each'))
    // The digest's hour on the site's clock (HH:MM) and, weekly, its day (0 Sunday … 6 Saturday).
    .addColumn('send_time', 'text', (c) => c.notNull().defaultTo('07:00'))
    .addColumn('send_weekday', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('authors_may_send', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('members'))
    // Stored lower-cased and trimmed: one member per address.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    // The language the member reads e-mails and their account page in.
    .addColumn('language', 'text', (c) => c.notNull())
    // 'form', 'admin', 'import:ghost', 'import:mailchimp', 'import:substack'.
    .addColumn('source', 'text', (c) => c.notNull())
    // Permanent SMTP failures in a row; at 3 the address is suppressed (nothing more is sent to it).
    .addColumn('failure_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suppressed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('member_subscriptions')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    // 'pending' until the member opens the confirmation link (double opt-in), then 'confirmed'; 'unsubscribed' keeps the record of leaving.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addPrimaryKeyConstraint('member_subscriptions_pk', ['member_id', 'newsletter_id'])
    .execute();
  await db.schema.createIndex('member_subscriptions_newsletter').on('member_subscriptions').columns(['newsletter_id', 'status']).execute();

  // One-time links sent to a member: confirming a sign-up, signing in. Only a hash is kept.
  await withId(db, db.schema.createTable('member_links'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A signed-in member's browser (the account page); only a hash of the cookie's secret is kept.
  await withId(db, db.schema.createTable('member_sessions'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('newsletter_sends'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    // 'story' (one story, article_id) or 'digest' (the stories published in [period_start, period_end)).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'queued' while recipients are pending, 'sent' when none is, 'paused' while SMTP is down.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // A story goes to a newsletter once, even if it is unpublished and published again; a digest once per period.
  await db.schema.createIndex('newsletter_sends_story').on('newsletter_sends').columns(['newsletter_id', 'kind', 'article_id']).unique().execute();
  await db.schema.createIndex('newsletter_sends_period').on('newsletter_sends').columns(['newsletter_id', 'kind', 'period_start']).unique().execute();

  // The queue: one row per recipient of a send, claimed with a lease like webhook deliveries.
  await withId(db, db.schema.createTable('newsletter_deliveries'))
    .addColumn('send_id', 'integer', (c) => c.notNull().references('newsletter_sends.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    // 'pending', 'sending' (handed to SMTP, outcome not yet recorded), 'delivered', 'failed'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('newsletter_deliveries_once').on('newsletter_deliveries').columns(['send_id', 'member_id']).unique().execute();
  await db.schema.createIndex('newsletter_deliveries_due').on('newsletter_deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['newsletter_deliveries', 'newsletter_sends', 'member_sessions', 'member_links', 'member_subscriptions', 'members', 'newsletters']) {
    await db.schema.dropTable(table).execute();
  }
}
