import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const ACCOUNT_STATES = ['active', 'warned', 'suspended', 'closed'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];
export const SUSPENSION_SOURCES = ['staff', 'complaint', 'authority'] as const;
export type SuspensionSource = (typeof SUSPENSION_SOURCES)[number];

export class AccountReasonDto {
  @ApiProperty({ description: 'Lý do, shown to the seller and mailed to its owners' })
  @IsString()
  @IsNotEmpty({ message: 'Cần lý do (reason)' })
  @MaxLength(2000)
  reason!: string;
}

export class SuspendAccountDto extends AccountReasonDto {
  @ApiProperty({
    enum: SUSPENSION_SOURCES,
    description: 'authority: suspended at once; otherwise scheduled after the notice period (SELLER_SUSPENSION_NOTICE_DAYS)',
  })
  @IsIn(SUSPENSION_SOURCES as unknown as string[], { message: 'Nguồn: staff, complaint hoặc authority (source)' })
  source!: SuspensionSource;

  @ApiPropertyOptional({ description: 'Số văn bản / mã khiếu nại (reference of the request)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class AccountEventDto {
  @ApiProperty({ enum: ['warn', 'schedule-suspension', 'suspend', 'close', 'reinstate'] }) action!: string;
  @ApiProperty({ enum: ACCOUNT_STATES }) fromState!: AccountState;
  @ApiProperty({ enum: ACCOUNT_STATES }) toState!: AccountState;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'staff, complaint, authority or system (a scheduled suspension carried out)' }) source!: string;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it takes (or took) effect' }) effectiveAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class AccountStateDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ enum: ACCOUNT_STATES }) state!: AccountState;
  @ApiProperty({ type: String, nullable: true, description: 'Reason of the latest warning, suspension or closure' }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'A suspension scheduled for this time (with notice)' })
  suspensionDueAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) suspensionReason!: string | null;
  @ApiProperty({ type: [AccountEventDto], description: 'Oldest first' }) history!: AccountEventDto[];
}
