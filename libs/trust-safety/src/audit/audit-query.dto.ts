import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Người thực hiện (actor user id)' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Hành động, e.g. `enterprise.verify`; a trailing `*` matches a prefix (`enterprise.*`)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9.-]{0,79}\*?$/, { message: 'Hành động không hợp lệ (action: lower-case words separated by dots, optional trailing *)' })
  action?: string;

  @ApiPropertyOptional({ description: 'Loại đối tượng (subject type), e.g. `product`' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'Loại đối tượng không hợp lệ (subject type)' })
  subjectType?: string;

  @ApiPropertyOptional({ description: 'Mã đối tượng (subject id)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @ApiPropertyOptional({ description: 'Từ thời điểm (ISO 8601, inclusive)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Đến thời điểm (ISO 8601, exclusive)' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty() actorRole!: string;
  @ApiProperty() action!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ nullable: true, type: Object }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object }) after!: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty() hash!: string;
}

export class AuditEventListDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AuditVerificationDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checked!: number;
  @ApiProperty({ nullable: true, type: Number }) headSeq!: number | null;
  @ApiProperty() headsChecked!: number;
  @ApiPropertyOptional({ type: Object, description: '{seq, reason} of the first broken link' }) firstBroken?: { seq: number; reason: string };
}
