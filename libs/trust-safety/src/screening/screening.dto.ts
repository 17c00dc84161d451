import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SCREENING_SEVERITIES, type ScreeningSeverity } from '@tradefloor/catalog';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateScreeningTermDto {
  @ApiProperty({ example: 'ma túy', description: 'Từ hoặc cụm từ (word or phrase); matched without regard to diacritics or case, on whole words' })
  @Transform(trim)
  @IsString({ message: 'Cần từ khoá (term)' })
  @IsNotEmpty({ message: 'Cần từ khoá (term)' })
  @MaxLength(100, { message: 'Từ khoá tối đa 100 ký tự (term: at most 100 characters)' })
  term!: string;

  @ApiProperty({ enum: SCREENING_SEVERITIES, description: 'prohibited = cấm (blocks approval without an override), restricted = hạn chế (flagged only)' })
  @IsIn(SCREENING_SEVERITIES as unknown as string[], { message: 'Mức độ: prohibited hoặc restricted (severity)' })
  severity!: ScreeningSeverity;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Ghi chú nội bộ (internal note: why it is listed)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500, { message: 'Ghi chú tối đa 500 ký tự (note: at most 500 characters)' })
  note?: string | null;
}

export class UpdateScreeningTermDto extends PartialType(CreateScreeningTermDto) {}

export class ScreeningTermDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() term!: string;
  @ApiProperty({ enum: SCREENING_SEVERITIES }) severity!: ScreeningSeverity;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ScreeningTermListDto {
  @ApiProperty({ type: [ScreeningTermDto] }) items!: ScreeningTermDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Version of the list (grows with every change)' }) version!: number;
}

export class ScreeningTermQueryDto {
  @ApiPropertyOptional({ enum: SCREENING_SEVERITIES })
  @IsOptional()
  @IsIn(SCREENING_SEVERITIES as unknown as string[], { message: 'Mức độ: prohibited hoặc restricted (severity)' })
  severity?: ScreeningSeverity;
}
