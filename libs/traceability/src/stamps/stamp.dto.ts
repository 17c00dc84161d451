import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export const MAX_STAMPS_PER_REQUEST = 100_000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IssueStampsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_STAMPS_PER_REQUEST, example: 5000 })
  @IsInt({ message: 'Số tem phải là số nguyên (count must be an integer)' })
  @Min(1, { message: 'Phát hành ít nhất 1 tem (at least 1 stamp)' })
  @Max(MAX_STAMPS_PER_REQUEST, { message: 'Tối đa 100.000 tem mỗi lần (at most 100,000 stamps per request)' })
  count!: number;
}

export class IssuedStampsDto {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ description: 'Stamps issued by this request' }) issued!: number;
  @ApiProperty() firstSeq!: number;
  @ApiProperty() lastSeq!: number;
  @ApiProperty({ example: '7K3QH9XW2M0B5R' }) firstSerial!: string;
  @ApiProperty() lastSerial!: string;
  @ApiProperty({ description: 'URL printed in the first QR code' }) firstUrl!: string;
  @ApiProperty({ description: 'Stamps of the batch in total' }) totalIssued!: number;
  @ApiProperty({ example: '/api/v1/batches/…/stamps.csv?fromSeq=1&toSeq=5000' }) csvUrl!: string;
  @ApiProperty({ example: '/api/v1/batches/…/stamps.pdf?fromSeq=1&toSeq=5000' }) pdfUrl!: string;
}

export class SeqRangeDto {
  @ApiPropertyOptional({ minimum: 1, description: 'First sequence number (inclusive); default 1' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromSeq?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Last sequence number (inclusive); default the last stamp' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  toSeq?: number;
}

export class ActivateStampsDto extends SeqRangeDto {}

export class StampCountDto {
  @ApiProperty({ description: 'Stamps whose state changed' }) changed!: number;
}

export class RevokeStampsDto {
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Serials to revoke (or give batchId and an optional range)' })
  @ValidateIf((o: RevokeStampsDto) => o.batchId === undefined || o.serials !== undefined)
  @IsArray({ message: 'Cần danh sách serials hoặc batchId (serials or batchId required)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  serials?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: RevokeStampsDto) => o.serials === undefined || o.batchId !== undefined)
  @IsUUID('all', { message: 'batchId phải là UUID (must be a UUID)' })
  batchId?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  fromSeq?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  toSeq?: number;

  @ApiProperty({ example: 'Cuộn tem bị thất lạc' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'Cần lý do thu hồi (reason required)' })
  @MaxLength(500)
  reason!: string;
}
