import { ApiProperty } from '@nestjs/swagger';
import { BULLETIN_KINDS, BULLETIN_STATUSES, type BulletinKind, type BulletinStatus } from '../entities/bulletin.entity';

export class CategoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ocop' }) slug!: string;
  @ApiProperty({ example: 'OCOP' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() position!: number;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] }) items!: CategoryDto[];
}

export class CategoryRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class BulletinEventDto {
  @ApiProperty() startsAt!: Date;
  @ApiProperty() endsAt!: Date;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ nullable: true, type: String }) organiser!: string | null;
}

export class BulletinSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BULLETIN_KINDS }) kind!: BulletinKind;
  @ApiProperty({ enum: BULLETIN_STATUSES }) status!: BulletinStatus;
  @ApiProperty({ example: 'tra-vinh-phan-dau-co-them-114-san-pham-ocop-moi-trong-nam-2023' }) slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ nullable: true, type: String }) coverImageUrl!: string | null;
  @ApiProperty({ type: CategoryRefDto }) category!: CategoryRefDto;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'Trúc Phương' }) authorByline!: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt!: Date | null;
  @ApiProperty({ description: 'Lượt xem (views), at most one per visitor per hour', example: 2994 }) viewCount!: number;
  @ApiProperty({ type: BulletinEventDto, nullable: true }) event!: BulletinEventDto | null;
  @ApiProperty({ description: 'Public page of the bulletin' }) url!: string;
}

export class BulletinDto extends BulletinSummaryDto {
  @ApiProperty({ description: 'Sanitised HTML' }) body!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) relatedEnterpriseIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) relatedProductIds!: string[];
  @ApiProperty({ nullable: true, type: Date, description: 'Requested publication time (scheduled bulletins)' }) publishAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) archivedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why an admin sent it back (approval workflow)' })
  rejectionReason!: string | null;
  @ApiProperty({ description: 'Number of the latest revision' }) revision!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class BulletinListDto {
  @ApiProperty({ type: [BulletinSummaryDto] }) items!: BulletinSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class BulletinRevisionDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['create', 'update'] }) action!: 'create' | 'update';
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) editorId!: string | null;
  @ApiProperty() editorName!: string;
  @ApiProperty() createdAt!: Date;
}

export class BulletinRevisionListDto {
  @ApiProperty({ type: [BulletinRevisionDto] }) items!: BulletinRevisionDto[];
}
