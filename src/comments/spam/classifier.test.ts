import { describe, expect, it } from 'vitest';
import { averageOfOrders, WeightTable, spamProbability, teach } from './classifier.js';
import { decodeModel, encodeModel } from './model-file.js';
import { featureHashes, featureStrings, hashFeature, HASH_BITS } from './features.js';

const spam = ['win free money now click here', 'cheap pills best price click here', 'free money casino bonus now'];
const ham = ['the council met on tuesday to vote', 'the mayor spoke about the bridge', 'readers asked about the school budget'];

function trained(): WeightTable {
  return new WeightTable().train([
    ...spam.map((t) => ({ hashes: featureHashes(t), spam: true })),
    ...ham.map((t) => ({ hashes: featureHashes(t), spam: false })),
  ]);
}

describe('features', () => {
  it('hash words, word pairs, character 4-grams, link domains and shapes into the table', () => {
    const features = featureStrings('VISIT WWW.EXAMPLE.COM NOW FOR FREE MONEY TODAY!!!');
    expect(features).toContain('w:visit');
    expect(features).toContain('b:money today');
    expect(features).toContain('b:free money');
    expect(features).toContain('c:mone');
    expect(features).toContain('d:example.com');
    expect(features).toContain('shape:caps');
    expect(features).toContain('shape:punct');
    for (const hash of featureHashes('anything at all')) expect(hash).toBeLessThan(2 ** HASH_BITS);
    expect(hashFeature('w:a')).toBe(hashFeature('w:a'));
  });

  it('read the commenter\'s name: its words (camelCase split), whether the text names it, digits in it', () => {
    const promoting = featureStrings('Search "Fat Pockets" on YouTube, thanks', 'FatPocketsTv');
    expect(promoting).toContain('n:fat');
    expect(promoting).toContain('n:pockets');
    expect(promoting).toContain('n:tv');
    expect(promoting).toContain('name:in-text');
    const reader = featureStrings('The council should publish the minutes.', 'Maria Lopez');
    expect(reader).toContain('n:maria');
    expect(reader).not.toContain('name:in-text');
    expect(reader).not.toContain('name:digits');
    expect(featureStrings('great video', 'dj_mike99')).toContain('name:digits');
    // The whole name written without its spaces or dots counts as naming it too.
    expect(featureStrings('subscribe to djmike now', 'DJ Mike')).toContain('name:in-text');
    // No name (an e-mail, or a form without one): no name features, the text's features unchanged.
    expect([...featureStrings('great video')].filter((f) => f.startsWith('n:') || f.startsWith('name:'))).toEqual([]);
    expect(featureHashes('great video', '')).toEqual(featureHashes('great video'));
  });

  it('read the commenter\'s website as a domain of its own, not as a link in the text', () => {
    const features = featureStrings('Good point.', 'Sam', 'https://www.SamWriter.example.com/about');
    expect(features).toContain('site:samwriter.example.com');
    expect(features).toContain('links:0');
    expect(features).not.toContain('d:samwriter.example.com');
  });

  it('split Chinese text into character pairs, having no spaces', () => {
    expect(featureStrings('市議會投票')).toContain('w:市議');
  });
});

