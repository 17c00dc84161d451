import type { ParsedQuery } from '../text/query';

/** `rating`: average product stars of published reviews, then their count, then the default order (libs/reviews). */
export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'ocop', 'rating'] as const;
export type SortOrder = (typeof SORTS)[number];

/** Deepest result reachable by paging (page × pageSize), the same for both engines. */
export const MAX_RESULT_WINDOW = 1000;

/** Validated filter values only: ids, codes, enums and integers (never free text). */
export interface ProductFilters {
  categoryId?: string;
  communeCode?: string;
  provinceCode?: string;
  ocopMin?: number;
  certification?: string;
  priceMin?: number;
  priceMax?: number;
  enterpriseId?: string;
  enterpriseKind?: string;
  inStock?: boolean;
}

export interface ProductSearchParams {
  query: ParsedQuery | null;
  filters: ProductFilters;
  sort: SortOrder;
  page: number;
  pageSize: number;
  facets: boolean;
}

/** An index hit before highlighting (the engine-neutral part of a hit). */
export interface ProductHitData {
  id: string;
  slug: string;
  name: string;
  priceVnd: number;
  unit: string;
  ocopStars: number | null;
  enterpriseId: string;
  enterpriseName: string;
  communeCode: string;
  thumbnailUrl: string | null;
  /** Published buyer rating (average product stars, count); null without a published review. */
  rating: { average: number; count: number } | null;
}

/** A hit's rating from the indexed fields (absent in a document indexed before search-4). */
export function hitRating(average: number | string | undefined, count: number | undefined): ProductHitData['rating'] {
  return count ? { average: Number(average), count } : null;
}

export const FACET_NAMES = ['category', 'commune', 'ocopStars', 'certification', 'enterpriseKind'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export type Facets = Record<FacetName, Record<string, number>>;

export interface ProductSearchResult {
  hits: ProductHitData[];
  total: number;
  facets: Facets;
  /**
   * True when the engine stopped counting early (PostgreSQL, more than 1000 matches): `total` is
   * an estimate and the facet counts cover only the first matches counted. Absent means false.
   */
  approximate?: boolean;
  /** Tokens the engine actually matched (after typo correction), for highlighting. */
  matchedTokens?: string[];
}

export interface EnterpriseSearchParams {
  query: ParsedQuery | null;
  kind?: string;
  communeCode?: string;
  provinceCode?: string;
  page: number;
  pageSize: number;
}

export interface EnterpriseHitData {
  id: string;
  slug: string;
  name: string;
  kind: string;
  communeCode: string;
}

export interface EnterpriseSearchResult {
  hits: EnterpriseHitData[];
  total: number;
  matchedTokens?: string[];
}

export function emptyFacets(): Facets {
  return { category: {}, commune: {}, ocopStars: {}, certification: {}, enterpriseKind: {} };
}

/** Whose products a search covers: ours (default) or the peer floors' ("Tỉnh này / Các tỉnh khác"). */
export const SCOPES = ['this-province', 'other-provinces'] as const;
export type SearchScope = (typeof SCOPES)[number];

/** Peer floors send no ratings: `sort=rating` over their products is the relevance order. */
export const PEER_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'ocop'] as const;
export type PeerSortOrder = (typeof PEER_SORTS)[number];

/** A search over the peer products' index (issue 16): filters are validated codes and integers only. */
export interface PeerSearchParams {
  query: ParsedQuery | null;
  provinceCode?: string;
  ocopMin?: number;
  sort: PeerSortOrder;
  page: number;
  pageSize: number;
}

/** A peer product hit: read-only, labelled with its source floor, linking to the peer's own page. */
export interface PeerHitData {
  id: string;
  peerId: string;
  peerName: string;
  remoteId: string;
  name: string;
  sellerName: string | null;
  provinceCode: string | null;
  priceVnd: number | null;
  ocopStars: number | null;
  ocopCertificate: string | null;
  ocopValidUntil: string | null;
  imageUrl: string | null;
  pageUrl: string;
}

export interface PeerSearchResult {
  hits: PeerHitData[];
  total: number;
  /** province code → count of matching peer products (the province facet). */
  provinces: Record<string, number>;
}
