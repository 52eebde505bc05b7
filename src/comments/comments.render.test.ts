import { describe, expect, it } from 'vitest';
import { commentTextFromHtml, normalizedForRepeats, renderCommentBody } from './comments.render.js';

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

  it('reads a comment written as HTML elsewhere with its blocks apart, no two words run together', () => {
    // From the WordPress theme unit test's comments: a definition list, a list and a table.
    const html = '<h2>Definition Lists</h2><dl><dt>Definition List Title</dt><dd>Definition list division.</dd></dl>\n<ul>\n\t<li>List item one</li>\n\t<li>List item two</li>\n</ul><table><tr><th>Employee</th><th>Salary</th></tr></table><address>1 Infinite Loop</address>Anchor';
    expect(commentTextFromHtml(html)).toBe('Definition Lists\n\nDefinition List Title\nDefinition list division.\n\nList item one\nList item two\n\nEmployee Salary\n\n1 Infinite Loop\n\nAnchor');
    expect(commentTextFromHtml('<p>One &amp; two</p>\n<p>Three<br>four</p>')).toBe('One & two\n\nThree\nfour');
  });
});