describe('the classifier', () => {
  it('learns to separate spam from ham', () => {
    const model = trained();
    expect(spamProbability(model, featureHashes('free money click here'))).toBeGreaterThan(0.7);
    expect(spamProbability(model, featureHashes('the council vote on the budget'))).toBeLessThan(0.3);
  });

  it('learns a spammer\'s name from the comments marked spam, so the same name counts against the next one', () => {
    const model = new WeightTable().train([
      ...spam.map((t) => ({ hashes: featureHashes(t, 'PromoKing77'), spam: true })),
      ...ham.map((t) => ({ hashes: featureHashes(t, 'Ana Silva'), spam: false })),
    ]);
    const neutral = 'what a video';
    expect(spamProbability(model, featureHashes(neutral, 'PromoKing77'))).toBeGreaterThan(spamProbability(model, featureHashes(neutral, 'Ana Silva')));
  });

  it('lets comments correct what e-mails taught, when trained on both: each feature has a comments\' own weight besides the shared one', () => {
    // Thirty e-mails say "my channel" is harmless, four comments say it is spam.
    const mails = Array.from({ length: 30 }, (_, i) => ({ hashes: featureHashes(`see my channel report number ${i}`), spam: false }));
    const comments = [
      ...Array.from({ length: 4 }, (_, i) => ({ hashes: featureHashes(`subscribe my channel ${i}`), spam: true, weight: 3, inDomain: true })),
      ...Array.from({ length: 4 }, (_, i) => ({ hashes: featureHashes(`the mayor was right ${i}`), spam: false, weight: 3, inDomain: true })),
    ];
    const asOneKind = new WeightTable().train([...mails, ...comments.map(({ inDomain: _, ...rest }) => rest)]);
    const augmented = new WeightTable().train([...mails, ...comments]);
    const comment = featureHashes('check my channel');
    expect(spamProbability(augmented, comment)).toBeGreaterThan(spamProbability(asOneKind, comment) + 0.1);
    expect(spamProbability(augmented, featureHashes('the mayor was right again'))).toBeLessThan(0.5);
  });

  it('trains as before when no example is marked as a comment', () => {
    const plain = [...spam.map((t) => ({ hashes: featureHashes(t), spam: true })), ...ham.map((t) => ({ hashes: featureHashes(t), spam: false }))];
    const flagged = plain.map((e) => ({ ...e, inDomain: false }));
    const hashes = featureHashes('free money click here');
    expect(spamProbability(new WeightTable().train(flagged), hashes)).toBe(spamProbability(new WeightTable().train(plain), hashes));
  });

  it('moves a text past the margin when a moderator disagrees, and changes nothing when it already agrees', () => {
    const model = trained();
    const hashes = featureHashes('free money for the school budget');
    const before = spamProbability(model, hashes);
    model.apply(teach(model, hashes, before < 0.5));
    const after = spamProbability(model, hashes);
    expect(before < 0.5 ? after : 1 - after).toBeGreaterThanOrEqual(0.69);
    const agreed = teach(model, hashes, after >= 0.5);
    expect(agreed.deltas.size).toBe(0);
  });

  it('survives the round trip through the shipped model file, to a thousandth', () => {
    const model = trained();
    const copy = decodeModel(JSON.parse(JSON.stringify(encodeModel(model, 'test', 0))));
    const hashes = featureHashes('free money click here');
    expect(spamProbability(copy, hashes)).toBeCloseTo(spamProbability(model, hashes), 2);
  });
});

describe('averageOfOrders', () => {
  it('trains over different orders of the examples and keeps the mean of their weights', () => {
    const examples = [...spam.map((t) => ({ hashes: featureHashes(t), spam: true })), ...ham.map((t) => ({ hashes: featureHashes(t), spam: false }))];
    const runs = [0, 1, 2].map((order) => new WeightTable().train(examples, 8, 1e-6, order));
    // Different orders end in different places…
    const [hash] = featureHashes('money');
    expect(runs[0].weightOf(hash)).not.toBe(runs[1].weightOf(hash));
    // …and the average sits at their mean, bias included.
    const mean = averageOfOrders(3, (table, order) => table.train(examples, 8, 1e-6, order));
    expect(mean.weightOf(hash)).toBeCloseTo((runs[0].weightOf(hash) + runs[1].weightOf(hash) + runs[2].weightOf(hash)) / 3, 12);
    expect(mean.bias).toBeCloseTo((runs[0].bias + runs[1].bias + runs[2].bias) / 3, 12);
    expect(spamProbability(mean, featureHashes('free money click here'))).toBeGreaterThan(0.5);
    expect(spamProbability(mean, featureHashes('the council met to vote'))).toBeLessThan(0.5);
  });
});
