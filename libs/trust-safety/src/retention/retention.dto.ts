import { ApiProperty } from '@nestjs/swagger';

export class RetentionRuleDto {
  @ApiProperty({ example: 'inquiries' }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Kept for this many days, then purged' }) days!: number;
  @ApiProperty({ example: 'RETENTION_DAYS_INQUIRIES', description: 'The setting that changes the period' }) envVar!: string;
}

export class RetentionRunDto {
  @ApiProperty({ type: String, format: 'date-time' }) ranAt!: Date;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows or files purged per kind' })
  counts!: Record<string, number>;
}

export class RetentionScheduleDto {
  @ApiProperty({ type: [RetentionRuleDto] }) rules!: RetentionRuleDto[];
  @ApiProperty({ type: RetentionRunDto, nullable: true }) lastRun!: RetentionRunDto | null;
}
