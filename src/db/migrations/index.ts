import type { Migration } from 'kysely';
import * as core from './2026-11-26-01-core.js';
import * as reach from './2026-11-26-10-reach.js';
import * as newsroom from './2026-11-26-20-newsroom.js';
import * as comments from './2026-11-26-30-comments.js';
import * as portability from './2026-11-26-40-portability.js';
import * as listingIndexes from './2026-11-26-50-listing-indexes.js';
import * as topicListings from './2026-11-26-60-topic-listings.js';
import * as searchRanking from './2026-11-26-70-search-ranking.js';
import * as pageKind from './2026-12-02-10-page-kind.js';
import * as mediaCrops from './2026-11-26-80-media-crops.js';
import * as mediaFocalPoint from './2026-12-03-20-media-focal-point.js';
import * as sectionMenu from './2026-12-03-30-section-menu.js';
import * as demoContent from './2026-12-03-40-demo-content.js';
import * as translationVersions from './2026-12-03-50-translation-versions.js';
import * as articleReview from './2026-12-03-60-article-review.js';
import * as interfaceLanguage from './2026-12-03-70-interface-language.js';
import * as newsletters from './2026-12-03-80-newsletters.js';
import * as newsletterClaims from './2026-12-03-83-newsletter-claims.js';
import * as liveBlogs from './2026-12-04-40-live-blogs.js';
import * as analytics from './2026-12-04-30-analytics.js';
import * as corrections from './2026-12-04-60-corrections.js';
import * as credits from './2026-12-04-70-credits.js';
import * as federation from './2026-12-04-20-federation.js';
import * as embargoExpiry from './2026-12-04-50-embargo-expiry.js';
import * as newsletterPlans from './2026-12-04-10-newsletter-plans.js';
import * as fediverseComments from './2026-12-04-85-fediverse-comments.js';
import * as fediverseReactions from './2026-12-04-86-fediverse-reactions.js';
import * as fediverseBlocks from './2026-12-04-87-fediverse-blocks.js';
import * as fediverseCommentReplies from './2026-12-05-20-fediverse-comment-replies.js';
import * as fediverseDeliveryAttempts from './2026-12-05-21-fediverse-delivery-attempts.js';
import * as fediverseFollowRequests from './2026-12-05-30-fediverse-follow-requests.js';
import * as fediverseKvExpiry from './2026-12-05-31-fediverse-kv-expiry.js';
import * as analyticsDays from './2026-12-05-40-analytics-days.js';
import * as spamModelUpgrades from './2026-12-06-10-spam-model-upgrades.js';

/**
 * Every migration, by its dated name. Listed here rather than read from the folder so the
 * set is explicit and works the same under tsx, vitest and a bundler. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-26-01-core': core,
  '2026-11-26-10-reach': reach,
  '2026-11-26-20-newsroom': newsroom,
  '2026-11-26-30-comments': comments,
  '2026-11-26-40-portability': portability,
  '2026-11-26-50-listing-indexes': listingIndexes,
  '2026-11-26-60-topic-listings': topicListings,
  '2026-11-26-70-search-ranking': searchRanking,
  '2026-12-02-10-page-kind': pageKind,
  '2026-11-26-80-media-crops': mediaCrops,
  '2026-12-03-20-media-focal-point': mediaFocalPoint,
  '2026-12-03-30-section-menu': sectionMenu,
  '2026-12-03-40-demo-content': demoContent,
  '2026-12-03-50-translation-versions': translationVersions,
  '2026-12-03-60-article-review': articleReview,
  '2026-12-03-70-interface-language': interfaceLanguage,
  '2026-12-03-80-newsletters': newsletters,
  '2026-12-03-83-newsletter-claims': newsletterClaims,
  '2026-12-04-40-live-blogs': liveBlogs,
  '2026-12-04-30-analytics': analytics,
  '2026-12-04-60-corrections': corrections,
  '2026-12-04-70-credits': credits,
  '2026-12-04-20-federation': federation,
  '2026-12-04-50-embargo-expiry': embargoExpiry,
  '2026-12-04-10-newsletter-plans': newsletterPlans,
  '2026-12-04-85-fediverse-comments': fediverseComments,
  '2026-12-04-86-fediverse-reactions': fediverseReactions,
  '2026-12-04-87-fediverse-blocks': fediverseBlocks,
  '2026-12-05-20-fediverse-comment-replies': fediverseCommentReplies,
  '2026-12-05-21-fediverse-delivery-attempts': fediverseDeliveryAttempts,
  '2026-12-05-30-fediverse-follow-requests': fediverseFollowRequests,
  '2026-12-05-31-fediverse-kv-expiry': fediverseKvExpiry,
  '2026-12-05-40-analytics-days': analyticsDays,
  '2026-12-06-10-spam-model-upgrades': spamModelUpgrades,
};
