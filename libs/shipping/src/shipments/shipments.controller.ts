import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { QuoteInputDto, SellerStatusDto, ShipmentDto, ShippingQuoteListDto } from '../dto/shipping.dto';
import type { ShipmentStatus } from '../statuses';
import { Shipping } from './shipping.service';

/** What the enterprise's members see and do: quotes, a shipment's state, the statuses of seller-delivered shipments. */
@ApiTags('shipping')
@Controller('api/v1/enterprises/:id')
@Auth()
export class ShipmentsController {
  constructor(
    private readonly shipping: Shipping,
    private readonly access: EnterpriseAccess,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('shipping/quotes')
  @HttpCode(200)
  @ApiOkResponse({ type: ShippingQuoteListDto })
  async quote(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: QuoteInputDto): Promise<ShippingQuoteListDto> {
    await this.access.assertCanManage(user, id);
    return { items: await this.shipping.quote({ enterpriseId: id, ...dto }) };
  }

  @Get('shipments/:reference')
  @ApiOkResponse({ type: ShipmentDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async get(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('reference') reference: string): Promise<ShipmentDto> {
    await this.access.assertCanManage(user, id);
    const shipment = await this.shipping.shipmentOf(reference);
    if (!shipment || shipment.enterpriseId !== id) throw new NotFoundError('Vận đơn (shipment)', 'SHIPMENT_NOT_FOUND');
    return shipment;
  }

  @Put('shipments/:reference/status')
  @ApiOkResponse({ type: ShipmentDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async setStatus(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('reference') reference: string,
    @Body() dto: SellerStatusDto,
  ): Promise<ShipmentDto> {
    await this.access.assertCanManage(user, id);
    await this.dataSource.transaction((m) => this.shipping.setSellerStatus(m, reference, id, dto.status as ShipmentStatus));
    return (await this.shipping.shipmentOf(reference))!;
  }
}
