import { describe, expect, it } from 'vitest';
import { countWords, diffWords, EMPTY_DRAFT, payloadOf } from './draft.js';

describe('the editor draft', () => {
  it('counts words in Latin and Chinese text alike', () => {
    expect(countWords('The harbour reopened on Monday.', 'en')).toBe(5);
    expect(countWords('北京主辦高峰會', 'zh-Hant')).toBeGreaterThan(1);
  });

  it('shows what changed between two revisions, word by word', () => {
    expect(diffWords('The harbour reopened on Monday', 'The port reopened on Monday')).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'removed', text: 'harbour' },
      { kind: 'added', text: 'port' },
      { kind: 'same', text: ' reopened on Monday' },
    ]);
  });

  it('leaves out what would be invalid: an empty source, an empty slug, no authors', () => {
    const payload = payloadOf({ ...EMPTY_DRAFT, title: 'T', source: { name: ' ', url: '', publishedAt: '' } }, 'UTC');
    expect(payload.source).toBeNull();
    expect(payload).not.toHaveProperty('slug');
    expect(payload).not.toHaveProperty('authors');
    const withImage = payloadOf({ ...EMPTY_DRAFT, title: 'T', featuredImage: { url: '/media/x.jpg', mediaId: 4, caption: 'c', credit: '', alt: 'a' } }, 'UTC');
    expect(withImage.featuredImage).toEqual({ mediaId: 4, caption: 'c', credit: '', alt: 'a' });
  });

  it("sends a source's date as typed on the site's clock, in summer and in winter, whatever the browser's", () => {
    const source = (publishedAt: string) => ({ ...EMPTY_DRAFT, title: 'T', source: { name: 'Le Monde', url: '', publishedAt } });
    expect(payloadOf(source('2026-07-01T14:05'), 'Europe/Paris').source).toMatchObject({ publishedAt: '2026-07-01T12:05:00.000Z' });
    expect(payloadOf(source('2026-12-03T14:05'), 'Europe/Paris').source).toMatchObject({ publishedAt: '2026-12-03T13:05:00.000Z' });
  });
});
