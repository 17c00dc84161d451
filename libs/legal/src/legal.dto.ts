import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LEGAL_DOCUMENTS } from './legal-documents';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PublishLegalVersionDto {
  @ApiProperty({ example: 'Quy chế hoạt động' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'HTML; sanitised with the rich-text sanitiser the bulletins use.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200_000)
  body!: string;

  @ApiProperty({ example: 'Bổ sung nghĩa vụ xác minh định danh điện tử của người bán' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ description: "true: the version changes users' obligations (needs notice, mail, banner, and acceptance at next sign-in)" })
  @IsBoolean()
  material!: boolean;

  @ApiPropertyOptional({
    description: 'When it takes effect (ISO 8601). Material: at least LEGAL_NOTICE_DAYS ahead (fee schedule LEGAL_FEE_NOTICE_DAYS). Default: now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveAt phải là thời điểm ISO 8601 (effectiveAt must be an ISO 8601 instant)' })
  effectiveAt?: string;
}

export class LegalVersionSummaryDto {
  @ApiProperty({ enum: LEGAL_DOCUMENTS }) document!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() material!: boolean;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) publishedBy!: string | null;
  @ApiProperty({ enum: ['in-force', 'upcoming', 'superseded'] }) status!: 'in-force' | 'upcoming' | 'superseded';
  @ApiProperty({ example: '/quy-che-hoat-dong/phien-ban/1' }) url!: string;
}

export class LegalVersionDto extends LegalVersionSummaryDto {
  @ApiProperty({ description: 'sanitised HTML' }) body!: string;
}

export class LegalDiffLineDto {
  @ApiProperty({ enum: ['added', 'removed', 'unchanged'] }) change!: 'added' | 'removed' | 'unchanged';
  @ApiProperty() text!: string;
}

export class LegalVersionWithDiffDto extends LegalVersionDto {
  @ApiPropertyOptional({ nullable: true, description: 'number of the version compared with (null for the first)' }) previous!: number | null;
  @ApiProperty({ type: [LegalDiffLineDto], description: 'line by line, from the previous version' }) diff!: LegalDiffLineDto[];
}

export class LegalVersionListDto {
  @ApiProperty({ enum: LEGAL_DOCUMENTS }) document!: string;
  @ApiProperty({ type: [LegalVersionSummaryDto], description: 'newest first, upcoming included' }) items!: LegalVersionSummaryDto[];
}

export class OperatorIdentityDto {
  @ApiProperty() name!: string;
  @ApiProperty() headOffice!: string;
  @ApiProperty() legalRepresentative!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty() registrationDate!: string;
  @ApiProperty() registrationIssuer!: string;
  @ApiProperty() moitRegistrationNumber!: string;
}
