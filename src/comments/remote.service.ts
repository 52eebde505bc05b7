/**
 * Comments written on the fediverse (a Note replying to a story): they are submitted like any
 * comment (submitComment with a `remote` author); their author's later edit is judged again
 * by the same spam filter, and their deletion removes them. Only the Note's own actor may do
 * either: the fediverse side (src/federation/replies.inbound.ts) names who signed the activity.
 */
import type { Store } from '../db/hooks.js';
import { nowIso } from '../db/time.js';
import { announce, checkComment, checkInput, STATUS_OF } from './comments.service.js';
import * as repo from './comments.repository.js';
import type { RemoteAuthor } from './comments.types.js';

export type RemoteChange = 'applied' | 'unknown' | 'refused';

/** The comment a Note became, if the actor asking is its author. */
async function ownComment(store: Store, objectId: string, actorUri: string) {
  const row = await repo.findRemoteCommentRow(store.db, objectId);
  if (!row) return { change: 'unknown' as const };
  if (row.remote_actor !== actorUri) return { change: 'refused' as const };
  return { change: 'applied' as const, row };
}

/**
 * The Note was edited: the comment takes the new text and is judged again (an approved comment
 * edited into spam is held or marked spam). A comment a moderator put in the trash stays there.
 */
export async function reviseRemoteComment(store: Store, author: RemoteAuthor, edit: { name: string; url: string | null; body: string }): Promise<RemoteChange> {
  const found = await ownComment(store, author.objectId, author.actorUri);
  if (!found.row) return found.change;
  const { row } = found;
  const fields = checkInput({ articleId: row.article_id, name: edit.name, email: '', url: edit.url, body: edit.body, remote: author });
  const story = await store.db.selectFrom('articles').select('language').where('id', '=', row.article_id).executeTakeFirstOrThrow();
  const { judgement, contentHash } = await checkComment(store.db, fields, story, { remoteActor: author.actorUri }, { ip: null, userAgent: row.user_agent });
  const status = row.status === 'trash' ? 'trash' : STATUS_OF[judgement.verdict];
  await repo.updateCommentRow(store.db, row.id, {
    author_name: fields.name,
    author_url: fields.url,
    author_handle: author.handle || row.author_handle,
    body: fields.body,
    content_hash: contentHash,
    score: judgement.score,
    reasons: JSON.stringify(judgement.reasons),
    status,
    updated_at: nowIso(),
  });
  if (row.status === 'approved' || status === 'approved') {
    await announce(store, row.id, row.article_id, status === row.status ? 'updated' : status === 'approved' ? 'published' : 'unpublished');
  }
  return 'applied';
}

/** The Note was deleted: so is the comment. */
export async function removeRemoteComment(store: Store, objectId: string, actorUri: string): Promise<RemoteChange> {
  const found = await ownComment(store, objectId, actorUri);
  if (!found.row) return found.change;
  await store.db.deleteFrom('comments').where('id', '=', found.row.id).execute();
  if (found.row.status === 'approved') await announce(store, found.row.id, found.row.article_id, 'deleted');
  return 'applied';
}
