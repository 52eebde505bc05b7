import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify, slugOr } from './slugs.js';

describe('slugify', () => {
  it.each([
    ['Wagner’s mutiny: what we know', 'wagner-s-mutiny-what-we-know'],
    ["L'économie française ralentit", 'l-économie-française-ralentit'],
    ['台灣總統大選結果', '台灣總統大選結果'],
    ['الانتخابات في تونس', 'الانتخابات-في-تونس'],
    ['Выборы в Москве 2026', 'выборы-в-москве-2026'],
    ['  --Hello,   World!--  ', 'hello-world'],
  ])('keeps the letters of %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('never returns hyphens alone, and falls back when there is no letter', () => {
    expect(slugify('!!! --- ???')).toBe('');
    expect(slugOr('!!! --- ???', 'story')).toBe('story');
  });

  it('never produces leading, trailing or doubled hyphens, nor more than 80 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const slug = slugify(text);
        expect(slug).not.toMatch(/^-|-$|--/);
        expect(Array.from(slug).length).toBeLessThanOrEqual(80);
      }),
    );
  });
});
