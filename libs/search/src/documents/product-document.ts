import { createHash } from 'node:crypto';
import type { ProductView } from '@tradefloor/catalog';
import { synonymExpansions } from '../text/synonyms';
import { exactText, foldedText, numberParts } from '../text/vietnamese';

/** Description text beyond this adds index size, not findability. */
const DESCRIPTION_CHARS = 600;

/**
 * One product as both engines index it. Built from the catalog's ProductView; every derived
 * text field is computed here once, so Meilisearch and PostgreSQL index identical tokens.
 */
export interface ProductDocument {
  id: string;
  slug: string;
  name: string;
  priceVnd: number;
  unit: string;
  /** 0 when the product has no valid OCOP certificate (sortable/filterable as a number). */
  ocopStars: number;
  enterpriseId: string;
  enterpriseName: string;
  enterpriseKind: string;
  communeCode: string;
  provinceCode: string | null;
  thumbnailUrl: string | null;
  categoryIds: string[];
  categoryNames: string[];
  certifications: string[];
  inStock: boolean;
  /** Epoch ms of publication (newest first sort). */
  publishedAt: number;
  /** Average product stars of the published reviews (2 decimals), 0 without one (libs/reviews). */
  ratingAverage: number;
  /** Published reviews counted in `ratingAverage`. */
  ratingCount: number;
  descriptionText: string;
  /** Synonyms and number parts ("st 25", "500 g"): matched like category names, below the name. */
  keywords: string;
  /**
   * The five facets in one field ("4category:<id>", "5commune:84001", …, see FACET_PREFIXES):
   * Meilisearch counts a query's facets document by document below 3,000 matches, one pass per
   * faceted field, so one field costs a fifth of five (bench/README.md). Not used by PostgreSQL.
   */
  facetValues: string[];
  /** Diacritic-preserving tokens of the name, and of everything else searchable. */
  exactName: string;
  exactText: string;
  /** Fingerprint of every other field, compared by the drift check. */
  hash: string;
}

/**
 * Prefix of each facet in `facetValues`. Numbered so the small fixed facets sort first: Meilisearch
 * returns facet values in alphabetical order up to maxValuesPerFacet (meili-settings.ts).
 */
export const FACET_PREFIXES = {
  ocopStars: '1ocop:',
  certification: '2cert:',
  enterpriseKind: '3kind:',
  category: '4category:',
  commune: '5commune:',
} as const;

export function facetValuesOf(d: Pick<ProductDocument, 'ocopStars' | 'certifications' | 'enterpriseKind' | 'categoryIds' | 'communeCode'>): string[] {
  const p = FACET_PREFIXES;
  return [
    `${p.ocopStars}${d.ocopStars}`,
    ...d.certifications.map((c) => `${p.certification}${c}`),
    `${p.enterpriseKind}${d.enterpriseKind}`,
    // A product's category path never repeats an id, so each value counts the product once.
    ...d.categoryIds.map((c) => `${p.category}${c}`),
    `${p.commune}${d.communeCode}`,
  ];
}

/** Folded text per weight class, for the PostgreSQL engine (name A, keywords+categories B, …). */
export interface FoldedFields {
  name: string;
  keywords: string;
  enterprise: string;
  description: string;
  exactName: string;
  exactText: string;
}

export function foldedFields(d: ProductDocument): FoldedFields {
  return {
    name: foldedText(d.name),
    keywords: foldedText(`${d.keywords} ${d.categoryNames.join(' ')}`),
    enterprise: foldedText(d.enterpriseName),
    description: foldedText(d.descriptionText),
    exactName: d.exactName,
    exactText: d.exactText,
  };
}

/** Key order never matters (an index may return fields in another order than they were sent). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Content fingerprint of a document (its `hash` field excluded). */
export function hashOf(fields: object): string {
  const { hash: _hash, ...rest } = fields as Record<string, unknown>;
  return createHash('sha1')
    .update(JSON.stringify(canonical(rest)))
    .digest('hex')
    .slice(0, 20);
}

/** A product's published rating as libs/reviews keeps it (`Reviews.ratingsOf`). */
export interface ProductRating {
  average: number;
  count: number;
}

export function toProductDocument(v: ProductView, rating?: ProductRating): ProductDocument {
  const descriptionText = v.descriptionText.normalize('NFC').slice(0, DESCRIPTION_CHARS);
  const name = v.name.normalize('NFC');
  const keywords = [...synonymExpansions(`${name} ${v.categoryNames.join(' ')}`), ...numberParts(name)].join(' ');
  const doc: Omit<ProductDocument, 'hash'> = {
    id: v.id,
    slug: v.slug,
    name,
    priceVnd: v.priceVnd,
    unit: v.unit,
    ocopStars: v.ocopStars ?? 0,
    enterpriseId: v.enterpriseId,
    enterpriseName: v.enterpriseName,
    enterpriseKind: v.enterpriseKind,
    communeCode: v.communeCode,
    provinceCode: v.provinceCode,
    thumbnailUrl: v.thumbnailUrl,
    categoryIds: v.categoryIds,
    categoryNames: v.categoryNames,
    certifications: [...new Set(v.certifications.map((c) => c.type))].sort(),
    inStock: v.stockQuantity > 0,
    publishedAt: (v.publishedAt ?? v.createdAt).getTime(),
    ratingAverage: rating && rating.count > 0 ? rating.average : 0,
    ratingCount: rating?.count ?? 0,
    descriptionText,
    keywords,
    facetValues: [],
    exactName: exactText(name),
    exactText: exactText(`${keywords} ${v.categoryNames.join(' ')} ${v.enterpriseName} ${descriptionText}`),
  };
  doc.facetValues = facetValuesOf(doc);
  return { ...doc, hash: hashOf(doc) };
}
