import type { FastifyRequest } from 'fastify';

/** What the cache hooks know about a request for a cacheable page. */
export interface PageCacheState {
  key: string;
  /** False for a signed-in visitor: neither read from nor written to the cache, and `private, no-store`. */
  shared: boolean;
  /** PageCache.begin() before the page was rendered. */
  token: number;
  tags: string[];
  needsPageTags: boolean;
  pageTagged: boolean;
  onHit?: (req: FastifyRequest) => void;
}

type WithCache = FastifyRequest & { pageCache?: PageCacheState };

export function pageCacheState(req: FastifyRequest): PageCacheState | undefined {
  return (req as WithCache).pageCache;
}

export function setPageCacheState(req: FastifyRequest, state: PageCacheState): void {
  (req as WithCache).pageCache = state;
}

/** Names what this page shows (e.g. `product:<id>`), so a change to it drops the cached copy. */
export function cacheTags(req: FastifyRequest, ...tags: string[]): void {
  const state = pageCacheState(req);
  if (!state) return;
  state.tags.push(...tags);
  state.pageTagged = true;
}

/** Work a copy served from the cache must still do (counting a view); the render does it itself. */
export function onCachedHit(req: FastifyRequest, fn: (req: FastifyRequest) => void): void {
  const state = pageCacheState(req);
  if (state) state.onHit = fn;
}
