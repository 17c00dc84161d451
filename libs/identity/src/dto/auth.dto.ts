import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnameseMobile } from '@tradefloor/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../entities/user.entity';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'htx.hunghoa@example.vn' })
  @Transform(lower)
  @IsEmail({}, { message: 'Email không hợp lệ (invalid email)' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 128, example: 'mat-khau-dai-10' })
  @IsString()
  @MinLength(10, { message: 'Mật khẩu tối thiểu 10 ký tự (password must be at least 10 characters)' })
  @MaxLength(128)
  password!: string;

  @ApiProperty({ example: 'HTX Bưởi da xanh Hùng Hòa' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  displayName!: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsVietnameseMobile()
  phone?: string;

  @ApiProperty({ enum: ['buyer', 'business'] })
  @IsIn(['buyer', 'business'], { message: 'role phải là buyer hoặc business (role must be buyer or business)' })
  role!: 'buyer' | 'business';

  @ApiProperty({
    enum: [true],
    description: 'The user accepts the terms of use and the privacy policy in force (recorded with their versions); anything but true is a 400.',
  })
  @Equals(true, { message: 'Cần đồng ý Điều khoản sử dụng và Chính sách bảo mật (you must accept the terms of use and the privacy policy)' })
  acceptTerms!: boolean;
}

export class LegalVersionRefDto {
  @ApiProperty({ example: 'operating-rules' })
  @IsString()
  @Matches(/^[a-z-]{1,40}$/)
  document!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class LegalAcceptanceDto {
  @ApiProperty({ type: [LegalVersionRefDto], description: 'The pending versions the user accepts (as listed in the LEGAL_ACCEPTANCE_REQUIRED answer).' })
  @ValidateNested({ each: true })
  @Type(() => LegalVersionRefDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  accept!: LegalVersionRefDto[];
}

export class LegalTicketAcceptanceDto extends LegalAcceptanceDto {
  @ApiProperty({ description: 'The X-Legal-Acceptance-Ticket header of the 403 LEGAL_ACCEPTANCE_REQUIRED answer to sign-in or refresh.' })
  @IsString()
  @MaxLength(2000)
  ticket!: string;
}

/** The owner corrects their own details (PDP Law: the right to correct); omitted fields stay, `phone: null` removes it. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Tên hiển thị không hợp lệ (displayName)' })
  @MinLength(2, { message: 'Tên hiển thị tối thiểu 2 ký tự (displayName: at least 2 characters)' })
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0912345678' })
  @IsOptional()
  @IsVietnameseMobile()
  phone?: string | null;
}

export class LoginDto {
  @ApiProperty({ example: 'htx.hunghoa@example.vn' })
  @Transform(lower)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'Email không hợp lệ (invalid email)' })
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Ends this session only; without it every session of the user ends.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ example: 900, description: 'access token lifetime in seconds' }) expiresIn!: number;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty({
    description: 'false until the owner of a self-registered account follows the link mailed to it; until then every write gets 403 EMAIL_NOT_VERIFIED',
  })
  emailVerified!: boolean;
  @ApiProperty() createdAt!: Date;
}

/** The one answer to a registration, whether or not the email already had an account. */
export class RegistrationAcceptedDto {
  @ApiProperty({ enum: ['verification_sent'] }) status!: 'verification_sent';
  @ApiProperty({ example: 'Kiểm tra hộp thư để xác minh email (check your mailbox to verify your email)' }) message!: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'the token from the link in the verification mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;
}

export class VerificationStatusDto {
  @ApiProperty({ enum: ['verified', 'verification_sent'] }) status!: 'verified' | 'verification_sent';
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[])
  role!: Role;
}

export class ChangeStatusDto {
  @ApiProperty({ enum: ['active', 'disabled'] })
  @IsIn(['active', 'disabled'])
  status!: 'active' | 'disabled';
}
