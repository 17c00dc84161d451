import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import type { MemberRole } from '../entities/enterprise-member.entity';
import { lower } from './transforms';

export class AddMemberDto {
  @ApiProperty({ example: 'nhan.vien@example.vn', description: 'Email của một tài khoản doanh nghiệp đã đăng ký (a registered business account)' })
  @Transform(lower)
  @IsEmail({}, { message: 'Email không hợp lệ (invalid email)' })
  @MaxLength(254)
  email!: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['owner', 'staff'] }) role!: MemberRole;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
