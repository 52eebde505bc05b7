import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO 8601 strings in UTC and booleans are 0/1 on both engines, so that one
// query layer reads the same values from SQLite and PostgreSQL.

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  slug: string;
  bio: string;
  avatar_url: string | null;
  role: string;
  password_hash: string | null;
  /** The admin's language as the person chose it (src/core/interface-text.ts); null follows their browser. */
  interface_language: string | null;
  /** A public link shown with the person's bio: a guest contributor's own site (migration 2026-12-04-70). */
  website: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: string;
  user_id: number | null;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  parent_id: number | null;
  position: number;
  /** 1 when editors put the section in the site's menu (only top-level ones show there). */
  in_menu: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SectionNamesTable {
  section_id: number;
  language: string;
  name: string;
  slug: string;
  description: string;
}

export interface TagsTable {
  id: Generated<number>;
  language: string;
  name: string;
  slug: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface StoriesTable {
  id: Generated<number>;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  story_id: number;
  language: string;
  title: string;
  standfirst: Generated<string>;
  body: Generated<string>;
  excerpt: Generated<string>;
  slug: string;
  section_id: number | null;
  image_url: string | null;
  image_media_id: number | null;
  image_caption: Generated<string>;
  image_credit: Generated<string>;
  image_alt: Generated<string>;
  source_name: string | null;
  source_url: string | null;
  source_published_at: string | null;
  machine_translated: Generated<number>;
  translated_from_id: number | null;
  seo_title: Generated<string>;
  seo_description: Generated<string>;
  status: string;
  publish_at: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  created_by: string;
  /** 'story', or 'page': served at its address, never listed (migration 2026-12-02-10). */
  kind: Generated<string>;
  /** The version at which the title, standfirst or body last changed (migration 2026-12-03-50). */
  words_version: Generated<number>;
  /** For a translation: the version of its source it was made from or last brought up to date with. */
  source_version: number | null;
  /** 1 for a copy or machine translation made by "Translate" that no person has yet edited or published. */
  translation_in_progress: Generated<number>;
  /** A draft waiting for an editor, and its return with a note (migration 2026-12-03-60). */
  review_submitted_at: string | null;
  review_submitted_by: string | null;
  review_submitted_name: string | null;
  review_returned_at: string | null;
  review_returned_by: string | null;
  review_returned_name: string | null;
  review_note: string | null;
  /** Nothing of the story shows anywhere before this time (migration 2026-12-04-50). */
  embargo_until: string | null;
  /** When a published story leaves the site, and how: 'gone' (410) or 'unlisted'. */
  expires_at: string | null;
  expiry: Generated<string>;
}

/** The story's publication time while it is public, else null: kept by triggers (migration 60), never written. */
type ListedAt = ColumnType<string | null, never, never>;

/** Reader analytics aggregates of the last days (migration 2026-12-04-30; src/analytics/). */
export interface AnalyticsViewsTable {
  /** The minute, in minutes since 1970 (UTC); older rows move into analytics_days (an hour's first minute in rows written before it). */
  minute: number;
  /** 0 for a page that is no article. */
  article_id: number;
  language: string;
  page_kind: string;
  referrer: string;
  source: string;
  medium: string;
  campaign: string;
  device: string;
  country: string;
  views: number;
  visitors: number;
  site_visitors: number;
  reads: number;
}

/** Each combination of a page's language and kind, where its reader came from, device and country (migration 2026-12-05-40). */
export interface AnalyticsSegmentsTable {
  id: Generated<number>;
  language: string;
  page_kind: string;
  referrer: string;
  source: string;
  medium: string;
  campaign: string;
  device: string;
  country: string;
}

/** One page's counts on one past UTC day, packed (src/analytics/day-counts.ts). */
export interface AnalyticsDaysTable {
  /** Days since 1970, UTC. */
  day: number;
  /** 0 for the pages that are no article. */
  article_id: number;
  /** 60 while the day keeps its hours, 1440 once it is one bucket. */
  grain: number;
  counts: Uint8Array;
}

/** The day's visitor hashes, per page and for the site; deleted once the day is over. */
export interface AnalyticsVisitorsTable {
  day: number;
  page: string;
  visitor: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
  listed_at: ListedAt;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
  listed_at: ListedAt;
}

/** A story's typed credits, in order per kind (migration 2026-12-04-70). */
export interface ArticleCreditsTable {
  article_id: number;
  kind: string;
  user_id: number;
  position: number;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  snapshot: string;
  actor: string;
  created_at: string;
}

/** A correction or update note on a published story version (migration 2026-12-04-60). */
export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  /** 'correction' or 'update'. */
  kind: string;
  /** Plain text. */
  note: string;
  published_at: string;
  /** The note of the source version this one carries over to a translation. */
  source_correction_id: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SlugRedirectsTable {
  language: string;
  slug: string;
  article_id: number;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime_type: string;
  width: number | null;
  height: number | null;
  size_bytes: number;
  alt: Generated<string>;
  caption: Generated<string>;
  credit: Generated<string>;
  created_at: string;
  original_name: Generated<string>;
  uploaded_by: Generated<string>;
  /** The focal point (src/media/focal-point.ts) as fractions of width and height; null: the centre. */
  focal_x: Generated<number | null>;
  focal_y: Generated<number | null>;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  user_agent: Generated<string>;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInFailuresTable {
  email: string;
  failures: number;
  first_failed_at: string;
  locked_until: string | null;
}

export interface UserLinksTable {
  id: Generated<number>;
  purpose: string;
  user_id: number | null;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MediaVariantsTable {
  media_id: number;
  format: string;
  width: number;
  height: number;
  path: string;
  size_bytes: number;
}

/** A library picture cut to one aspect ratio (`16x9`, `4x3`, `1x1`): src/media/crops.ts. */
export interface MediaCropsTable {
  media_id: number;
  ratio: string;
  format: string;
  width: number;
  height: number;
  path: string;
  size_bytes: number;
}

export interface ImportMapTable {
  source: string;
  kind: string;
  external_id: string;
  local_id: number;
}

export interface LegacyRedirectsTable {
  path: string;
  target_type: string;
  target_id: number;
  language: string | null;
  created_at: string;
}

export interface ImportedAttachmentsTable {
  id: Generated<number>;
  source: string;
  external_id: string;
  url: string;
  title: Generated<string>;
  caption: Generated<string>;
  alt: Generated<string>;
  mime_type: Generated<string>;
  article_id: number | null;
  created_at: string;
}

export interface SyndicationFeedsTable {
  id: Generated<number>;
  url: string;
  name: string;
  section_id: number | null;
  language: string | null;
  publish: Generated<number>;
  canonical_to_source: Generated<number>;
  poll_minutes: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string;
  failures: Generated<number>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SyndicationItemsTable {
  feed_id: number;
  guid: string;
  article_id: number | null;
  created_at: string;
}

// Comments (src/comments): see the 2026-11-26-30-comments migration.
export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  depth: Generated<number>;
  status: string;
  author_name: string;
  author_email: string;
  author_url: string | null;
  author_ip: string | null;
  user_agent: Generated<string>;
  user_id: number | null;
  body: string;
  content_hash: string;
  score: Generated<number>;
  /** JSON array of strings. */
  reasons: Generated<string>;
  learned_as: string | null;
  created_at: string;
  updated_at: string;
  ip_reduced_at: string | null;
  /** A reply from the fediverse (migration 2026-12-04-85): the Note's id, its actor, `@user@instance`. */
  remote_object_id: string | null;
  remote_actor: string | null;
  author_handle: string | null;
}

export interface CommentThreadsTable {
  article_id: number;
  mode: string;
  updated_at: string;
}

export interface CommentBlocksTable {
  id: Generated<number>;
  kind: string;
  value: string;
  created_at: string;
}

export interface CommentFormUsesTable {
  key: string;
  used_at: string;
}

export interface SpamWeightsTable {
  feature: number;
  /** The starting model's weight, as shipped. */
  weight: number;
  /** What moderators' decisions added; a feature scores `weight + learned`. */
  learned: Generated<number>;
}

/** Which shipped model file the starting weights came from (one row). */
export interface SpamModelTable {
  id: number;
  /** SHA-256 of model.json. */
  digest: string;
  loaded_at: string;
}

/** Content API keys (src/people/content-keys.service.ts); only a hash of each key is kept. */
export interface ContentKeysTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  description: Generated<string>;
  /** JSON array of event names. */
  events: string;
  secret: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The webhook queue and delivery log (src/reach/webhooks.*). */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
  created_at: string;
}

/** A row the demo loader made, as it left it (src/demo/demo-content.ts). */
export interface DemoContentTable {
  kind: 'article' | 'section' | 'tag' | 'media' | 'user';
  id: number;
  fingerprint: string;
}

export interface NewslettersTable {
  id: Generated<number>;
  name: string;
  language: string;
  description: Generated<string>;
  sender_name: Generated<string>;
  reply_to: Generated<string>;
  /** 'public' (offered by the subscribe forms of its language) or 'hidden'. */
  visibility: Generated<string>;
  /** 'each' (stories sent one by one), 'daily' or 'weekly' (a digest). */
  cadence: Generated<string>;
  /** HH:MM on the site's clock. */
  send_time: Generated<string>;
  /** 0 Sunday … 6 Saturday, for a weekly digest. */
  send_weekday: Generated<number>;
  authors_may_send: Generated<number>;
  archived: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MembersTable {
  id: Generated<number>;
  email: string;
  name: Generated<string>;
  language: string;
  source: string;
  failure_streak: Generated<number>;
  suppressed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberSubscriptionsTable {
  member_id: number;
  newsletter_id: number;
  /** 'pending' (not yet confirmed), 'confirmed' or 'unsubscribed'. */
  status: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface MemberLinksTable {
  id: Generated<number>;
  member_id: number;
  /** 'confirm' or 'sign-in'. */
  purpose: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface MemberSessionsTable {
  id: Generated<number>;
  member_id: number;
  token_hash: string;
  csrf_token: string;
  expires_at: string;
  created_at: string;
}

export interface NewsletterSendsTable {
  id: Generated<number>;
  newsletter_id: number;
  /** 'story' or 'digest'. */
  kind: string;
  article_id: number | null;
  period_start: string | null;
  period_end: string | null;
  subject: string;
  /** 'queued', 'sent' or 'paused'. */
  status: string;
  recipients: Generated<number>;
  delivered: Generated<number>;
  failed: Generated<number>;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

export interface NewsletterDeliveriesTable {
  id: Generated<number>;
  send_id: number;
  member_id: number;
  /**
   * 'pending'; 'sending' (claimed, its SMTP transaction not yet at the end of the message: it
   * was not accepted); 'handed' (the message's end handed to SMTP, its answer not yet recorded);
   * 'delivered', 'failed', 'skipped' (unsubscribed or suppressed before its turn) or 'unknown'
   * (the process stopped while the row was 'handed' and noted in its handover journal, or a
   * process that has not come back left it 'handed': never sent again, see send.worker.ts).
   */
  status: string;
  /**
   * The claim (random, per round of a process) that holds the row while 'sending' or 'handed';
   * kept on an 'unknown' row its process left, for that process's journal to resolve.
   */
  claim: string | null;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

/** A story carrying rolling coverage (migration 2026-12-04-40). */
export interface LiveBlogsTable {
  story_id: number;
  started_at: string;
  closed_at: string | null;
  archived_at: string | null;
  updated_at: string;
}

export interface LiveEntriesTable {
  id: Generated<number>;
  story_id: number;
  /** The language it was written in; translations are in live_entry_translations. */
  language: string;
  author_id: number | null;
  author_name: string;
  body: string;
  picture_url: string | null;
  picture_alt: Generated<string>;
  picture_caption: Generated<string>;
  picture_credit: Generated<string>;
  embed_url: string | null;
  pinned: Generated<number>;
  published_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LiveEntryTranslationsTable {
  entry_id: number;
  language: string;
  body: string;
  machine_translated: Generated<number>;
  updated_at: string;
}

/** A newsletter a scheduled story goes to once it is published (newsletters/planned-sends.ts). */
export interface NewsletterPlansTable {
  article_id: number;
  newsletter_id: number;
  created_by: string;
  created_at: string;
}

export interface Schema {
  live_blogs: LiveBlogsTable;
  live_entries: LiveEntriesTable;
  live_entry_translations: LiveEntryTranslationsTable;
  demo_content: DemoContentTable;
  content_keys: ContentKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  settings: SettingsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sections: SectionsTable;
  section_names: SectionNamesTable;
  tags: TagsTable;
  stories: StoriesTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  article_credits: ArticleCreditsTable;
  article_revisions: ArticleRevisionsTable;
  article_corrections: ArticleCorrectionsTable;
  slug_redirects: SlugRedirectsTable;
  media: MediaTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  user_links: UserLinksTable;
  media_variants: MediaVariantsTable;
  media_crops: MediaCropsTable;
  import_map: ImportMapTable;
  legacy_redirects: LegacyRedirectsTable;
  imported_attachments: ImportedAttachmentsTable;
  syndication_feeds: SyndicationFeedsTable;
  syndication_items: SyndicationItemsTable;
  comments: CommentsTable;
  newsletters: NewslettersTable;
  members: MembersTable;
  member_subscriptions: MemberSubscriptionsTable;
  member_links: MemberLinksTable;
  member_sessions: MemberSessionsTable;
  newsletter_sends: NewsletterSendsTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_plans: NewsletterPlansTable;
  comment_threads: CommentThreadsTable;
  comment_blocks: CommentBlocksTable;
  comment_form_uses: CommentFormUsesTable;
  spam_weights: SpamWeightsTable;
  spam_model: SpamModelTable;
  analytics_views: AnalyticsViewsTable;
  analytics_visitors: AnalyticsVisitorsTable;
  analytics_segments: AnalyticsSegmentsTable;
  analytics_days: AnalyticsDaysTable;
  federation_kv: FederationKvTable;
  federation_queue: FederationQueueTable;
  federation_keys: FederationKeysTable;
  federation_followers: FederationFollowersTable;
  federation_activities: FederationActivitiesTable;
  federation_deliveries: FederationDeliveriesTable;
  federation_inbox: FederationInboxTable;
  federation_reactions: FederationReactionsTable;
  federation_blocked_instances: FederationBlockedInstancesTable;
}

// The fediverse (migration 2026-12-04-20, src/federation/).
export interface FederationKvTable {
  key: string;
  value: string;
  expires_at: string | null;
}

export interface FederationQueueTable {
  id: Generated<number>;
  message: string;
  deliver_after: string;
  locked_until: string | null;
  created_at: string;
}

export interface FederationKeysTable {
  actor: string;
  algorithm: string;
  public_jwk: string;
  private_jwk: string;
  created_at: string;
}

export interface FederationFollowersTable {
  id: Generated<number>;
  actor: string;
  follower_uri: string;
  handle: Generated<string>;
  inbox: string;
  shared_inbox: string | null;
  follow_id: string;
  created_at: string;
  /** 'accepted', or 'pending' while the Follow waits for approval (migration 2026-12-05-30). */
  status: Generated<FollowerStatus>;
}

export type FollowerStatus = 'accepted' | 'pending';

export interface FederationActivitiesTable {
  id: Generated<number>;
  activity_id: string;
  actor: string;
  type: string;
  article_id: number | null;
  recipient_inbox: string | null;
  payload: string | null;
  status: string;
  locked_until: string | null;
  created_at: string;
  fanned_out_at: string | null;
  // Migration 2026-12-05-20: a site comment sent back to a fediverse replier.
  comment_id: number | null;
  /** Sent to this actor only, its inbox looked up when fanned out. */
  recipient_actor: string | null;
  /** Failed lookups of recipient_actor's inbox. */
  attempts: Generated<number>;
}

export interface FederationDeliveriesTable {
  id: Generated<number>;
  activity_id: number;
  inbox: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  // Migration 2026-12-05-21.
  attempted_at: string | null;
}

export interface FederationInboxTable {
  id: Generated<number>;
  activity_id: string;
  type: string;
  recipient: string | null;
  actor_uri: string;
  object_id: string | null;
  payload: string;
  received_at: string;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;

// Likes and boosts of stories from the fediverse (migration 2026-12-04-86).
export interface FederationReactionsTable {
  id: Generated<number>;
  article_id: number;
  /** 'like' or 'boost'. */
  kind: string;
  actor_uri: string;
  activity_id: string;
  created_at: string;
}

// Blocked fediverse instances (migration 2026-12-04-87).
export interface FederationBlockedInstancesTable {
  host: string;
  created_at: string;
}
