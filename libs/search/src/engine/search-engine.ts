import type { EnterpriseDocument } from '../documents/enterprise-document';
import type { ProductDocument } from '../documents/product-document';
import type { EnterpriseSearchParams, EnterpriseSearchResult, ProductSearchParams, ProductSearchResult } from './search-types';

export type IndexKind = 'products' | 'enterprises';

/** Progress callback of a rebuild: documents written so far per index. */
export type RebuildProgress = (kind: IndexKind, written: number) => void;

export interface RebuildSource {
  products(): AsyncIterable<ProductDocument[]>;
  enterprises(): AsyncIterable<EnterpriseDocument[]>;
}

/**
 * The port both engines implement. Writes are idempotent upserts and deletes keyed by id (jobs
 * are delivered at least once); an unreachable backend makes writes throw so the job retries.
 */
export interface SearchEngine {
  readonly kind: 'meilisearch' | 'postgres';
  /** Creates indexes and applies the settings versioned in code (no-op when already current). */
  prepare(): Promise<void>;
  searchProducts(params: ProductSearchParams): Promise<ProductSearchResult>;
  searchEnterprises(params: EnterpriseSearchParams): Promise<EnterpriseSearchResult>;
  upsertProducts(docs: ProductDocument[]): Promise<void>;
  deleteProducts(ids: string[]): Promise<void>;
  upsertEnterprises(docs: EnterpriseDocument[]): Promise<void>;
  deleteEnterprises(ids: string[]): Promise<void>;
  /** id → hash of every indexed document (for the drift check). */
  indexedHashes(kind: IndexKind): Promise<Map<string, string>>;
  /** Builds fresh indexes from `source` and swaps them in atomically. */
  rebuild(source: RebuildSource, progress: RebuildProgress): Promise<{ products: number; enterprises: number }>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

/** The backend could not be reached: searches answer 503, index jobs retry soon. */
export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`search backend unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SearchUnavailableError';
  }
}
