import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { AccountReasonDto, AccountStateDto, SuspendAccountDto } from './account-state.dto';
import { SellerAccounts } from './seller-accounts.service';

/** Staff side of seller account states: editors and admins warn; admins suspend, close and reinstate. */
@ApiTags('admin')
@Controller('api/v1/admin/enterprises/:id/account')
export class AdminSellerAccountsController {
  constructor(private readonly accounts: SellerAccounts) {}

  @Get()
  @Auth('admin', 'editor')
  @ApiOkResponse({ type: AccountStateDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AccountStateDto> {
    return this.accounts.get(id);
  }

  @Post('warn')
  @HttpCode(200)
  @Auth('admin', 'editor')
  @ApiOkResponse({ type: AccountStateDto, description: 'active | warned → warned; the owners are mailed' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_ACCOUNT_STATE' })
  warn(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AccountReasonDto): Promise<AccountStateDto> {
    return this.accounts.warn(id, dto.reason);
  }

  @Post('suspension')
  @HttpCode(200)
  @Auth('admin')
  @ApiOkResponse({
    type: AccountStateDto,
    description: 'source authority: suspended at once; otherwise scheduled after SELLER_SUSPENSION_NOTICE_DAYS (state warned, suspensionDueAt)',
  })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_ACCOUNT_STATE | SUSPENSION_ALREADY_SCHEDULED' })
  suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SuspendAccountDto): Promise<AccountStateDto> {
    return this.accounts.suspend(id, dto);
  }

  @Post('close')
  @HttpCode(200)
  @Auth('admin')
  @ApiOkResponse({ type: AccountStateDto, description: 'active | warned | suspended → closed (for good)' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_ACCOUNT_STATE' })
  close(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AccountReasonDto): Promise<AccountStateDto> {
    return this.accounts.close(id, dto.reason);
  }

  @Post('reinstate')
  @HttpCode(200)
  @Auth('admin')
  @ApiOkResponse({
    type: AccountStateDto,
    description: 'warned | suspended → active: a scheduled suspension is cancelled, a suspended enterprise comes back everywhere',
  })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_ACCOUNT_STATE' })
  reinstate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AccountReasonDto): Promise<AccountStateDto> {
    return this.accounts.reinstate(id, dto.reason);
  }
}

/** The seller's view of its account state: warnings, a scheduled suspension and its date (members only). */
@ApiTags('enterprises')
@Controller('api/v1/enterprises/:id/account')
@Auth()
export class SellerAccountController {
  constructor(private readonly accounts: SellerAccounts) {}

  @Get()
  @ApiOkResponse({ type: AccountStateDto })
  get(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<AccountStateDto> {
    return this.accounts.forSeller(user, id);
  }
}
