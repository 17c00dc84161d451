import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto, NotFoundError } from '@tradefloor/core';
import { LoginDto, LogoutDto, RefreshDto, RegisterDto, TokenPairDto, UserDto } from '../dto/auth.dto';
import { toUserDto } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { Auth, CurrentUser } from './auth.guard';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/register')
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async register(@Body() dto: RegisterDto): Promise<UserDto> {
    return toUserDto(await this.auth.register(dto));
  }

  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'with a Retry-After header' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Auth()
  @ApiNoContentResponse({ description: 'Refresh tokens revoked' })
  async logout(@CurrentUser() user: Principal, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(user.id, dto.refreshToken);
  }

  @Get('me')
  @Auth()
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentUser() principal: Principal): Promise<UserDto> {
    const user = await this.users.get(principal.id);
    if (!user) throw new NotFoundError('Người dùng');
    return toUserDto(user);
  }
}
