import { describe, expect, it } from 'vitest';
import type { FieldError } from '../core/errors.js';
import type { ArticleRow } from '../db/schema.js';
import { boundedLifetime } from '../cache/cdn-headers.js';
import { momentColumns } from './moments.js';

const NOW = '2026-12-04T10:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();
const row = (values: Partial<ArticleRow>) => ({ status: 'draft', publish_at: null, embargo_until: null, expires_at: null, expiry: 'gone', ...values }) as ArticleRow;

function columns(input: Parameters<typeof momentColumns>[0], current: ArticleRow | undefined, statusCols: Parameters<typeof momentColumns>[2] = {}) {
  const faults: FieldError[] = [];
  return { columns: momentColumns(input, current, statusCols, NOW, faults), faults: faults.map((f) => f.field) };
}

describe('embargo and expiry rules', () => {
  it('publishing under an embargo schedules for the embargo; a scheduled time before it is pushed to it', () => {
    expect(columns({ embargoUntil: at(2) }, row({}), { status: 'published', publish_at: null })).toMatchObject({ columns: { status: 'scheduled', publish_at: at(2) }, faults: [] });
    expect(columns({ embargoUntil: at(3) }, row({ status: 'scheduled', publish_at: at(1) })).columns).toMatchObject({ publish_at: at(3) });
    // Asked for in the same request, a time before the embargo is a mistake to point out.
    expect(columns({ embargoUntil: at(3), publishAt: at(1) }, row({}), { status: 'scheduled', publish_at: at(1) }).faults).toEqual(['publishAt']);
  });

  it('an embargo that has passed changes nothing; one set on a published story is refused', () => {
    expect(columns({ embargoUntil: at(-1) }, row({}), { status: 'published', publish_at: null }).columns.status).toBe('published');
    expect(columns({ embargoUntil: at(1) }, row({ status: 'published' })).faults).toEqual(['embargoUntil']);
  });

  it('an expiry comes after publication, in the future, and after the embargo', () => {
    expect(columns({ expiresAt: at(1) }, row({}), { status: 'scheduled', publish_at: at(2) }).faults).toEqual(['expiresAt']);
    expect(columns({ expiresAt: at(-1) }, row({ status: 'published' })).faults).toEqual(['expiresAt']);
    expect(columns({ embargoUntil: at(2), expiresAt: at(1) }, row({})).faults).toEqual(['expiresAt']);
    expect(columns({ expiresAt: at(5), expiry: 'unlisted' }, row({ status: 'published' }))).toEqual({ columns: { expires_at: at(5), expiry: 'unlisted' }, faults: [] });
    expect(columns({ expiresAt: 'soon' }, row({})).faults).toEqual(['expiresAt']);
  });

  it('an expired story comes back when its expiry moves later or goes, not when something else is edited', () => {
    const expired = row({ status: 'expired', expires_at: at(-1) });
    expect(columns({ expiresAt: at(24) }, expired).columns.status).toBe('published');
    expect(columns({ expiresAt: null }, expired).columns.status).toBe('published');
    expect(columns({}, row({ status: 'expired', expires_at: at(1) })).columns.status).toBeUndefined();
  });
});

describe('cache lifetimes bounded by the next moment', () => {
  it('shortens every fresh and stale lifetime, and leaves shorter ones as they are', () => {
    expect(boundedLifetime('public, max-age=300, stale-while-revalidate=300, s-maxage=60', 42)).toBe('public, max-age=42, stale-while-revalidate=42, s-maxage=42');
    expect(boundedLifetime('public, max-age=0, s-maxage=10', 42)).toBe('public, max-age=0, s-maxage=10');
    expect(boundedLifetime('private, no-store', 0)).toBe('private, no-store');
  });
});
