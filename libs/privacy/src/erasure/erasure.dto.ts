import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CloseAccountDto {
  @ApiProperty({ description: 'Mật khẩu hiện tại, để xác nhận (current password, re-confirmation)' })
  @IsString({ message: 'Cần mật khẩu hiện tại (password)' })
  @IsNotEmpty({ message: 'Cần mật khẩu hiện tại (password)' })
  @MaxLength(200)
  password!: string;
}

export class AccountClosedDto {
  @ApiProperty({ example: 'closed' }) status!: 'closed';
  @ApiProperty({ example: 'user-1a2b3c4d5e6f', description: 'The pseudonymous reference kept records now carry' }) pseudonym!: string;
  @ApiProperty({ type: [String], description: 'Sections whose personal data was erased' }) erased!: string[];
}
