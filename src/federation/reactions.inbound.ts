/**
 * Likes and boosts: a `Like` or an `Announce` of one of the site's stories is counted for the
 * story, once per account; its `Undo` takes it back (only the account that gave it can).
 */
import type { InboxContext } from '@fedify/fedify';
import { Announce, Article as ArticleObject, Like, Undo } from '@fedify/vocab';
import type { FederationData } from './context.js';
import type { InboundHandler } from './inbound.js';
import { removeReaction, saveReaction, type ReactionKind } from './reactions.repository.js';

/** The story an activity's object names, when it is one of ours. */
function storyOf(ctx: InboxContext<FederationData>, object: URL | null): number | null {
  const parsed = object ? ctx.parseUri(object) : null;
  if (parsed?.type !== 'object' || parsed.class !== ArticleObject) return null;
  const id = Number(parsed.values.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function counting(type: typeof Like | typeof Announce, kind: ReactionKind): InboundHandler<Like | Announce> {
  return {
    type,
    async handle(ctx, activity) {
      const articleId = storyOf(ctx, activity.objectId);
      if (!articleId || !activity.id || !activity.actorId) return;
      const db = ctx.data.database.db;
      // A story the site no longer has (or never had) counts nothing.
      if (!(await db.selectFrom('articles').select('id').where('id', '=', articleId).where('kind', '=', 'story').executeTakeFirst())) return;
      await saveReaction(db, { articleId, kind, actorUri: activity.actorId.href, activityId: activity.id.href });
    },
  };
}

const takeBack: InboundHandler<Undo> = {
  type: Undo,
  async handle(ctx, activity) {
    // The Like or Announce is named by its id (Mastodon embeds it; nothing need be fetched).
    if (!activity.objectId || !activity.actorId) return;
    await removeReaction(ctx.data.database.db, activity.objectId.href, activity.actorId.href);
  },
};

export const reactionHandlers: InboundHandler<any>[] = [counting(Like, 'like'), counting(Announce, 'boost'), takeBack];
