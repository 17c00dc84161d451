import type { EnterpriseKind, EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { Certification, ProductStatus } from '../entities/product.entity';

/**
 * A product as other contexts see it (search index, partner listings, traceability pages):
 * denormalised with its enterprise, category path, valid OCOP rating and first image.
 */
export interface ProductView {
  id: string;
  slug: string;
  name: string;
  /** Sanitised HTML. */
  description: string;
  /** The description as plain text (for indexing and partner listings). */
  descriptionText: string;
  sku: string;
  gtin: string | null;
  priceVnd: number;
  priceMaxVnd: number | null;
  unit: string;
  minOrderQuantity: number;
  stockQuantity: number;
  weightGrams: number | null;
  status: ProductStatus;
  /** Published and its enterprise verified (not suspended): what the public may see. */
  visible: boolean;
  certifications: Certification[];
  enterpriseId: string;
  enterpriseSlug: string;
  enterpriseName: string;
  enterpriseKind: EnterpriseKind;
  enterpriseStatus: EnterpriseStatus;
  enterprisePhone: string | null;
  enterpriseCommuneCode: string;
  enterpriseCommuneName: string | null;
  /** Origin commune, else the enterprise's commune. */
  communeCode: string;
  communeName: string | null;
  provinceCode: string | null;
  categoryId: string;
  /** Root → leaf ids, so a filter on a parent category matches its sub-categories. */
  categoryIds: string[];
  categoryNames: string[];
  /** Stars of the best valid, unexpired certificate; null when none. */
  ocopStars: 3 | 4 | 5 | null;
  ocopPotentialFiveStar: boolean;
  ocopValidUntil: string | null;
  /** Decision (certificate) number and issuing body of that certificate; null when none. */
  ocopDecisionNumber: string | null;
  ocopIssuingBody: string | null;
  thumbnailUrl: string | null;
  imageUrls: string[];
  /** Thumbnails, in the same order as imageUrls. */
  thumbnailUrls: string[];
  createdAt: Date;
  publishedAt: Date | null;
  updatedAt: Date;
}

/**
 * What selling a product needs (cart lines, checkout, sub-order lines): the same fields as
 * `ProductView`, without description, category path, OCOP rating or image lists — one light read.
 */
export type SaleView = Pick<
  ProductView,
  | 'id'
  | 'slug'
  | 'name'
  | 'sku'
  | 'unit'
  | 'priceVnd'
  | 'minOrderQuantity'
  | 'stockQuantity'
  | 'weightGrams'
  | 'status'
  | 'visible'
  | 'enterpriseId'
  | 'enterpriseSlug'
  | 'enterpriseName'
  | 'enterpriseKind'
  | 'thumbnailUrl'
> & {
  /** The seller's own province (where a seller without published sales terms delivers). */
  enterpriseProvinceCode: string;
};
