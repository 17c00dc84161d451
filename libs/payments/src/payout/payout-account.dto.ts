import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

/** What the seller saves; checked in full by `PayoutAccounts.save` (field-level 400s). */
export class SavePayoutAccountDto {
  @ApiProperty({ example: '970436', description: 'BIN NAPAS 6 chữ số của ngân hàng, trong GET /api/v1/payments/banks (bank BIN from the list)' })
  @IsString()
  @MaxLength(20)
  bankBin!: string;

  @ApiProperty({ example: '0071000123456', description: 'Số tài khoản 6–19 chữ số; dấu cách và gạch nối được bỏ (6–19 digits; spaces and dashes are removed)' })
  @IsString()
  @MaxLength(40)
  accountNumber!: string;

  @ApiProperty({
    example: 'NGUYEN THI DAO',
    description: 'Tên chủ tài khoản như ngân hàng in: được bỏ dấu và viết hoa (holder name as the bank prints it; folded to upper-case ASCII)',
  })
  @IsString()
  @MaxLength(100)
  accountHolder!: string;
}

export class PayoutAccountDto {
  @ApiProperty() enterpriseId!: string;
  @ApiProperty({ example: '970436' }) bankBin!: string;
  @ApiProperty({ example: 'Vietcombank' }) bankShortName!: string;
  @ApiProperty({ example: 'Ngân hàng TMCP Ngoại thương Việt Nam' }) bankName!: string;
  @ApiProperty({
    example: '*********3456',
    description: 'Đầy đủ cho thành viên doanh nghiệp, che trừ 4 số cuối cho người khác (full for the enterprise’s members, masked otherwise)',
  })
  accountNumber!: string;
  @ApiProperty({ description: 'true khi số tài khoản bị che (masked)' }) masked!: boolean;
  @ApiProperty({ example: 'NGUYEN THI DAO' }) accountHolder!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Người cập nhật (user id)' }) updatedBy!: string | null;
}

export class PayoutPreviewQueryDto {
  @ApiPropertyOptional({ example: 10000, description: 'Số tiền mẫu, đồng (sample amount in VND; default 10000)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Số tiền là số nguyên đồng (integer VND)' })
  amount?: number;
}

export class NapasBankDto {
  @ApiProperty({ example: '970436' }) bin!: string;
  @ApiProperty({ example: 'Vietcombank' }) shortName!: string;
  @ApiProperty({ example: 'Ngân hàng TMCP Ngoại thương Việt Nam' }) name!: string;
}

export class NapasBankListDto {
  @ApiProperty({ example: '2026-12-03', description: 'Ngày danh sách được đối chiếu (date the list was checked)' }) checkedOn!: string;
  @ApiProperty({ type: [NapasBankDto] }) banks!: NapasBankDto[];
}
