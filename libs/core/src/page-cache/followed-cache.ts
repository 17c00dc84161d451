import type { EntityManager } from 'typeorm';
import type { PageCache } from './page-cache.service';

/**
 * Rows that are read on every request and change rarely (a seller's sales terms, whether it has a
 * payout account), held per key in this process and dropped through the page cache's
 * invalidation: a writer calls `invalidate(m)` in its transaction, and every API process drops
 * its copies when that commits (NOTIFY), this one right after the commit. Copies are used only
 * while the page cache hears invalidations (`PageCache.active`); otherwise, and after `ttlMs` as
 * a backstop, every read goes to the database. Absence is remembered too (`undefined` values).
 */
export class FollowedCache<V> {
  private readonly entries = new Map<string, { at: number; value: V | undefined }>();
  /** Bumped on every drop: a read that began before it does not store what it read. */
  private generation = 0;

  constructor(
    private readonly pageCache: PageCache,
    private readonly tag: string,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    pageCache.onInvalidated(tag, () => this.drop());
  }

  /** The values of `keys`; those not held are read with `load` (which answers only the keys it found). */
  async many(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V | undefined>> {
    const out = new Map<string, V | undefined>();
    if (!this.pageCache.active) {
      const found = keys.length ? await load([...keys]) : new Map<string, V>();
      for (const key of keys) out.set(key, found.get(key));
      return out;
    }
    const now = Date.now();
    const missing: string[] = [];
    for (const key of keys) {
      const held = this.entries.get(key);
      if (held && now - held.at <= this.ttlMs) out.set(key, held.value);
      else missing.push(key);
    }
    if (!missing.length) return out;
    const generation = this.generation;
    const found = await load(missing);
    const keep = generation === this.generation;
    if (keep && this.entries.size + missing.length > this.maxEntries) this.entries.clear();
    for (const key of missing) {
      const value = found.get(key);
      out.set(key, value);
      if (keep) this.entries.set(key, { at: now, value });
    }
    return out;
  }

  /** Drops every copy on every API process once `manager`'s transaction commits. */
  invalidate(manager: EntityManager): Promise<void> {
    return this.pageCache.invalidateTags(manager, [this.tag]);
  }

  private drop(): void {
    this.generation++;
    this.entries.clear();
  }
}
