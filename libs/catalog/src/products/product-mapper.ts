import type { OcopBadgeDto, ProductDto, ProductImageDto } from '../dto/product-output.dto';
import type { ProductEntity } from '../entities/product.entity';
import type { ProductImageEntity } from '../entities/product-image.entity';
import { mediaUrl } from '../read-model/media-url';
import type { ProductView } from '../read-model/product-view';

export function toImageDto(i: ProductImageEntity): ProductImageDto {
  return { id: i.id, url: mediaUrl(i.storageKey), thumbnailUrl: mediaUrl(i.thumbnailKey), width: i.width, height: i.height, position: i.position };
}

export function ocopBadge(view: Pick<ProductView, 'ocopStars' | 'ocopPotentialFiveStar' | 'ocopValidUntil'> | undefined): OcopBadgeDto | null {
  if (!view?.ocopStars || !view.ocopValidUntil) return null;
  return { stars: view.ocopStars, potentialFiveStar: view.ocopPotentialFiveStar, validUntil: view.ocopValidUntil };
}

export function toProductDto(p: ProductEntity, images: ProductImageEntity[], ocop: OcopBadgeDto | null): ProductDto {
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    categoryId: p.categoryId,
    name: p.name,
    slug: p.slug,
    description: p.description,
    sku: p.sku,
    gtin: p.gtin,
    priceVnd: p.priceVnd,
    priceMaxVnd: p.priceMaxVnd,
    unit: p.unit,
    minOrderQuantity: p.minOrderQuantity,
    stockQuantity: p.stockQuantity,
    weightGrams: p.weightGrams,
    originCommuneCode: p.originCommuneCode,
    certifications: p.certifications,
    status: p.status,
    revision: p.revision,
    rejectionReason: p.rejectionReason,
    images: [...images].sort((a, b) => a.position - b.position).map(toImageDto),
    ocop,
    submittedAt: p.submittedAt,
    publishedAt: p.publishedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
