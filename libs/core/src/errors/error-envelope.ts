import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'taxCode' }) field!: string;
  @ApiProperty({ example: 'Mã số thuế không hợp lệ' }) message!: string;
}

/** The one error shape every endpoint answers with. */
export class ErrorEnvelopeDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'Dữ liệu không hợp lệ (validation failed)' }) message!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) details?: FieldErrorDto[];
  @ApiProperty({ example: '5f0c2a4e-…' }) requestId!: string;
}
