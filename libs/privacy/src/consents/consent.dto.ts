import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength } from 'class-validator';

export const CONSENT_CHANNELS = ['web', 'api'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export class RecordConsentDto {
  @ApiProperty({ example: 'marketing_email', description: '`marketing_email`, `analytics` or `partner_sharing:<channel>` (see GET /api/v1/me/consents)' })
  @IsString({ message: 'Cần mục đích (purpose)' })
  @MaxLength(80)
  @Matches(/^(marketing_email|analytics|partner_sharing:[a-z0-9-]+)$/, { message: 'Mục đích không hợp lệ (unknown purpose)' })
  purpose!: string;

  @ApiProperty({ description: 'true = đồng ý (grant), false = rút lại (withdraw)' })
  @IsBoolean({ message: 'granted phải là true hoặc false (granted must be a boolean)' })
  granted!: boolean;
}

export class ConsentStateDto {
  @ApiProperty() purpose!: string;
  @ApiProperty({ description: 'Tên mục đích (label, Vietnamese)' }) label!: string;
  @ApiProperty({ description: 'What is shared or done, in words' }) description!: string;
  @ApiProperty({ description: 'Current state: the latest event (false when none: silence is not consent)' }) granted!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'ISO country where the data goes (cross-border transfer), for partner sharing' })
  transferCountry!: string | null;
  @ApiProperty({ type: String, nullable: true }) policyVersion!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CONSENT_CHANNELS }) channel!: ConsentChannel | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changedAt!: Date | null;
}

export class ConsentEventDto {
  @ApiProperty() purpose!: string;
  @ApiProperty() granted!: boolean;
  @ApiProperty({ type: String, nullable: true }) policyVersion!: string | null;
  @ApiProperty({ enum: CONSENT_CHANNELS }) channel!: ConsentChannel;
  @ApiProperty({ type: String, nullable: true }) transferCountry!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
}

export class ConsentListDto {
  @ApiProperty({ type: [ConsentStateDto] }) items!: ConsentStateDto[];
  @ApiProperty({ type: [ConsentEventDto], description: 'The ledger, oldest first (append-only)' }) history!: ConsentEventDto[];
}
