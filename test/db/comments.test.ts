import { expect, it } from 'vitest';
import { readShippedModel, shippedModel } from '../../src/comments/spam/model-file.js';
import { addLearned, BIAS_FEATURE, loadedModelDigest, loadLearned, loadWeights } from '../../src/comments/spam/spam.repository.js';
import { spamProbability, WeightTable } from '../../src/comments/spam/classifier.js';
import { featureHashes } from '../../src/comments/spam/features.js';
import { classifyText, classifyTextReadOnly, ensureSpamModel, learnText } from '../../src/comments/spam/spam.service.js';
import { approvedCounts, recordFormUse, threadRows } from '../../src/comments/comments.repository.js';
import { nowIso } from '../../src/db/time.js';
import { describe } from 'vitest';
import { createStore, describeEachEngine, ENGINES, openStore } from '../support/engines.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/database.js';

async function story(database: Database): Promise<number> {
  const now = nowIso();
  const { id: storyId } = await database.db.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
  const { id } = await database.db
    .insertInto('articles')
    .values({ story_id: storyId, language: 'en', title: 'T', slug: `t-${storyId}`, status: 'published', published_at: now, created_at: now, updated_at: now, version: 1, created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function comment(database: Database, articleId: number, status: string, body: string) {
  const now = nowIso();
  return (await database.db
    .insertInto('comments')
    .values({ article_id: articleId, status, author_name: 'A', author_email: 'a@example.org', body, content_hash: body, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
}

describeEachEngine('comments storage', (database) => {
  it('loads the shipped starting model into the database once, on first use', async () => {
    const { db } = database();
    expect(await db.selectFrom('spam_weights').select('feature').limit(1).execute()).toEqual([]);
    await ensureSpamModel(db);
    const shipped = readShippedModel();
    const stored = await db.selectFrom('spam_weights').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe([...shipped.entries()].length + 1);
    expect((await loadWeights(db, [])).get(BIAS_FEATURE)).toBeCloseTo(shipped.bias, 6);
    await ensureSpamModel(db);
    const again = await db.selectFrom('spam_weights').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(Number(stored.n));
  });

  it('adds weight changes atomically, so processes learning at once lose nothing', async () => {
    const { db } = database();
    const feature = 999_999_001;
    await Promise.all(Array.from({ length: 20 }, () => addLearned(db, [{ feature, learned: 0.25 }])));
    expect((await loadWeights(db, [feature])).get(feature)).toBeCloseTo(5, 9);
  });

  it('swaps in a newer shipped model on first use and keeps what moderators taught', async () => {
    const { db } = database();
    // An earlier release's model: one word it thought spammy, one feature the new model lacks.
    const [offer] = featureHashes('offer');
    const olderModel = new WeightTable();
    olderModel.bias = -3;
    olderModel.weights[offer] = 4;
    olderModel.weights[12_345] = 2;
    await ensureSpamModel(db, { model: olderModel, digest: 'older release' });
    expect(await loadedModelDigest(db)).toBe('older release');
    const text = 'A fair offer for the harbour, the council says';
    // A moderator's decision, taught on the older model.
    const hashes = featureHashes(text);
    await addLearned(db, [{ feature: offer, learned: -1.5 }, { feature: BIAS_FEATURE, learned: 0.25 }]);
    // `herald spam score` already reads the new model with the decision, and writes nothing.
    const shipped = shippedModel();
    const expected = spamProbability({ bias: shipped.model.bias + 0.25, weightOf: (h) => shipped.model.weightOf(h) + (h === offer ? -1.5 : 0) }, hashes);
    expect(await classifyTextReadOnly(db, text)).toBeCloseTo(expected, 9);
    expect(await loadedModelDigest(db)).toBe('older release');
    // The site swaps the starting weights on first use; the decision stays on top of them.
    expect(await classifyText(db, text)).toBeCloseTo(expected, 9);
    expect(await loadedModelDigest(db)).toBe(shipped.digest);
    const oldOnly = await db.selectFrom('spam_weights').select('feature').where('feature', '=', 12_345).execute();
    expect(shipped.model.weightOf(12_345) === 0 ? oldOnly : []).toEqual([]);
    expect((await loadLearned(db, [offer])).get(offer)).toBeCloseTo(-1.5, 9);
    const starting = await db.selectFrom('spam_weights').select((eb) => eb.fn.countAll<number>().as('n')).where('weight', '!=', 0).executeTakeFirstOrThrow();
    expect(Number(starting.n)).toBe([...shipped.model.entries()].length + 1);
  });

  it('lists a story’s approved comments and the reader’s own held ones, and counts approved ones', async () => {
    const articleId = await story(database());
    const approved = await comment(database(), articleId, 'approved', 'approved one');
    const held = await comment(database(), articleId, 'pending', 'held one');
    await comment(database(), articleId, 'spam', 'spam one');
    expect((await threadRows(database().db, articleId, [])).map((r) => r.id)).toEqual([approved]);
    expect((await threadRows(database().db, articleId, [held])).map((r) => r.id)).toEqual([approved, held]);
    expect(await approvedCounts(database().db, [articleId])).toEqual(new Map([[articleId, 1]]));
  });

  it('records a form token once and reports the replay', async () => {
    expect(await recordFormUse(database().db, 'token-a', nowIso())).toBe(true);
    expect(await recordFormUse(database().db, 'token-a', nowIso())).toBe(false);
  });
});

describe('the spam model shared by several app processes', () => {
  for (const engine of ENGINES) {
    it(`teaches every process what one moderator decided [${engine}]`, async () => {
      const store = await createStore(engine);
      // Two connections to one database stand for two app processes.
      const one = openStore(store);
      const two = openStore(store);
      try {
        await migrateToLatest(one);
        const text = 'Limited offer, visit our online shop for discount watches today';
        const before = await classifyText(two.db, text);
        await learnText(one.db, text, before < 0.5);
        const after = await classifyText(two.db, text);
        expect(before < 0.5 ? after > before : after < before).toBe(true);
      } finally {
        await one.close();
        await two.close();
        await store.drop();
      }
    });
  }
});
