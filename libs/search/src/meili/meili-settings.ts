import type { Settings } from 'meilisearch';
import { hashOf } from '../documents/product-document';

/** Fields searched for folded (diacritic-insensitive) matching, in ranking order. */
export const PRODUCT_FOLDED_FIELDS = ['name', 'keywords', 'categoryNames', 'enterpriseName', 'descriptionText'];
/** Fields holding the diacritic-preserving encoding (text/vietnamese.ts). */
export const PRODUCT_EXACT_FIELDS = ['exactName', 'exactText'];

/** Values returned per facet (communes, categories…), as before the facets shared one field. */
export const MAX_VALUES_PER_FACET = 500;

export const PRODUCT_HIT_FIELDS = [
  'id',
  'slug',
  'name',
  'priceVnd',
  'unit',
  'ocopStars',
  'enterpriseId',
  'enterpriseName',
  'communeCode',
  'thumbnailUrl',
  'ratingAverage',
  'ratingCount',
];

/**
 * Product index settings, versioned by their hash: applied at start only when the hash stored
 * for the index differs (a settings change re-indexes inside Meilisearch, search.md).
 */
export const PRODUCT_SETTINGS: Settings = {
  searchableAttributes: [...PRODUCT_FOLDED_FIELDS, ...PRODUCT_EXACT_FIELDS],
  // Filters use the plain fields; facet counts come from `facetValues` alone (product-document.ts).
  filterableAttributes: [
    'categoryIds',
    'communeCode',
    'provinceCode',
    'ocopStars',
    'certifications',
    'priceVnd',
    'enterpriseId',
    'enterpriseKind',
    'inStock',
    'facetValues',
  ],
  sortableAttributes: ['priceVnd', 'publishedAt', 'ocopStars', 'ratingAverage', 'ratingCount'],
  // "sort" first: an explicit sort (price, newest, stars) orders every matching product strictly,
  // as the PostgreSQL engine does; without a sort parameter the rule is inert.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  // Vietnamese syllables are words: no stop words, and no synonyms here (index-time keywords,
  // text/synonyms.ts, keep both engines identical).
  stopWords: [],
  synonyms: {},
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // A typo on the exact encoding would turn dừa (duwaf) into dứa (duwas).
    disableOnAttributes: PRODUCT_EXACT_FIELDS,
    disableOnNumbers: true,
  },
  pagination: { maxTotalHits: 1_000_000 },
  // Five facets share `facetValues`: room for 500 values each (the API keeps at most 500 per facet).
  faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET * 5 },
  proximityPrecision: 'byWord',
  // Nothing uses Meilisearch's facet-search route; skipping its structures shortens every
  // indexing batch (issue 12 §1: a change is searchable after about one batch).
  facetSearch: false,
} as Settings;

export const ENTERPRISE_SETTINGS: Settings = {
  searchableAttributes: ['name', 'descriptionText', 'exactName'],
  filterableAttributes: ['kind', 'communeCode', 'provinceCode'],
  sortableAttributes: [],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness'],
  stopWords: [],
  synonyms: {},
  typoTolerance: { enabled: true, disableOnAttributes: ['exactName'], disableOnNumbers: true },
  pagination: { maxTotalHits: 100_000 },
  facetSearch: false,
} as Settings;

export const PRODUCT_SETTINGS_VERSION = hashOf(PRODUCT_SETTINGS);
export const ENTERPRISE_SETTINGS_VERSION = hashOf(ENTERPRISE_SETTINGS);

/** Peer floors' products (issue 16): searched folded (Meilisearch folds diacritics itself). */
export const PEER_SEARCH_FIELDS = ['name', 'keywords', 'sellerName', 'descriptionText'];
export const PEER_HIT_FIELDS = [
  'id',
  'peerId',
  'peerName',
  'remoteId',
  'name',
  'sellerName',
  'provinceCode',
  'priceVnd',
  'ocopStars',
  'ocopCertificate',
  'ocopValidUntil',
  'imageUrl',
  'pageUrl',
];

export const PEER_SETTINGS: Settings = {
  searchableAttributes: PEER_SEARCH_FIELDS,
  filterableAttributes: ['peerId', 'provinceCode', 'ocopStars'],
  sortableAttributes: ['priceVnd', 'modifiedAt', 'ocopStars'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  stopWords: [],
  synonyms: {},
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 100 },
  proximityPrecision: 'byWord',
  facetSearch: false,
} as Settings;

export const PEER_SETTINGS_VERSION = hashOf(PEER_SETTINGS);
