/**
 * npm run spam:eval — how the spam filter that ships does on real comments it never saw.
 *
 * The model is src/comments/spam/model.json, loaded into a fresh database by the same code
 * the server uses, and judged with the default settings (content rules + classifier); the
 * comments are the YouTube validation split without any text the training split also holds.
 * Nothing was chosen on this split (see `npm run spam:tune`), so these are the figures to quote.
 * Each share comes with its 95 % Wilson interval: on about 70 real comments, one mistake is 1.4 %.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spamProbability } from '../src/comments/spam/classifier.js';
import { judgeAsTheSiteDoes } from '../src/comments/spam/evaluation.js';
import { featureHashes } from '../src/comments/spam/features.js';
import { readShippedModel } from '../src/comments/spam/model-file.js';
import { meetsTargets, outcomeOf, proportion } from '../src/comments/spam/targets.js';
import { loadCorpora } from '../src/comments/spam/training.js';
import { DEFAULT_COMMENT_SETTINGS } from '../src/comments/comments.settings.js';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

const { heldOut, dropped } = loadCorpora();
const dir = mkdtempSync(join(tmpdir(), 'herald-spam-eval-'));
const database = openSqlite(join(dir, 'herald.db'));
try {
  await migrateToLatest(database);
  const { holdThreshold, spamThreshold } = DEFAULT_COMMENT_SETTINGS;
  const outcome = outcomeOf(await judgeAsTheSiteDoes(database.db, heldOut, DEFAULT_COMMENT_SETTINGS), holdThreshold, spamThreshold);
  const line = (what: string, hits: number, total: number, target?: string) => {
    const { share, low, high } = proportion(hits, total);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(`${what.padEnd(28)} ${String(hits).padStart(3)} of ${String(total).padEnd(3)} ${pct(share).padStart(7)}  (95 % CI ${pct(low)}–${pct(high)})  ${target ? `target ${target}` : 'no target: the rest is held for a moderator'}`);
  };
  console.log(`held-out real comments: YouTube validation split, ${heldOut.length} distinct texts (${dropped} dropped as repeats of training texts)`);
  console.log(`shipped model.json, default thresholds: hold at ${holdThreshold}, spam at ${spamThreshold}\n`);
  line('real comments marked spam', outcome.realMarkedSpam, outcome.real, '< 1 %');
  line('real comments held', outcome.realHeld, outcome.real, '< 5 %');
  line('spam caught (held or marked)', outcome.spamCaught, outcome.spam, '> 95 %');
  line('spam marked outright', outcome.spamMarked, outcome.spam);
  console.log(`\n${meetsTargets(outcome) ? 'meets' : 'does NOT meet'} the targets (point estimates).`);

  // Time per classification with the shipped model, features included (in memory: the database read is separate).
  const shipped = readShippedModel();
  for (const c of heldOut) spamProbability(shipped, featureHashes(c.text, c.name));
  const rounds = 20;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const c of heldOut) spamProbability(shipped, featureHashes(c.text, c.name));
  const perText = Number(process.hrtime.bigint() - started) / 1e6 / (rounds * heldOut.length);
  console.log(`\n${perText.toFixed(3)} ms per comment (features + score, ${rounds * heldOut.length} classifications; target < 1 ms)`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
