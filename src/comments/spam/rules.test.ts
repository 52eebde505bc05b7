import { describe, expect, it } from 'vitest';
import { combine, judge } from './filter.js';
import { contentRules } from './rules.js';

describe('content rules', () => {
  it('count links beyond the allowed number, spam phrases, shouting and blocked words', () => {
    const findings = contentRules({
      text: 'CLICK HERE FOR THE BEST PRICE ON EVERYTHING http://a.example http://b.example http://c.example forbidden',
      name: 'x',
      maxLinks: 2,
      blockedWords: ['forbidden'],
    });
    expect(findings.map((f) => f.reason)).toEqual(['3 links', 'spam phrases: click here, best price', 'blocked words: forbidden']);
    expect(contentRules({ text: 'THE MAYOR IS WRONG AND EVERYONE KNOWS IT', name: 'x', maxLinks: 2 }).map((f) => f.reason)).toEqual(['all caps']);
  });

  it('flag a comment in another script than the story, but not a short one', () => {
    expect(contentRules({ text: 'مقال رائع جدا شكرا لكم على هذا العمل', name: 'x', storyLanguage: 'fr', maxLinks: 2 }).map((f) => f.reason)).toEqual([
      'written in Arabic, story in Latin',
    ]);
    expect(contentRules({ text: 'شكرا', name: 'x', storyLanguage: 'fr', maxLinks: 2 })).toEqual([]);
    expect(contentRules({ text: '這篇報導寫得很好，謝謝你們的努力工作', name: 'x', storyLanguage: 'zh-Hant', maxLinks: 2 })).toEqual([]);
  });

  it('leave an ordinary comment alone', () => {
    expect(contentRules({ text: 'I think the mayor is wrong about the bridge; see https://example.org/report', name: 'x', maxLinks: 2 })).toEqual([]);
  });
});

describe('the verdict', () => {
  const settings = { holdThreshold: 0.5, spamThreshold: 0.9, maxLinks: 2 };

  it('combines evidence as a noisy OR: a rule of weight 1 settles it, weak rules push an unsure comment over', () => {
    expect(combine(0.1, [])).toBeCloseTo(0.1);
    expect(combine(0.1, [{ reason: 'x', weight: 1 }])).toBe(1);
    expect(combine(0.5, [{ reason: 'x', weight: 0.5 }])).toBeCloseTo(0.75);
  });

  it('publishes, holds or marks spam by the thresholds and lists every reason with the classifier last', () => {
    const fine = judge(0.2, { text: 'Fine comment', name: 'x' }, {}, settings);
    expect(fine).toMatchObject({ verdict: 'publish', reasons: ['classifier 0.20'] });
    expect(fine.score).toBeCloseTo(0.2, 9);
    expect(judge(0.6, { text: 'Fine comment', name: 'x' }, {}, settings).verdict).toBe('hold');
    expect(judge(0.2, { text: 'Fine comment', name: 'x' }, { honeypot: true, tooFast: 0.4 }, settings)).toMatchObject({
      verdict: 'spam',
      reasons: ['hidden field filled in (a bot)', 'sent 0.4 s after the page loaded', 'classifier 0.20'],
    });
  });
});
