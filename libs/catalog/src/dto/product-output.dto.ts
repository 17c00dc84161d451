import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENTERPRISE_KINDS } from '@tradefloor/enterprise-profile';
import { CERTIFICATION_TYPES, PRODUCT_STATUSES, type ProductStatus } from '../entities/product.entity';

export class CertificationOutDto {
  @ApiProperty({ enum: CERTIFICATION_TYPES }) type!: string;
  @ApiPropertyOptional() name?: string;
}

export class ProductImageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '/media/products/…/….webp' }) url!: string;
  @ApiProperty({ example: '/media/products/…/…-thumb.webp' }) thumbnailUrl!: string;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty() position!: number;
}

export class OcopBadgeDto {
  @ApiProperty({ enum: [3, 4, 5] }) stars!: number;
  @ApiProperty() potentialFiveStar!: boolean;
  @ApiProperty({ example: '2028-02-24' }) validUntil!: string;
}

export const SCREENING_SEVERITIES = ['prohibited', 'restricted'] as const;
export type ScreeningSeverity = (typeof SCREENING_SEVERITIES)[number];

export class ScreeningMatchDto {
  @ApiProperty({ description: 'The listed term that matched' }) term!: string;
  @ApiProperty({ enum: SCREENING_SEVERITIES }) severity!: ScreeningSeverity;
  @ApiProperty({ example: 'description', description: 'Field of the product (`name`, `description` as plain text, `sku`, `unit`, `certifications.<i>.name`)' })
  field!: string;
  @ApiProperty({ description: "Offset (UTF-16 code units) of the match in the field's plain text" }) start!: number;
  @ApiProperty({ description: 'End offset (exclusive)' }) end!: number;
  @ApiProperty({ description: 'The text that matched, as written in the product' }) text!: string;
}

export class ScreeningOverrideDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) by!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
}

/** The latest keyword screening of a product sent to moderation (trust and safety). */
export class ProductScreeningDto {
  @ApiProperty({ description: 'Revision of the product that was screened' }) revision!: number;
  @ApiProperty({ type: String, format: 'date-time' }) screenedAt!: Date;
  @ApiProperty({ description: 'A prohibited term matched: approval needs an explicit override with a reason' }) prohibited!: boolean;
  @ApiProperty({ type: [ScreeningMatchDto] }) matches!: ScreeningMatchDto[];
  @ApiProperty({
    description: 'Plain text of each field with a match, keyed by field (for highlighting with the offsets)',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  texts!: Record<string, string>;
  @ApiProperty({ type: ScreeningOverrideDto, nullable: true }) override!: ScreeningOverrideDto | null;
}

/** A product as its enterprise (and moderators) see it, whatever its status. */
export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() description!: string;
  @ApiProperty() sku!: string;
  @ApiProperty({ type: String, nullable: true }) gtin!: string | null;
  @ApiProperty() priceVnd!: number;
  @ApiProperty({ type: Number, nullable: true }) priceMaxVnd!: number | null;
  @ApiProperty() unit!: string;
  @ApiProperty() minOrderQuantity!: number;
  @ApiProperty() stockQuantity!: number;
  @ApiProperty({ type: Number, nullable: true }) weightGrams!: number | null;
  @ApiProperty({ type: String, nullable: true }) originCommuneCode!: string | null;
  @ApiProperty({ type: [CertificationOutDto] }) certifications!: CertificationOutDto[];
  @ApiProperty({ enum: PRODUCT_STATUSES }) status!: ProductStatus;
  @ApiProperty({ description: 'Grows with every change of reviewed content; send it when approving to approve exactly what you saw' })
  revision!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why moderation rejected it (status rejected)' }) rejectionReason!: string | null;
  @ApiProperty({ type: [ProductImageDto] }) images!: ProductImageDto[];
  @ApiProperty({ type: OcopBadgeDto, nullable: true }) ocop!: OcopBadgeDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
  @ApiPropertyOptional({ type: ProductScreeningDto, nullable: true, description: 'In the moderation queue only: the keyword screening (null: not screened)' })
  screening?: ProductScreeningDto | null;
}

export class ProductListDto {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CategoryPathItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class EnterpriseCardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ENTERPRISE_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ example: '29242' }) communeCode!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Phường Trà Vinh' }) communeName!: string | null;
}

export class PublicImageDto {
  @ApiProperty() url!: string;
  @ApiProperty() thumbnailUrl!: string;
}

/** A published product of a verified enterprise, as anyone sees it. */
export class PublicProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Sanitised HTML' }) description!: string;
  @ApiProperty() priceVnd!: number;
  @ApiProperty({ type: Number, nullable: true }) priceMaxVnd!: number | null;
  @ApiProperty() unit!: string;
  @ApiProperty() minOrderQuantity!: number;
  @ApiProperty() inStock!: boolean;
  @ApiProperty({ type: String, nullable: true }) gtin!: string | null;
  @ApiProperty({ type: [PublicImageDto] }) images!: PublicImageDto[];
  @ApiProperty({ type: [CategoryPathItemDto], description: 'Root → leaf' }) categoryPath!: CategoryPathItemDto[];
  @ApiProperty({ type: EnterpriseCardDto }) enterprise!: EnterpriseCardDto;
  @ApiProperty({ example: '29308', description: 'Origin commune (else the enterprise commune)' }) originCommuneCode!: string;
  @ApiProperty({ type: String, nullable: true }) originCommuneName!: string | null;
  @ApiProperty({ type: OcopBadgeDto, nullable: true, description: 'Only from a valid, unexpired certificate' }) ocop!: OcopBadgeDto | null;
  @ApiProperty({ type: [CertificationOutDto] }) certifications!: CertificationOutDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: Date | null;
}

/** A line of an enterprise's public product list. */
export class PublishedProductSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceVnd!: number;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true, enum: [3, 4, 5] }) ocopStars!: number | null;
}
