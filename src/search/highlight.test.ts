import { describe, expect, it } from 'vitest';
import { highlight, matchRanges } from './highlight.js';
import { fold, queryTerms } from './text.js';

describe('query terms', () => {
  it('folds case and diacritics and drops every operator of both engines', () => {
    expect(queryTerms('Pékin "NEAR(" * OR -x :title')).toEqual(['pekin', 'near', 'or', 'x', 'title']);
    expect(queryTerms('"*"')).toEqual([]);
    expect(queryTerms('總統 選舉')).toEqual(['總統', '選舉']);
  });

  it('keeps Japanese voicing marks and Hangul intact', () => {
    expect(fold('がっこう 한국')).toBe('がっこう 한국');
    expect(fold('Ñandú ÇA')).toBe('nandu ca');
  });
});

describe('highlighting', () => {
  it('marks word starts without diacritics and escapes the rest', () => {
    const result = highlight({ title: 'Pékin & <Shanghai>', standfirst: '', body: '<p>From Pékin, pekinese dogs</p>' }, ['pekin']);
    expect(result.title).toBe('<mark>Pékin</mark> &amp; &lt;Shanghai&gt;');
    expect(result.snippet).toBe('From <mark>Pékin</mark>, <mark>pekin</mark>ese dogs');
  });

  it('marks CJK substrings anywhere and does not mark a word in the middle of another', () => {
    expect(matchRanges('新總統就職', ['總統'])).toEqual([[1, 3]]);
    expect(matchRanges('repekin', ['pekin'])).toEqual([]);
  });

  it('cuts a long text around the first match', () => {
    const body = `<p>${'lorem ipsum '.repeat(100)}harbour ${'dolor sit '.repeat(100)}</p>`;
    const { snippet } = highlight({ title: 'x', standfirst: '', body }, ['harbour'], 120);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>harbour</mark>');
    expect(snippet.length).toBeLessThan(160);
  });
});
