import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';

import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Validate, ValidateIf } from 'class-validator';
import { DocumentNumberForKind } from './document-rules';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const DOCUMENT_KINDS = ['cccd', 'passport', 'foreign_passport', 'business_registration'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const IDENTITY_STATES = ['unverified', 'pending', 'verified', 'rejected', 'expired'] as const;
export type IdentityState = (typeof IDENTITY_STATES)[number];
export const IDENTITY_METHODS = ['staff_review', 'electronic'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** What a staff reviewer can record having checked. */
export const IDENTITY_CHECKS = ['document_original_seen', 'photo_matches_holder', 'name_matches_enterprise', 'number_matches', 'document_not_expired'] as const;

export class SubmitIdentityProofDto {
  @ApiProperty({
    enum: DOCUMENT_KINDS,
    description: 'cccd = căn cước công dân; passport = hộ chiếu Việt Nam; foreign_passport; business_registration = đăng ký kinh doanh',
  })
  @IsIn(DOCUMENT_KINDS as unknown as string[], { message: 'Loại giấy tờ không hợp lệ (documentKind)' })
  documentKind!: DocumentKind;

  @ApiProperty({ description: 'Số giấy tờ; only a keyed hash of it is kept' })
  @Transform(trimmed)
  @Validate(DocumentNumberForKind)
  @MaxLength(40, { message: 'Số giấy tờ quá dài (documentNumber)' })
  @IsNotEmpty({ message: 'Cần số giấy tờ (documentNumber)' })
  documentNumber!: string;

  @ApiPropertyOptional({ description: 'Ngày hết hạn YYYY-MM-DD (required except for business registration)' })
  @ValidateIf((o: SubmitIdentityProofDto) => o.documentKind !== 'business_registration' || o.expiresOn !== undefined)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày hết hạn phải có dạng YYYY-MM-DD (expiresOn)' })
  @IsNotEmpty({ message: 'Cần ngày hết hạn của giấy tờ (expiresOn)' })
  expiresOn?: string;

  @ApiProperty({ description: 'Họ tên người đứng tên giấy tờ; dropped when the proof is decided' })
  @Transform(trimmed)
  @MaxLength(200, { message: 'Họ tên quá dài (holderName)' })
  @IsNotEmpty({ message: 'Cần họ tên người đứng tên (holderName)' })
  holderName!: string;
}

export class DecideIdentityDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'Quyết định: approve hoặc reject (decision)' })
  decision!: 'approve' | 'reject';

  @ApiProperty({ enum: IDENTITY_CHECKS, isArray: true, description: 'What the reviewer checked' })
  @IsArray({ message: 'Danh sách kiểm tra không hợp lệ (checks)' })
  @ArrayMaxSize(IDENTITY_CHECKS.length)
  @IsIn(IDENTITY_CHECKS as unknown as string[], { each: true, message: 'Mục kiểm tra không hợp lệ (checks)' })
  checks!: string[];

  @ApiPropertyOptional({ description: 'Lý do (required to reject), shown to the seller' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class StartElectronicDto {
  @ApiPropertyOptional({ description: 'Where the service sends the seller back (a path on this site); default the identity page' })
  @IsOptional()
  @IsString()
  @Matches(/^\/[^/\\]/, { message: 'Địa chỉ quay lại phải là đường dẫn trên trang này (returnPath)' })
  @MaxLength(300)
  returnPath?: string;
}

export class IdentityQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REQUEST_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (status)' })
  status?: RequestStatus;

  @ApiPropertyOptional({ enum: IDENTITY_METHODS })
  @IsOptional()
  @IsIn(IDENTITY_METHODS as unknown as string[], { message: 'Cách xác thực không hợp lệ (method)' })
  method?: IdentityMethod;
}

export class IdentityRequestDto {
  @ApiProperty() id!: string;
  @ApiProperty() enterpriseId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) enterpriseName!: string | null;
  @ApiProperty({ enum: IDENTITY_METHODS }) method!: IdentityMethod;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiPropertyOptional({ enum: DOCUMENT_KINDS, nullable: true }) documentKind!: DocumentKind | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'YYYY-MM-DD' }) documentExpiresOn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only while pending' }) holderName!: string | null;
  @ApiProperty({ description: 'Other enterprises verified with the same document (keyed hash match)' }) sameDocumentElsewhere!: number;
  @ApiProperty({ type: [String] }) checks!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Electronic: where the seller continues' }) redirectUrl!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class IdentityRequestListDto {
  @ApiProperty({ type: [IdentityRequestDto] }) items!: IdentityRequestDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class IdentityStatusDto {
  @ApiProperty() enterpriseId!: string;
  @ApiProperty({ enum: IDENTITY_STATES }) state!: IdentityState;
  @ApiPropertyOptional({ enum: IDENTITY_METHODS, nullable: true }) method!: IdentityMethod | null;
  @ApiPropertyOptional({ enum: DOCUMENT_KINDS, nullable: true }) documentKind!: DocumentKind | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) verifiedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) expiresAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the last proof was refused' }) reason!: string | null;
  @ApiPropertyOptional({ type: IdentityRequestDto, nullable: true }) pending!: IdentityRequestDto | null;
  @ApiProperty({ description: 'Listings hidden because identity is not verified (policy after the deadline)' }) hidden!: boolean;
  @ApiProperty({ description: 'Identify by this date' }) deadline!: Date;
  @ApiProperty({ description: 'Whether an electronic identity service is configured' }) electronicAvailable!: boolean;
}

export class IdentityClaimDto {
  @ApiProperty({ description: 'True only while the seller’s identity is verified and unexpired' }) verifiedIdentity!: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) verifiedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) expiresAt!: Date | null;
}

export class ElectronicStartedDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ description: 'Send the seller here to prove their identity with the service' }) redirectUrl!: string;
}
