import { describe, expect, it } from 'vitest';
import { normalizedForRepeats, renderCommentBody } from './comments.render.js';

describe('comment bodies as HTML', () => {
  it('keeps paragraphs and line breaks, and nothing else a reader typed as markup', () => {
    expect(renderCommentBody('First line\nsecond line\n\n<img src=x onerror=alert(1)>')).toBe(
      '<p>First line<br />second line</p><p>&lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('links web addresses with rel="nofollow ugc", and never javascript: ones', () => {
    expect(renderCommentBody('See https://example.org/a?b=1&c=2.')).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.</p>',
    );
    expect(renderCommentBody('javascript:alert(1)')).toBe('<p>javascript:alert(1)</p>');
  });

  it('folds case, spacing and punctuation to spot the same text posted again', () => {
    expect(normalizedForRepeats('Great  story!!  Thanks.')).toBe(normalizedForRepeats('great story thanks'));
  });
});
