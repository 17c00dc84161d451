import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldErrorDto } from '@tradefloor/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Validate only; write nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportRowReportDto {
  @ApiProperty({ description: 'Spreadsheet row number (the header is row 1)', example: 2 }) row!: number;
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: [FieldErrorDto] }) errors!: FieldErrorDto[];
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Created product (real import only)' }) productId?: string;
}

export class ImportReportDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() totalRows!: number;
  @ApiProperty() validRows!: number;
  @ApiProperty() invalidRows!: number;
  @ApiProperty({ description: 'Products written (0 for a dry run or when any row is invalid)' }) created!: number;
  @ApiProperty({ type: [ImportRowReportDto] }) rows!: ImportRowReportDto[];
}

/** 400 answer of an import with invalid rows: the error envelope plus the full report. */
export class ImportFailedDto extends ImportReportDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'IMPORT_INVALID' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [FieldErrorDto], description: 'Flattened: field = rows[<row>].<field>' }) details!: FieldErrorDto[];
  @ApiProperty() requestId!: string;
}
