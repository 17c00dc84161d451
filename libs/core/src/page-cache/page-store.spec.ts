import { PageStore, type CachedPage } from './page-store';

const page = (bytes: number, tags: string[] = []): CachedPage => ({ status: 200, body: Buffer.alloc(bytes, 97), etag: '"e"', headers: {}, tags });

describe('PageStore', () => {
  it('evicts the least recently used pages once their bytes exceed the bound', () => {
    const store = new PageStore({ maxBytes: 10_000, ttlMs: 60_000 });
    for (const key of ['a', 'b', 'c']) expect(store.set(key, page(3000, [`p:${key}`]), store.begin())).toBe(true);
    expect(store.get('a')).toBeDefined(); // a is now more recent than b
    store.set('d', page(3000), store.begin());
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('d')).toBeDefined();
    const stats = store.stats();
    expect(stats.evictions).toBe(1);
    expect(stats.entries).toBe(3);
    expect(stats.bytes).toBeLessThanOrEqual(10_000);
    expect(stats.bytes).toBeGreaterThan(9000);
  });

  it('refuses a page larger than the whole bound', () => {
    const store = new PageStore({ maxBytes: 1000, ttlMs: 60_000 });
    expect(store.set('big', page(2000), store.begin())).toBe(false);
    expect(store.stats().entries).toBe(0);
  });

  it('drops exactly the pages carrying an invalidated tag, and forgets evicted pages in the tag index', () => {
    const store = new PageStore({ maxBytes: 100_000, ttlMs: 60_000 });
    store.set('product', page(10, ['product:1', 'enterprise:9']), store.begin());
    store.set('other', page(10, ['product:2']), store.begin());
    store.set('home', page(10, ['list:product']), store.begin());
    expect(store.invalidate(['enterprise:9'])).toBe(1);
    expect(store.get('product')).toBeUndefined();
    expect(store.get('other')).toBeDefined();
    expect(store.get('home')).toBeDefined();
    expect(store.invalidate(['list:product', 'product:2'])).toBe(2);
    expect(store.stats().entries).toBe(0);
  });

  it('does not store a render that began before an invalidation of one of its tags', () => {
    const store = new PageStore({ maxBytes: 100_000, ttlMs: 60_000 });
    const token = store.begin();
    store.invalidate(['product:1']);
    expect(store.set('p1', page(10, ['product:1']), token)).toBe(false);
    // An unrelated invalidation does not hold back other pages.
    expect(store.set('p2', page(10, ['product:2']), token)).toBe(true);
    const before = store.begin();
    store.clear();
    expect(store.set('p3', page(10, ['product:3']), before)).toBe(false);
  });

  it('keeps a page no longer than the TTL (the safety net)', () => {
    let now = 5000;
    const store = new PageStore({ maxBytes: 100_000, ttlMs: 1000, now: () => now });
    store.set('p', page(10), store.begin());
    now = 5999;
    expect(store.get('p')).toBeDefined();
    now = 6001;
    expect(store.get('p')).toBeUndefined();
  });
});
