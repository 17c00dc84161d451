import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto, NotFoundError } from '@tradefloor/core';
import {
  LegalAcceptanceDto,
  LegalTicketAcceptanceDto,
  LoginDto,
  LogoutDto,
  RefreshDto,
  RegisterDto,
  RegistrationAcceptedDto,
  TokenPairDto,
  UpdateProfileDto,
  UserDto,
  VerificationStatusDto,
  VerifyEmailDto,
} from '../dto/auth.dto';
import { toUserDto } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import { EmailVerification } from '../verification/email-verification.service';
import { AllowUnverified, Auth, CurrentUser } from './auth.guard';
import { AuthService, REGISTRATION_ACCEPTED } from './auth.service';
import { LegalAcceptanceGate } from './legal-acceptance-gate';
import type { Principal } from './principal';

const LEGAL_403 =
  'LEGAL_ACCEPTANCE_REQUIRED: a material version of a legal document in force is not accepted yet; `details` lists them (field = document, message = "version: title") and the X-Legal-Acceptance-Ticket header carries a ticket for POST /api/v1/auth/legal-acceptances';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly verification: EmailVerification,
    private readonly legal: LegalAcceptanceGate,
  ) {}

  /** 202 whether or not the email was taken (issue 18 §6): the mailbox's owner learns which, nobody else. */
  @Post('auth/register')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto, description: 'the same answer for a new and an already registered email' })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'too many registrations from this client; Retry-After' })
  async register(@Body() dto: RegisterDto, @Ip() ip: string): Promise<RegistrationAcceptedDto> {
    await this.auth.register(dto, ip);
    return { status: 'verification_sent', message: REGISTRATION_ACCEPTED };
  }

  @Post('auth/verify-email')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationStatusDto })
  async verifyEmail(@Body() dto: VerifyEmailDto): Promise<VerificationStatusDto> {
    await this.verification.verify(dto.token);
    return { status: 'verified' };
  }

  @Post('auth/verify-email/resend')
  @HttpCode(202)
  @Auth()
  @AllowUnverified()
  @ApiAcceptedResponse({ type: VerificationStatusDto })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'more than 3 per hour; Retry-After' })
  async resendVerification(@CurrentUser() user: Principal): Promise<VerificationStatusDto> {
    if (user.emailVerified) return { status: 'verified' };
    await this.verification.resend(user.id);
    return { status: 'verification_sent' };
  }

  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'with a Retry-After header' })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto, description: LEGAL_403 })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto, description: LEGAL_403 })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Completes a sign-in or refresh that answered LEGAL_ACCEPTANCE_REQUIRED: records the acceptances, then issues tokens. */
  @Post('auth/legal-acceptances')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto, description: 'INVALID_TICKET' })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto, description: 'LEGAL_ACCEPTANCE_REQUIRED: still pending versions' })
  acceptWithTicket(@Body() dto: LegalTicketAcceptanceDto): Promise<TokenPairDto> {
    return this.auth.acceptLegalAndSignIn(dto.ticket, dto.accept, 'api');
  }

  /** A signed-in user (access token still valid) accepts pending versions; refresh then works again. */
  @Post('me/legal-acceptances')
  @HttpCode(204)
  @Auth()
  @AllowUnverified()
  @ApiNoContentResponse({ description: 'acceptances recorded' })
  async acceptSignedIn(@CurrentUser() user: Principal, @Body() dto: LegalAcceptanceDto): Promise<void> {
    await this.legal.accept(user.id, dto.accept, 'api');
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Auth()
  @AllowUnverified()
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

  @Patch('me')
  @Auth()
  @ApiOkResponse({ type: UserDto, description: 'Display name and phone corrected by their owner (email changes go through a privacy request)' })
  async updateMe(@CurrentUser() principal: Principal, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return toUserDto(await this.users.updateProfile(principal.id, dto));
  }
}
