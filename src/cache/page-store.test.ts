import { describe, expect, it } from 'vitest';
import { hitHeaders } from './cdn-headers.js';
import { PageStore, type CachedPage } from './page-store.js';

function page(text: string, keys: string[], headers: CachedPage['headers'] = {}): CachedPage {
  const body = Buffer.from(text);
  return { status: 200, headers, wireHeaders: hitHeaders(headers, body), body, etag: `"${text}"`, keys, storedAt: 0 };
}

describe('page store', () => {
  it('drops exactly the entries showing an invalidated key', () => {
    const store = new PageStore(1024 * 1024);
    const ticket = store.begin();
    store.store(ticket, '/en/', {}, page('home', ['list:en', 'article:1', 'article:2']));
    store.store(ticket, '/en/one', {}, page('one', ['article:1']));
    store.store(ticket, '/fr/', {}, page('accueil', ['list:fr', 'article:3']));
    expect(store.invalidate({ keys: ['article:1'] })).toBe(2);
    expect(store.lookup('/en/', {})).toBeUndefined();
    expect(store.lookup('/en/one', {})).toBeUndefined();
    expect(store.lookup('/fr/', {})?.body.toString()).toBe('accueil');
    expect(store.invalidate({ all: true })).toBe(1);
    expect(store.size).toBe(0);
  });

  it('refuses a render that began before a write to one of its keys, and keeps one that began after', () => {
    const store = new PageStore(1024 * 1024);
    const early = store.begin();
    store.invalidate({ keys: ['article:1'] });
    expect(store.store(early, '/en/one', {}, page('old', ['article:1']))).toBe(false);
    expect(store.store(early, '/en/two', {}, page('two', ['article:2']))).toBe(true);
    const late = store.begin();
    expect(store.store(late, '/en/one', {}, page('new', ['article:1']))).toBe(true);
    expect(store.stats.discarded).toBe(1);
  });

  it('stays within its byte budget, forgetting the least recently used pages and their index entries', () => {
    const store = new PageStore(8 * 1024);
    const big = 'x'.repeat(2000);
    for (let i = 0; i < 10; i += 1) store.store(store.begin(), `/p/${i}`, {}, page(`${big}${i}`, ['list:en', `article:${i}`]));
    expect(store.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(store.lookup('/p/0', {})).toBeUndefined();
    expect(store.lookup('/p/9', {})).toBeDefined();
    // Evicted pages left the key index too: an invalidation counts only the pages still held.
    const held = store.size;
    expect(held).toBeLessThan(10);
    expect(store.invalidate({ keys: ['list:en'] })).toBe(held);
    expect(store.size).toBe(0);
  });

  it('keeps one entry per negotiated encoding when a compressed page varies by Accept-Encoding', () => {
    const store = new PageStore(1024 * 1024);
    const vary = { vary: 'Accept-Encoding', 'content-encoding': 'gzip' };
    store.store(store.begin(), '/en/', { 'accept-encoding': 'gzip, deflate' }, page('gzipped', ['list:en'], vary));
    store.store(store.begin(), '/en/', {}, page('plain', ['list:en'], vary));
    expect(store.lookup('/en/', { 'accept-encoding': 'deflate, gzip;q=1' })?.body.toString()).toBe('gzipped');
    expect(store.lookup('/en/', { 'accept-encoding': 'identity' })?.body.toString()).toBe('plain');
    expect(store.lookup('/en/', { 'accept-encoding': 'br' })).toBeUndefined();
    // Both copies are kept side by side; q=0 refuses an encoding.
    expect(store.lookup('/en/', { 'accept-encoding': 'br;q=0, gzip' })?.body.toString()).toBe('gzipped');
  });

  it('serves and stores nothing while it may have missed an invalidation', () => {
    const store = new PageStore(1024 * 1024);
    store.store(store.begin(), '/en/', {}, page('home', ['list:en']));
    store.setUsable(false);
    expect(store.lookup('/en/', {})).toBeUndefined();
    expect(store.store(store.begin(), '/en/', {}, page('home', ['list:en']))).toBe(false);
    store.setUsable(true);
    expect(store.lookup('/en/', {})).toBeUndefined();
  });
});
