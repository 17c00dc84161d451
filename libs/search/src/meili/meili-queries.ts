import type { MultiSearchQuery } from 'meilisearch';
import { MAX_RESULT_WINDOW, type EnterpriseSearchParams, type PeerSearchParams, type ProductFilters, type ProductSearchParams } from '../engine/search-types';
import type { ParsedQuery } from '../text/query';
import { PEER_HIT_FIELDS, PEER_SEARCH_FIELDS, PRODUCT_EXACT_FIELDS, PRODUCT_FOLDED_FIELDS, PRODUCT_HIT_FIELDS } from './meili-settings';

/**
 * Pure builders of the Meilisearch requests (the bench sends the very same bodies straight to
 * Meilisearch as its baseline).
 *
 * Filters: Meilisearch has no bound parameters, so each value goes through a guard that accepts
 * only ids/codes/enums ([A-Za-z0-9_-]) or safe integers and throws otherwise. The free-text query
 * never reaches a filter.
 */
function quoted(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new Error(`unsafe filter value rejected`);
  return `"${value}"`;
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`unsafe filter number rejected`);
  return String(value);
}

export function productFilter(f: ProductFilters): string[] {
  const out: string[] = [];
  if (f.categoryId) out.push(`categoryIds = ${quoted(f.categoryId)}`);
  if (f.communeCode) out.push(`communeCode = ${quoted(f.communeCode)}`);
  if (f.provinceCode) out.push(`provinceCode = ${quoted(f.provinceCode)}`);
  if (f.ocopMin !== undefined) out.push(`ocopStars >= ${integer(f.ocopMin)}`);
  if (f.certification) out.push(`certifications = ${quoted(f.certification)}`);
  if (f.priceMin !== undefined) out.push(`priceVnd >= ${integer(f.priceMin)}`);
  if (f.priceMax !== undefined) out.push(`priceVnd <= ${integer(f.priceMax)}`);
  if (f.enterpriseId) out.push(`enterpriseId = ${quoted(f.enterpriseId)}`);
  if (f.enterpriseKind) out.push(`enterpriseKind = ${quoted(f.enterpriseKind)}`);
  if (f.inStock !== undefined) out.push(`inStock = ${f.inStock ? 'true' : 'false'}`);
  return out;
}

const SORT: Record<ProductSearchParams['sort'], string[] | undefined> = {
  relevance: undefined,
  price_asc: ['priceVnd:asc'],
  price_desc: ['priceVnd:desc'],
  newest: ['publishedAt:desc'],
  ocop: ['ocopStars:desc'],
  rating: ['ratingAverage:desc', 'ratingCount:desc'],
};

/** Without a query "relevance" means best rated, then newest (same in PostgreSQL). */
const BROWSE_SORT = ['ocopStars:desc', 'publishedAt:desc'];

/** One faceted field holding all five facets: Meilisearch's cost per query is per faceted field. */
export const PRODUCT_FACETS = ['facetValues'];

/** Folded query text; a trailing space tells Meilisearch the last word is complete (no prefix). */
export function foldedQ(q: ParsedQuery): string {
  return q.folded.join(' ') + (q.prefixLast ? '' : ' ');
}

/** Exact-encoded query text: never a prefix (dưa's "duwa" must not prefix-match dừa's "duwaf"). */
export function exactQ(q: ParsedQuery): string {
  return `${q.exact.join(' ')} `;
}

export interface ProductRequest {
  queries: MultiSearchQuery[];
  /** Two queries: exact-diacritic matches first, then the folded ones (see mergeExactFirst). */
  merged: boolean;
}

export function productRequest(indexUid: string, p: ProductSearchParams): ProductRequest {
  const filter = productFilter(p.filters);
  const explicitSort = SORT[p.sort];
  // A rating tie falls back to the default order: relevance with a query, else the browse order.
  const sort = p.sort === 'rating' && !p.query ? [...explicitSort!, ...BROWSE_SORT] : (explicitSort ?? (p.query ? undefined : BROWSE_SORT));
  const merged = !!p.query?.hasMarks && !explicitSort;
  const window = p.page * p.pageSize;
  if (window > MAX_RESULT_WINDOW) throw new Error('result window exceeded');
  const folded: MultiSearchQuery = {
    indexUid,
    q: p.query ? foldedQ(p.query) : '',
    attributesToSearchOn: PRODUCT_FOLDED_FIELDS,
    matchingStrategy: 'all',
    filter,
    sort,
    attributesToRetrieve: PRODUCT_HIT_FIELDS,
    facets: p.facets ? PRODUCT_FACETS : undefined,
    ...(merged ? { page: 1, hitsPerPage: window } : { page: p.page, hitsPerPage: p.pageSize }),
  };
  if (!merged) return { queries: [folded], merged };
  const exact: MultiSearchQuery = {
    indexUid,
    q: exactQ(p.query!),
    attributesToSearchOn: PRODUCT_EXACT_FIELDS,
    matchingStrategy: 'all',
    filter,
    attributesToRetrieve: PRODUCT_HIT_FIELDS,
    page: 1,
    hitsPerPage: window,
  };
  return { queries: [exact, folded], merged };
}

