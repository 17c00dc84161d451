import { MeiliSearch, MeiliSearchApiError, type EnqueuedTask, type Index, type MultiSearchQuery, type MultiSearchResponse, type Settings } from 'meilisearch';
import type { DataSource } from 'typeorm';
import type { EnterpriseDocument } from '../documents/enterprise-document';
import { hashOf, type ProductDocument } from '../documents/product-document';
import {
  SearchUnavailableError,
  type IndexChange,
  type IndexKind,
  type PeerIndexChange,
  type RebuildProgress,
  type RebuildSource,
  type SearchEngine,
  type Settle,
} from '../engine/search-engine';
import {
  emptyFacets,
  type EnterpriseHitData,
  type EnterpriseSearchParams,
  type EnterpriseSearchResult,
  type PeerHitData,
  type PeerSearchParams,
  type PeerSearchResult,
  hitRating,
  type ProductHitData,
  type ProductSearchParams,
  type ProductSearchResult,
} from '../engine/search-types';
import { SearchState } from '../engine/search-state';
import { searchWithCorrection } from '../text/query-correction';
import { enterpriseRequest, mergeExactFirst, peerRequest, productRequest } from './meili-queries';
import { MeiliAnswerError, MeiliSearchClient } from './meili-search-client';
import { TaggedFacets } from './tagged-facets';
import {
  ENTERPRISE_SETTINGS,
  ENTERPRISE_SETTINGS_VERSION,
  PEER_SETTINGS,
  PEER_SETTINGS_VERSION,
  PRODUCT_SETTINGS,
  PRODUCT_SETTINGS_VERSION,
} from './meili-settings';

/** Settings changes and large imports can take minutes on a big index (search.md). */
const TASK_WAIT = { timeout: 10 * 60_000, interval: 25 };
const IMPORT_BATCH = 5000;

interface Options {
  host: string;
  apiKey?: string;
  indexPrefix: string;
}

type RawHit = Omit<ProductHitData, 'ocopStars' | 'rating'> & { ocopStars: number; ratingAverage?: number; ratingCount?: number };

/**
 * Meilisearch engine. The client is meilisearch-js 0.56, the last CommonJS release: NestJS and
 * Jest here run CommonJS, and 0.57+ is ESM-only (search.md). Every request asks for an
 * uncompressed reply: Node's fetch otherwise advertises gzip and each search stalls ~40 ms on
 * loopback (search.md; bench/search.ts keeps a row that shows it).
 */
