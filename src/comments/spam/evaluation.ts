/**
 * Judging labelled comments exactly as the site judges a new one: the model read from the
 * database the way the server reads it (loaded there from model.json on first use), then the
 * content rules and the thresholds. Used by `npm run spam:eval` and by the test that holds
 * the shipped model to its figures; never by the app.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { CommentSettings } from '../comments.settings.js';
import type { LabelledText } from './corpora.js';
import { judge } from './filter.js';
import { classifyText } from './spam.service.js';

export async function judgeAsTheSiteDoes(
  db: Kysely<Schema>,
  comments: readonly LabelledText[],
  settings: Pick<CommentSettings, 'holdThreshold' | 'spamThreshold' | 'maxLinks'>,
): Promise<Array<{ spam: boolean; score: number }>> {
  const judged: Array<{ spam: boolean; score: number }> = [];
  for (const comment of comments) {
    const probability = await classifyText(db, comment.text, comment.name);
    judged.push({ spam: comment.spam, score: judge(probability, { text: comment.text, name: comment.name ?? '', storyLanguage: 'en' }, {}, settings).score });
  }
  return judged;
}
