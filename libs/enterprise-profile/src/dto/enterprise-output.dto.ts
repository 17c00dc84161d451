import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENTERPRISE_KINDS, ENTERPRISE_STATUSES, LEGAL_FORMS, type EnterpriseKind, type EnterpriseStatus, type LegalForm } from '../entities/enterprise.entity';
import type { MemberRole } from '../entities/enterprise-member.entity';
import { PublicProductSummaryDto } from '../products/public-product-summary';

export class AddressDto {
  @ApiProperty({ type: String, nullable: true }) street!: string | null;
  @ApiProperty({ example: '86' }) provinceCode!: string;
  @ApiProperty({ example: 'Tỉnh Vĩnh Long' }) provinceName!: string;
  @ApiProperty({ example: '29362' }) communeCode!: string;
  @ApiProperty({ example: 'Xã Hùng Hòa' }) communeName!: string;
  @ApiProperty({ type: String, nullable: true }) legacyAddress!: string | null;
}

/** A line of the public directory. */
export class PublicEnterpriseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'htx-buoi-da-xanh-hung-hoa' }) slug!: string;
  @ApiProperty({ enum: ENTERPRISE_KINDS }) kind!: EnterpriseKind;
  @ApiProperty({ enum: LEGAL_FORMS, nullable: true }) legalForm!: LegalForm | null;
  @ApiProperty() displayName!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ type: String, nullable: true }) logoUrl!: string | null;
  @ApiProperty({ type: AddressDto }) address!: AddressDto;
  @ApiProperty({ type: Number, nullable: true }) foundingYear!: number | null;
}

/** What anyone sees of a verified enterprise (never the owner's personal ID). */
export class PublicEnterpriseDto extends PublicEnterpriseSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '0100233488' }) taxCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) representative!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ description: 'HTML đã làm sạch (sanitised HTML)' }) description!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
}

export class PublicEnterpriseProfileDto extends PublicEnterpriseDto {
  @ApiProperty({ type: [PublicProductSummaryDto] }) products!: PublicProductSummaryDto[];
}

/** The full record, for its members and the floor's admins. */
export class EnterpriseDto extends PublicEnterpriseDto {
  @ApiProperty({ type: String, nullable: true }) personalId!: string | null;
  @ApiProperty({ enum: ENTERPRISE_STATUSES }) status!: EnterpriseStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Lý do từ chối (why verification was refused)' }) rejectionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) suspensionReason!: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ enum: ['owner', 'staff'], description: 'Vai trò của người gọi (the caller’s membership)' }) myRole?: MemberRole;
}

export class PublicEnterpriseListDto {
  @ApiProperty({ type: [PublicEnterpriseSummaryDto] }) items!: PublicEnterpriseSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class EnterpriseListDto {
  @ApiProperty({ type: [EnterpriseDto] }) items!: EnterpriseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
