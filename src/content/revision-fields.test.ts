import { describe, expect, it } from 'vitest';
import type { Article } from './articles.types.js';
import { changedFields, COMPARED_FIELDS, type Comparable } from './revision-fields.js';

const person = (id: number, name: string) => ({ id, name, slug: name.toLowerCase(), bio: '', avatarUrl: null, website: null });

const before: Comparable = {
  title: 'Dam opens',
  standfirst: 'It fills this winter.',
  body: '<p>It holds 3 million m³.</p><figure><img src="/media/a.jpg"><figcaption>The dam. Photo: Ana</figcaption></figure>',
  featuredImage: { url: '/media/dam.jpg', mediaId: 1, caption: 'The dam', credit: 'Ana', alt: 'A dam' },
  section: { id: 1, language: 'en', name: 'Region', slug: 'region', description: '' },
  tags: [{ id: 1, language: 'en', name: 'Water', slug: 'water', description: '' }],
  authors: [person(1, 'Ana')],
  credits: { translators: [], photographers: [person(2, 'Ben')], additionalReporting: [] },
  source: null,
  slug: 'dam-opens',
  seoTitle: '',
  seoDescription: '',
  corrections: [],
};

describe('revision comparison over every field', () => {
  it('finds nothing between a version and itself', () => {
    expect(changedFields(before, { ...before })).toEqual([]);
  });

  it('names each changed field, in the list’s order, with its text before and after', () => {
    const after: Comparable = {
      ...before,
      title: 'Dam opens early',
      standfirst: 'It fills this autumn.',
      body: '<p>It holds 30 million m³.</p><figure><img src="/media/a.jpg"><figcaption>The dam. Photo: Cai</figcaption></figure>',
      featuredImage: { ...before.featuredImage!, url: '/media/dam-2.jpg', credit: 'Cai' },
      section: { id: 2, language: 'en', name: 'Climate', slug: 'climate', description: '' },
      tags: [{ id: 1, language: 'en', name: 'Water', slug: 'water', description: '' }, { id: 2, language: 'en', name: 'Energy', slug: 'energy', description: '' }],
      authors: [person(1, 'Ana'), person(3, 'Dev')],
      credits: { translators: [person(4, 'Eli')], photographers: [person(5, 'Cai')], additionalReporting: [person(6, 'Fay')] },
      source: { name: 'Wire', url: 'https://wire.example/dam', publishedAt: null },
      slug: 'dam-opens-early',
      seoTitle: 'Dam opens early',
      seoDescription: 'The new dam.',
      corrections: [{ id: 1, kind: 'correction', text: 'It holds 30 million m³.', publishedAt: '2026-12-03T10:00:00.000Z', sourceCorrectionId: null }],
    };
    const changes = changedFields(before, after);
    expect(changes.map((c) => c.key)).toEqual(COMPARED_FIELDS.map((f) => f.key));
    const of = (key: string) => changes.find((c) => c.key === key)!;
    expect(of('body')).toEqual({ key: 'body', before: 'It holds 3 million m³.\nThe dam. Photo: Ana', after: 'It holds 30 million m³.\nThe dam. Photo: Cai' });
    expect(of('picture')).toEqual({ key: 'picture', before: '/media/dam.jpg\nThe dam\nAna\nA dam', after: '/media/dam-2.jpg\nThe dam\nCai\nA dam' });
    expect(of('tags')).toEqual({ key: 'tags', before: '#Water', after: '#Water #Energy' });
    expect(of('authors').after).toBe('Ana\nDev');
    expect(of('photographers')).toEqual({ key: 'photographers', before: 'Ben', after: 'Cai' });
    expect(of('section')).toEqual({ key: 'section', before: 'Region', after: 'Climate' });
  });

  it('reads a revision saved before a field existed as empty there, not as an error', () => {
    const old = { title: 'Dam opens', body: '<p>It holds 3 million m³.</p>' } as Partial<Article> as Comparable;
    const changes = changedFields(old, before);
    expect(changes.map((c) => c.key)).toContain('photographers');
    expect(changes.find((c) => c.key === 'photographers')!.before).toBe('');
    expect(changes.map((c) => c.key)).not.toContain('translators');
  });
});
