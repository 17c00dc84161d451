import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BULLETIN_KINDS, type BulletinKind } from '../entities/bulletin.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

export const ISO_DATE_MESSAGE = 'Thời điểm không hợp lệ, cần ISO 8601 (invalid ISO 8601 date-time)';
/** http(s) URL or a site-relative path such as /uploads/anh.jpg. */
export const IMAGE_URL = /^(https?:\/\/[^\s]+|\/(?!\/)[^\s]*)$/i;

export class EventDetailsDto {
  @ApiProperty({ example: '2025-11-20T08:00:00+07:00' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: ISO_DATE_MESSAGE })
  startsAt!: string;

  @ApiProperty({ example: '2025-11-23T21:00:00+07:00' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: ISO_DATE_MESSAGE })
  endsAt!: string;

  @ApiProperty({ example: 'Quảng trường Trung tâm, Phường Trà Vinh' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  location!: string;

  @ApiProperty({ example: 'Sở Công Thương' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  organiser!: string;
}

export class CreateBulletinDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Trà Vinh phấn đấu có thêm 114 sản phẩm OCOP mới trong năm 2023' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'Tiêu đề tối thiểu 3 ký tự (title must be at least 3 characters)' })
  @MaxLength(200, { message: 'Tiêu đề tối đa 200 ký tự (title must be at most 200 characters)' })
  title!: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'Cần có tóm tắt (summary is required)' })
  @MaxLength(1000, { message: 'Tóm tắt tối đa 1000 ký tự (summary must be at most 1000 characters)' })
  summary!: string;

  @ApiProperty({ description: 'Rich HTML; sanitised with an allow-list before it is stored', maxLength: 200000 })
  @IsString()
  @MinLength(1, { message: 'Cần có nội dung (body is required)' })
  @MaxLength(200_000, { message: 'Nội dung tối đa 200.000 ký tự (body must be at most 200,000 characters)' })
  body!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Chuyên mục không hợp lệ (categoryId must be a UUID)' })
  categoryId!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['OCOP', 'Bưởi da xanh'] })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20, { message: 'Tối đa 20 thẻ (at most 20 tags)' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true, message: 'Mỗi thẻ tối đa 50 ký tự (each tag at most 50 characters)' })
  tags?: string[];

  @ApiPropertyOptional({ maxLength: 120, example: 'Trúc Phương', nullable: true, type: String })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  authorByline?: string | null;

  @ApiPropertyOptional({ enum: BULLETIN_KINDS, default: 'article' })
  @IsOptional()
  @IsIn(BULLETIN_KINDS as unknown as string[], { message: 'kind phải là article hoặc event (kind must be article or event)' })
  kind?: BulletinKind;

  @ApiPropertyOptional({ type: EventDetailsDto, nullable: true, description: 'Required when kind is "event"' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EventDetailsDto)
  event?: EventDetailsDto | null;

  @ApiPropertyOptional({ example: '/uploads/bulletins/ocop-2023.jpg', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(IMAGE_URL, { message: 'Ảnh bìa phải là URL http(s) hoặc đường dẫn trong trang (cover image must be an http(s) URL or a site path)' })
  coverImageUrl?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  relatedEnterpriseIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  relatedProductIds?: string[];
}

export class UpdateBulletinDto extends PartialType(CreateBulletinDto) {}

export class PublishBulletinDto {
  @ApiPropertyOptional({ description: 'Future time: the bulletin is scheduled; absent or past: published now', example: '2025-12-01T07:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: ISO_DATE_MESSAGE })
  publishAt?: string;
}

/** Optional pin: the approval is refused (409 STALE_REVISION) if the bulletin changed since the admin read it. */
export class ApproveBulletinDto {
  @ApiPropertyOptional({ description: 'the `revision` the admin read', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

export class RejectBulletinDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, example: 'Cần bổ sung nguồn số liệu' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'Cần nêu lý do (a reason is required)' })
  @MaxLength(1000)
  reason!: string;
}
