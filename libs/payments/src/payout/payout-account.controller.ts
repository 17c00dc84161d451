import { Body, Controller, Delete, Get, Header, HttpCode, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { NAPAS_BANKS, NAPAS_BANKS_CHECKED_ON } from '../banks/napas-banks';
import { vietQrPng, vietQrSvg } from '../vietqr/vietqr-image';
import { NapasBankListDto, PayoutAccountDto, PayoutPreviewQueryDto, SavePayoutAccountDto } from './payout-account.dto';
import { PayoutAccounts } from './payout-accounts.service';

const BINARY = { schema: { type: 'string', format: 'binary' } };

/** Sellers' payout accounts (owner writes, members read in full, floor staff read masked) and the bank list. */
@ApiTags('payments')
@Controller()
export class PayoutAccountController {
  constructor(private readonly accounts: PayoutAccounts) {}

  @Get('api/v1/payments/banks')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOkResponse({ type: NapasBankListDto, description: 'Ngân hàng nhận chuyển khoản NAPAS 247 bằng VietQR (banks that take VietQR transfers)' })
  banks(): NapasBankListDto {
    return { checkedOn: NAPAS_BANKS_CHECKED_ON, banks: NAPAS_BANKS.map(({ bin, shortName, name }) => ({ bin, shortName, name })) };
  }

  @Get('api/v1/enterprises/:id/payout-account')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: PayoutAccountDto })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'No such enterprise, or no payout account yet (PAYOUT_ACCOUNT_NOT_FOUND)' })
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<PayoutAccountDto> {
    return this.accounts.get(user, id);
  }

  @Put('api/v1/enterprises/:id/payout-account')
  @Auth('business')
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: PayoutAccountDto, description: 'Saved (created or replaced) by the enterprise’s owner' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'details[] per field: bankBin, accountNumber, accountHolder' })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto })
  save(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: SavePayoutAccountDto): Promise<PayoutAccountDto> {
    return this.accounts.save(user, id, body);
  }

  @Delete('api/v1/enterprises/:id/payout-account')
  @Auth('business')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; buyers can no longer choose VietQR' })
  @ApiForbiddenResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async remove(@CurrentUser() user: Principal, @Param('id') id: string): Promise<void> {
    await this.accounts.remove(user, id);
  }

  @Get('api/v1/enterprises/:id/payout-account/preview.png')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiProduces('image/png')
  @ApiOkResponse({ ...BINARY, description: 'Mã VietQR thử (mặc định 10.000 ₫) để người bán quét bằng ứng dụng ngân hàng (sample code to test-scan)' })
  async previewPng(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: PayoutPreviewQueryDto): Promise<StreamableFile> {
    const { payload } = await this.accounts.preview(user, id, query.amount);
    return new StreamableFile(await vietQrPng(payload), { type: 'image/png' });
  }

  @Get('api/v1/enterprises/:id/payout-account/preview.svg')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @Header('content-type', 'image/svg+xml')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  async previewSvg(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: PayoutPreviewQueryDto): Promise<string> {
    const { payload } = await this.accounts.preview(user, id, query.amount);
    return vietQrSvg(payload);
  }
}
