import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CarrierAccountDto, CarrierAccountInputDto, CarrierAccountListDto } from '../dto/shipping.dto';
import { CarrierAccounts } from './carrier-accounts.service';

/** An enterprise's carrier accounts: the owner only; secrets are write-only. */
@ApiTags('shipping')
@Controller('api/v1/enterprises/:id/carriers')
@Auth()
export class CarrierAccountsController {
  constructor(private readonly accounts: CarrierAccounts) {}

  @Get()
  @ApiOkResponse({ type: CarrierAccountListDto })
  async list(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<CarrierAccountListDto> {
    return { items: await this.accounts.list(user, id) };
  }

  @Put(':carrier')
  @ApiOkResponse({ type: CarrierAccountDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  put(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('carrier') carrier: string,
    @Body() dto: CarrierAccountInputDto,
  ): Promise<CarrierAccountDto> {
    return this.accounts.put(user, id, carrier, dto);
  }

  @Get(':carrier')
  @ApiOkResponse({ type: CarrierAccountDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('carrier') carrier: string): Promise<CarrierAccountDto> {
    return this.accounts.get(user, id, carrier);
  }

  @Delete(':carrier')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async remove(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('carrier') carrier: string): Promise<void> {
    await this.accounts.remove(user, id, carrier);
  }
}
