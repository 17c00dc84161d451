import { LRUCache } from 'lru-cache';

/** One rendered response kept for anonymous visitors. */
export interface CachedPage {
  status: number;
  body: Buffer;
  /** Strong validator: a quoted hash of the body. */
  etag: string;
  /** Response headers replayed on a hit (content type and the like; never cookies). */
  headers: Record<string, string>;
  /** What the page shows: invalidating any of these tags drops it. */
  tags: readonly string[];
  /** Work a served copy must still do (counting a view), called once per hit. */
  onHit?: (request: unknown) => void;
}

export interface PageStoreOptions {
  maxBytes: number;
  ttlMs: number;
  /** Monotonic clock in ms (tests); default performance.now. */
  now?: () => number;
}

export interface PageStoreStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
  invalidations: number;
}

/** Bytes an entry costs: its body, key, headers and tags, plus a fixed overhead per entry. */
const ENTRY_OVERHEAD = 256;
/** Invalidations remembered to judge renders in flight; a render older than all of them is refused. */
const RECENT_INVALIDATIONS = 256;

/**
 * Rendered pages by key, bounded by bytes (least recently used dropped first) with a TTL as a
 * safety net, and a tag index so that an event drops exactly the pages showing what changed.
 *
 * Stores are guarded by a sequence number: `begin()` is taken before a page is rendered and
 * `set()` refuses the page if an invalidation of one of its tags happened meanwhile, since the
 * render may have read the data the invalidation was about before it committed.
 */
export class PageStore {
  private readonly lru: LRUCache<string, CachedPage>;
  private readonly byTag = new Map<string, Set<string>>();
  private sequence = 0;
  /** The latest invalidations, oldest first: their sequence number and tags (undefined: everything). */
  private readonly recent: Array<{ sequence: number; tags: ReadonlySet<string> | undefined }> = [];
  private counters = { hits: 0, misses: 0, evictions: 0, invalidations: 0 };

  constructor(private readonly options: PageStoreOptions) {
    this.lru = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes,
      ttl: options.ttlMs,
      ttlAutopurge: false,
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
      updateAgeOnGet: false,
      sizeCalculation: (page, key) => entrySize(key, page),
      dispose: (page, key, reason) => {
        this.unindex(key, page);
        if (reason === 'evict') this.counters.evictions++;
      },
    });
  }

  /** A token to pass to `set()` for a page about to be rendered. */
  begin(): number {
    return this.sequence;
  }

  get(key: string): CachedPage | undefined {
    const page = this.lru.get(key);
    if (page) this.counters.hits++;
    else this.counters.misses++;
    return page;
  }

  /** Keeps the page unless something was invalidated since `token`; returns whether it was kept. */
  set(key: string, page: CachedPage, token: number): boolean {
    if (this.invalidatedSince(token, page.tags)) return false;
    if (entrySize(key, page) > this.options.maxBytes) return false;
    this.lru.set(key, page);
    // lru-cache may refuse or immediately evict; index only what it holds.
    if (this.lru.peek(key) !== page) return false;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** Drops every page carrying one of these tags; renders in flight will not be stored. */
  invalidate(tags: Iterable<string>): number {
    const set = new Set(tags);
    this.remember(set);
    let dropped = 0;
    for (const tag of set) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) if (this.lru.delete(key)) dropped++;
    }
    return dropped;
  }

  /** Drops everything (e.g. after missed notifications). */
  clear(): void {
    this.remember(undefined);
    this.lru.clear();
    this.byTag.clear();
  }

  stats(): PageStoreStats {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, maxBytes: this.options.maxBytes, ...this.counters };
  }

  private remember(tags: ReadonlySet<string> | undefined): void {
    this.sequence++;
    this.counters.invalidations++;
    this.recent.push({ sequence: this.sequence, tags });
    if (this.recent.length > RECENT_INVALIDATIONS) this.recent.shift();
  }

  private invalidatedSince(token: number, tags: readonly string[]): boolean {
    if (token === this.sequence) return false;
    // Older than what is remembered: something relevant may have been forgotten.
    if (!this.recent.length || this.recent[0].sequence > token + 1) return true;
    return this.recent.some((r) => r.sequence > token && (!r.tags || tags.some((t) => r.tags!.has(t))));
  }

  private unindex(key: string, page: CachedPage): void {
    for (const tag of page.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(tag);
    }
  }
}

function entrySize(key: string, page: CachedPage): number {
  let size = ENTRY_OVERHEAD + page.body.byteLength + key.length * 2 + page.etag.length;
  for (const [name, value] of Object.entries(page.headers)) size += name.length + value.length;
  for (const tag of page.tags) size += tag.length * 2;
  return size;
}
