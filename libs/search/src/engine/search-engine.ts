import type { EntityManager } from 'typeorm';
import type { EnterpriseDocument } from '../documents/enterprise-document';
import type { PeerProductDocument } from '../documents/peer-product-document';
import type { ProductDocument } from '../documents/product-document';
import type {
  EnterpriseSearchParams,
  EnterpriseSearchResult,
  PeerSearchParams,
  PeerSearchResult,
  ProductSearchParams,
  ProductSearchResult,
} from './search-types';

export type IndexKind = 'products' | 'enterprises';

/** Progress callback of a rebuild: documents written so far per index. */
export type RebuildProgress = (kind: IndexKind, written: number) => void;

export interface RebuildSource {
  products(): AsyncIterable<ProductDocument[]>;
  enterprises(): AsyncIterable<EnterpriseDocument[]>;
}

/** One batch of index writes: documents to upsert (visible) and ids to remove (no longer visible). */
export interface IndexChange<D> {
  upsert: D[];
  remove: string[];
}

/** Peer index writes: also whole peers removed (an admin removed the peer floor). */
export interface PeerIndexChange extends IndexChange<PeerProductDocument> {
  removePeers: string[];
}

/** Waits until a change handed to the engine is applied (throws if the engine failed it). */
export type Settle = () => Promise<void>;

/**
 * The port both engines implement. Writes are idempotent upserts and deletes keyed by id (jobs
 * are delivered at least once); an unreachable backend makes writes throw so the job retries.
 *
 * `applyProducts` / `applyEnterprises` are called while the indexer holds the documents' locks
 * in `tx` (indexing/document-locks.ts). Before returning, the engine must have put the change in
 * its final order behind every change applied before (PostgreSQL: written in `tx`; Meilisearch:
 * tasks enqueued). The returned Settle is awaited after the locks are released.
 */
export interface SearchEngine {
  readonly kind: 'meilisearch' | 'postgres';
  /** Creates indexes and applies the settings versioned in code (no-op when already current). */
  prepare(): Promise<void>;
  searchProducts(params: ProductSearchParams): Promise<ProductSearchResult>;
  searchEnterprises(params: EnterpriseSearchParams): Promise<EnterpriseSearchResult>;
  applyProducts(change: IndexChange<ProductDocument>, tx: EntityManager): Promise<Settle>;
  applyEnterprises(change: IndexChange<EnterpriseDocument>, tx: EntityManager): Promise<Settle>;
  /**
   * Peer floors' products live in an index of their own (Meilisearch `<prefix>peer_products`,
   * PostgreSQL `search_peer_products`): our own index, its drift checks and rebuilds never see them.
   */
  searchPeerProducts(params: PeerSearchParams): Promise<PeerSearchResult>;
  applyPeerProducts(change: PeerIndexChange, tx: EntityManager): Promise<Settle>;
  /** id → hash of every indexed document (for the full drift comparison). */
  indexedHashes(kind: IndexKind): Promise<Map<string, string>>;
  /** id → hash of these documents, where indexed (for the frequent sampled check). */
  hashesOf(kind: IndexKind, ids: string[]): Promise<Map<string, string>>;
  /** Ids of every indexed document (cheaper than hashes, for a count mismatch). */
  indexedIds(kind: IndexKind): Promise<Set<string>>;
  /** Number of indexed documents. */
  count(kind: IndexKind): Promise<number>;
  /** Builds fresh indexes from `source` and swaps them in atomically. */
  rebuild(source: RebuildSource, progress: RebuildProgress): Promise<{ products: number; enterprises: number }>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');
/** The PostgreSQL engine kept beside Meilisearch with SEARCH_FAILOVER=postgres (`engine` null otherwise). */
export const SEARCH_FAILOVER_ENGINE = Symbol('SEARCH_FAILOVER_ENGINE');
export interface FailoverEngine {
  engine: SearchEngine | null;
}

/** The backend could not be reached: searches answer 503, index jobs retry soon. */
export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`search backend unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SearchUnavailableError';
  }
}