export function enterpriseRequest(indexUid: string, p: EnterpriseSearchParams): ProductRequest {
  const filter: string[] = [];
  if (p.kind) filter.push(`kind = ${quoted(p.kind)}`);
  if (p.communeCode) filter.push(`communeCode = ${quoted(p.communeCode)}`);
  if (p.provinceCode) filter.push(`provinceCode = ${quoted(p.provinceCode)}`);
  const merged = !!p.query?.hasMarks;
  const window = p.page * p.pageSize;
  const fields = ['id', 'slug', 'name', 'kind', 'communeCode'];
  const folded: MultiSearchQuery = {
    indexUid,
    q: p.query ? foldedQ(p.query) : '',
    attributesToSearchOn: ['name', 'descriptionText'],
    matchingStrategy: 'all',
    filter,
    attributesToRetrieve: fields,
    ...(merged ? { page: 1, hitsPerPage: window } : { page: p.page, hitsPerPage: p.pageSize }),
  };
  if (!merged) return { queries: [folded], merged };
  return {
    queries: [
      {
        indexUid,
        q: exactQ(p.query!),
        attributesToSearchOn: ['exactName'],
        matchingStrategy: 'all',
        filter,
        attributesToRetrieve: fields,
        page: 1,
        hitsPerPage: window,
      },
      folded,
    ],
    merged,
  };
}

/**
 * Exact-diacritic hits first, then the folded hits not already shown. Both queries fetched the
 * first page×pageSize hits, which always suffices: if the exact query has at least that many,
 * the page lies inside it; otherwise all exact hits are known and at most that many of the
 * folded hits are skipped as duplicates. Every exact hit is also a folded hit, so the folded
 * query's count is the total.
 */
export function mergeExactFirst<H extends { id: string }>(exact: H[], exactTotal: number, folded: H[], page: number, pageSize: number): H[] {
  const from = (page - 1) * pageSize;
  const to = page * pageSize;
  if (exactTotal >= to) return exact.slice(from, to);
  const seen = new Set(exact.map((h) => h.id));
  return [...exact, ...folded.filter((h) => !seen.has(h.id))].slice(from, to);
}

const PEER_SORT: Record<PeerSearchParams['sort'], string[]> = {
  relevance: [],
  price_asc: ['priceVnd:asc'],
  price_desc: ['priceVnd:desc'],
  newest: ['modifiedAt:desc'],
  ocop: ['ocopStars:desc'],
};

/**
 * The peer products' search: folded words, a province and stars filter, and the province facet.
 * With a province chosen, a second query (no hits) counts the provinces without that filter, so
 * the facet still offers the others.
 */
export function peerRequest(indexUid: string, p: PeerSearchParams): MultiSearchQuery[] {
  const filter: string[] = [];
  if (p.ocopMin !== undefined) filter.push(`ocopStars >= ${integer(p.ocopMin)}`);
  if (p.page * p.pageSize > MAX_RESULT_WINDOW) throw new Error('result window exceeded');
  const sort = PEER_SORT[p.sort].length ? PEER_SORT[p.sort] : p.query ? undefined : ['ocopStars:desc', 'modifiedAt:desc'];
  const base: MultiSearchQuery = {
    indexUid,
    q: p.query ? foldedQ(p.query) : '',
    attributesToSearchOn: PEER_SEARCH_FIELDS,
    matchingStrategy: 'all',
    filter,
    facets: ['provinceCode'],
  };
  const hits: MultiSearchQuery = {
    ...base,
    filter: p.provinceCode ? [...filter, `provinceCode = ${quoted(p.provinceCode)}`] : filter,
    sort,
    attributesToRetrieve: PEER_HIT_FIELDS,
    page: p.page,
    hitsPerPage: p.pageSize,
  };
  return p.provinceCode ? [hits, { ...base, page: 1, hitsPerPage: 0 }] : [hits];
}