export class MeiliEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  readonly client: MeiliSearch;
  readonly productsUid: string;
  readonly enterprisesUid: string;
  readonly peerProductsUid: string;

  private readonly state: SearchState;
  private readonly searchClient: MeiliSearchClient;
  /** Longest a search may take before it counts as failed (the failover router lowers it). */
  searchTimeoutMs = 30_000;

  /** `dataSource`: engine bookkeeping (search_state) and the vocabulary for query correction. */
  constructor(
    options: Options,
    private readonly dataSource: DataSource,
  ) {
    this.state = new SearchState(dataSource);
    this.client = new MeiliSearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: 30_000,
      requestInit: { headers: { 'accept-encoding': 'identity' } },
    });
    this.searchClient = new MeiliSearchClient(options.host, options.apiKey);
    this.productsUid = `${options.indexPrefix}products`;
    this.enterprisesUid = `${options.indexPrefix}enterprises`;
    this.peerProductsUid = `${options.indexPrefix}peer_products`;
  }

  static fromConfig(config: { meiliHost?: string; meiliMasterKey?: string; meiliIndexPrefix: string }, dataSource: DataSource): MeiliEngine {
    if (!config.meiliHost) throw new Error('MEILI_HOST is not resolved (SEARCH_ENGINE=meilisearch)');
    return new MeiliEngine({ host: config.meiliHost, apiKey: config.meiliMasterKey, indexPrefix: config.meiliIndexPrefix }, dataSource);
  }

  async prepare(): Promise<void> {
    await this.call(async () => {
      await this.ensureIndex(this.productsUid, PRODUCT_SETTINGS, PRODUCT_SETTINGS_VERSION);
      await this.ensureIndex(this.enterprisesUid, ENTERPRISE_SETTINGS, ENTERPRISE_SETTINGS_VERSION);
      await this.ensureIndex(this.peerProductsUid, PEER_SETTINGS, PEER_SETTINGS_VERSION);
    });
  }

  /**
   * Meilisearch's own typo tolerance first; when that finds nothing, the query corrected against
   * the vocabulary (a swap of two letters in a 4-letter word, syllables typed together…) once more.
   */
  searchProducts(p: ProductSearchParams): Promise<ProductSearchResult> {
    return searchWithCorrection(this.dataSource, p, (q) => this.runProductSearch(q));
  }

  private async runProductSearch(p: ProductSearchParams): Promise<ProductSearchResult> {
    const req = productRequest(this.productsUid, p);
    const res = await this.multiSearch(req.queries);
    if (!res) return { hits: [], total: 0, facets: emptyFacets() };
    const folded = res.results[res.results.length - 1];
    const foldedHits = folded.hits as unknown as RawHit[];
    const hits = req.merged
      ? mergeExactFirst(res.results[0].hits as unknown as RawHit[], res.results[0].totalHits ?? 0, foldedHits, p.page, p.pageSize)
      : foldedHits;
    return {
      hits: hits.map(productHit),
      total: folded.totalHits ?? folded.estimatedTotalHits ?? 0,
      facets: new TaggedFacets(folded.facetDistribution?.facetValues),
    };
  }

  searchEnterprises(p: EnterpriseSearchParams): Promise<EnterpriseSearchResult> {
    return searchWithCorrection(this.dataSource, p, (q) => this.runEnterpriseSearch(q));
  }

  private async runEnterpriseSearch(p: EnterpriseSearchParams): Promise<EnterpriseSearchResult> {
    const req = enterpriseRequest(this.enterprisesUid, p);
    const res = await this.multiSearch(req.queries);
    if (!res) return { hits: [], total: 0 };
    const folded = res.results[res.results.length - 1];
    const hits = req.merged
      ? mergeExactFirst(
          res.results[0].hits as unknown as EnterpriseHitData[],
          res.results[0].totalHits ?? 0,
          folded.hits as unknown as EnterpriseHitData[],
          p.page,
          p.pageSize,
        )
      : (folded.hits as unknown as EnterpriseHitData[]);
    return { hits, total: folded.totalHits ?? 0 };
  }

  /** Peer floors' products: their own index, folded words (no exact-diacritics tier), the province facet. */
  async searchPeerProducts(p: PeerSearchParams): Promise<PeerSearchResult> {
    const res = await this.multiSearch(peerRequest(this.peerProductsUid, p));
    if (!res) return { hits: [], total: 0, provinces: {} };
    const hits = res.results[0].hits as unknown as Array<PeerHitData & { ocopStars: number; sellerName: string; provinceCode: string }>;
    return {
      hits: hits.map((h) => ({
        id: h.id,
        peerId: h.peerId,
        peerName: h.peerName,
        remoteId: h.remoteId,
        name: h.name,
        sellerName: h.sellerName || null,
        provinceCode: h.provinceCode || null,
        priceVnd: h.priceVnd ?? null,
        ocopStars: h.ocopStars > 0 ? h.ocopStars : null,
        ocopCertificate: h.ocopCertificate ?? null,
        ocopValidUntil: h.ocopValidUntil ?? null,
        imageUrl: h.imageUrl ?? null,
        pageUrl: h.pageUrl,
      })),
      total: res.results[0].totalHits ?? 0,
      provinces: Object.fromEntries(Object.entries(res.results[res.results.length - 1].facetDistribution?.provinceCode ?? {}).filter(([code]) => code)),
    };
  }

  /** Upserts and deletions as for our own indexes; a removed peer's documents go by filter. */
  async applyPeerProducts(change: PeerIndexChange): Promise<Settle> {
    const settle = await this.apply(this.peerProductsUid, change);
    if (!change.removePeers.length) return settle;
    const index = this.client.index(this.peerProductsUid);
    const tasks: EnqueuedTask[] = [];
    await this.call(async () => {
      for (const peerId of change.removePeers) {
        if (!/^[0-9a-f-]{36}$/.test(peerId)) throw new Error('unsafe peer id rejected');
        tasks.push(await index.deleteDocuments({ filter: `peerId = "${peerId}"` }));
      }
    });
    return async () => {
      await settle();
      await this.call(async () => {
        for (const task of tasks) {
          const done = await this.client.tasks.waitForTask(task.taskUid, TASK_WAIT);
          if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
        }
      });
    };
  }

  applyProducts(change: IndexChange<ProductDocument>): Promise<Settle> {
    return this.apply(this.productsUid, change);
  }

  applyEnterprises(change: IndexChange<EnterpriseDocument>): Promise<Settle> {
    return this.apply(this.enterprisesUid, change);
  }

  /**
   * Enqueues the upserts, then the deletions, and returns without waiting: Meilisearch applies
   * an index's tasks in the order they were enqueued, which is the order the indexer's locks
   * give (document-locks.ts). Waiting for the tasks happens after the locks are released.
   */
  private async apply(uid: string, change: IndexChange<object>): Promise<Settle> {
    const index = this.client.index(uid);
    const tasks: EnqueuedTask[] = [];
    await this.call(async () => {
      if (change.upsert.length) tasks.push(await index.addDocuments(change.upsert, { primaryKey: 'id' }));
      if (change.remove.length) tasks.push(await index.deleteDocuments(change.remove));
    });
    return () =>
      this.call(async () => {
        for (const task of tasks) {
          const done = await this.client.tasks.waitForTask(task.taskUid, TASK_WAIT);
          if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
        }
      });
  }

  async count(kind: IndexKind): Promise<number> {
    try {
      return (await this.call(() => this.client.index(this.uidOf(kind)).getStats())).numberOfDocuments;
    } catch (err) {
      if (err instanceof MeiliSearchApiError && err.cause?.code === 'index_not_found') return 0;
      throw err;
    }
  }

  async hashesOf(kind: IndexKind, ids: string[]): Promise<Map<string, string>> {
    const index = this.client.index(this.uidOf(kind));
    const out = new Map<string, string>();
    // GET with the ids in the query string: 100 uuids keep the URL short.
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      try {
        const page = await this.call(() => index.getDocuments<Record<string, unknown> & { id: string }>({ ids: chunk, limit: chunk.length }));
        for (const d of page.results) out.set(d.id, hashOf(d));
      } catch (err) {
        if (err instanceof MeiliSearchApiError && err.cause?.code === 'index_not_found') return out;
        throw err;
      }
    }
    return out;
  }

  async indexedIds(kind: IndexKind): Promise<Set<string>> {
    const index = this.client.index(this.uidOf(kind));
    const out = new Set<string>();
    const limit = 10_000;
    try {
      for (let offset = 0; ; offset += limit) {
        const page = await this.call(() => index.getDocuments<{ id: string }>({ fields: ['id'], limit, offset }));
        for (const d of page.results) out.add(d.id);
        if (page.results.length < limit) return out;
      }
    } catch (err) {
      if (err instanceof MeiliSearchApiError && err.cause?.code === 'index_not_found') return out;
      throw err;
    }
  }

  private uidOf(kind: IndexKind): string {
    return kind === 'products' ? this.productsUid : this.enterprisesUid;
  }

  /**
   * Hashes recomputed from the documents' content as Meilisearch holds it (not the stored
   * `hash` field), so a document altered inside Meilisearch shows up as stale.
   */
  async indexedHashes(kind: IndexKind): Promise<Map<string, string>> {
    const index = this.client.index(this.uidOf(kind));
    const out = new Map<string, string>();
    const limit = 2000;
    try {
      for (let offset = 0; ; offset += limit) {
        const page = await this.call(() => index.getDocuments<Record<string, unknown> & { id: string }>({ limit, offset }));
        for (const d of page.results) out.set(d.id, hashOf(d));
        if (page.results.length < limit) return out;
      }
    } catch (err) {
      if (err instanceof MeiliSearchApiError && err.cause?.code === 'index_not_found') return out;
      throw err;
    }
  }

  /**
   * Builds `<index>_next` with the current settings, fills it, then swaps it with the live index
   * (one atomic task): searches keep answering from the old content until the swap.
   */
  async rebuild(source: RebuildSource, progress: RebuildProgress): Promise<{ products: number; enterprises: number }> {
    return this.call(async () => {
      const products = await this.rebuildOne(this.productsUid, PRODUCT_SETTINGS, PRODUCT_SETTINGS_VERSION, source.products(), (n) => progress('products', n));
      const enterprises = await this.rebuildOne(this.enterprisesUid, ENTERPRISE_SETTINGS, ENTERPRISE_SETTINGS_VERSION, source.enterprises(), (n) =>
        progress('enterprises', n),
      );
      return { products, enterprises };
    });
  }

  private async rebuildOne(uid: string, settings: Settings, version: string, docs: AsyncIterable<object[]>, progress: (n: number) => void): Promise<number> {
    const next = `${uid}_next`;
    await this.client.deleteIndexIfExists(next);
    await this.client.createIndex(next, { primaryKey: 'id' }).waitTask(TASK_WAIT);
    await this.checked(this.client.index(next).updateSettings(settings));
    let written = 0;
    let buffer: object[] = [];
    const flush = async () => {
      if (!buffer.length) return;
      await this.checked(this.client.index(next).addDocuments(buffer, { primaryKey: 'id' }));
      written += buffer.length;
      buffer = [];
      progress(written);
    };
    for await (const batch of docs) {
      buffer.push(...batch);
      if (buffer.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    await this.ensureIndex(uid, settings, version);
    await this.checked(this.client.swapIndexes([{ indexes: [uid, next], rename: false }]));
    // Wait for the old copy to be gone, so a finished rebuild leaves exactly the live indexes.
    await this.dropIndex(next);
    return written;
  }

  private async ensureIndex(uid: string, settings: Settings, version: string): Promise<void> {
    const key = `meili:${uid}:settings`;
    let exists = true;
    try {
      await this.client.index(uid).getRawInfo();
    } catch (err) {
      if (!(err instanceof MeiliSearchApiError) || err.cause?.code !== 'index_not_found') throw err;
      exists = false;
    }
    if (exists && (await this.state.get(key)) === version) return;
    if (!exists) await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask(TASK_WAIT);
    await this.checked(this.client.index(uid).updateSettings(settings));
    await this.state.set(key, version);
  }

  /**
   * Runs a multi-search. A missing index, or an index without documents yet (Meilisearch then
   * knows none of the fields named in attributesToSearchOn), reads as no results.
   */
  private async multiSearch(queries: MultiSearchQuery[]): Promise<MultiSearchResponse | null> {
    try {
      return await this.searchClient.multiSearch(queries, this.searchTimeoutMs);
    } catch (err) {
      const code = err instanceof MeiliAnswerError ? err.code : undefined;
      if (code === 'index_not_found' || code === 'invalid_search_attributes_to_search_on') return null;
      throw err;
    }
  }

  /** Deletes an index and waits until Meilisearch has done so; a missing index is not an error. */
  private async dropIndex(uid: string): Promise<void> {
    try {
      const done = await this.client.deleteIndex(uid).waitTask(TASK_WAIT);
      if (done.status === 'failed' && done.error?.code !== 'index_not_found') {
        throw new Error(`Meilisearch task ${done.uid} failed: ${done.error?.message ?? ''}`);
      }
    } catch (err) {
      if ((err as { cause?: { code?: string } })?.cause?.code !== 'index_not_found') throw err;
    }
  }

  /** Waits for a task and turns a failed task (which resolves, search.md) into an error. */
  private async checked(task: ReturnType<Index['addDocuments']>): Promise<void> {
    const done = await task.waitTask(TASK_WAIT);
    if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }

  /** Network failures (server down, timeout) become SearchUnavailableError; API errors pass. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const name = (err as Error)?.name ?? '';
      if (name === 'MeiliSearchRequestError' || name === 'MeiliSearchRequestTimeOutError') throw new SearchUnavailableError(err);
      throw err;
    }
  }
}

/** One object per hit, in the answer's shape (a spread of a picked copy made two). */
function productHit(h: RawHit): ProductHitData {
  return {
    id: h.id,
    slug: h.slug,
    name: h.name,
    priceVnd: h.priceVnd,
    unit: h.unit,
    ocopStars: h.ocopStars > 0 ? h.ocopStars : null,
    enterpriseId: h.enterpriseId,
    enterpriseName: h.enterpriseName,
    communeCode: h.communeCode,
    thumbnailUrl: h.thumbnailUrl ?? null,
    rating: hitRating(h.ratingAverage, h.ratingCount),
  };
}
