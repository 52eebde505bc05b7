import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { readStdin, withDatabase } from '../../cli/context.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { checkBlocks } from '../blocks.service.js';
import { normalizedForRepeats } from '../comments.render.js';
import { countSameText } from '../comments.repository.js';
import { getCommentSettings } from '../comments.settings.js';
import { judge, type Judgement } from './filter.js';
import { classifyTextReadOnly } from './spam.service.js';

interface Line {
  text?: unknown;
  name?: unknown;
  email?: unknown;
  url?: unknown;
  language?: unknown;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Scores one comment as the site would, reading but never writing: the site's model (the shipped
 * one plus what its moderators taught, even before the site has loaded it), its block lists and settings.
 * The first-comment rule is left out: it is a moderation policy, not a judgement of the text.
 */
export async function scoreComment(db: Kysely<Schema>, line: Line): Promise<Judgement> {
  const text = str(line.text);
  const url = str(line.url) || null;
  const settings = await getCommentSettings(db);
  const probability = await classifyTextReadOnly(db, text, str(line.name), url ?? '');
  const normalized = normalizedForRepeats(text);
  const repeats = normalized.length >= 20
    ? await countSameText(db, createHash('sha256').update(normalized).digest('hex'), new Date(Date.now() - 30 * 86_400_000).toISOString())
    : 0;
  const blocks = await checkBlocks(db, str(line.email).trim().toLowerCase(), null);
  return judge(
    probability,
    { text, name: str(line.name), url, storyLanguage: str(line.language) || undefined, repeats, blockedWords: blocks.words },
    { blocked: blocks.blocked },
    settings,
  );
}

export function registerSpamCommands(program: Command): void {
  const spam = program.command('spam').description('the local spam filter');
  spam
    .command('score')
    .description('score comments given as JSON lines on stdin ({"text","name","email","url"}); prints score, verdict and reasons per line; stores nothing')
    .action(async () => {
      const input = await readStdin();
      let failed = 0;
      await withDatabase(async ({ db }) => {
        const lines = input.split(/\r?\n/);
        for (const [index, raw] of lines.entries()) {
          if (!raw.trim()) continue;
          let line: Line;
          try {
            line = JSON.parse(raw) as Line;
            if (typeof line !== 'object' || line === null || typeof line.text !== 'string') throw new Error('needs a "text" string');
          } catch (error) {
            failed += 1;
            const message = error instanceof Error ? error.message : String(error);
            console.error(`herald: line ${index + 1} is not a comment: ${message}`);
            console.log(JSON.stringify({ line: index + 1, error: message }));
            continue;
          }
          const { score, verdict, reasons } = await scoreComment(db, line);
          console.log(JSON.stringify({ score: Math.round(score * 1000) / 1000, verdict, reasons }));
        }
      });
      if (failed) process.exitCode = 1;
    });
}
