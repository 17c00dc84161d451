import { applyDecorators, Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { OptionalNoteDto, SellerReasonDto, SalesTermsInputDto, SubOrderListQueryDto } from '../dto/orders-input.dto';
import { SalesTermsDto, SellerSubOrderDto, SellerSubOrderPageDto } from '../dto/orders-output.dto';
import { SalesTerms } from '../sales-terms/sales-terms.service';
import { SellerSubOrders } from '../sub-orders/seller-sub-orders.service';

const ILLEGAL = { type: ErrorEnvelopeDto, description: 'ILLEGAL_TRANSITION: not allowed from the current status' };
const HIDDEN = { type: ErrorEnvelopeDto, description: 'Not a member of this enterprise, or no such sub-order in it' };

/** One step of a sub-order by its seller: members only, 200 with the sub-order, 404 to outsiders, 409 from a wrong status. */
function SellerStep(action: string, options: { reasonRequired?: boolean; description?: string } = {}) {
  return applyDecorators(
    Post(`sub-orders/:code/${action}`),
    Auth(),
    HttpCode(200),
    ApiOkResponse({ type: SellerSubOrderDto, ...(options.description ? { description: options.description } : {}) }),
    ...(options.reasonRequired ? [ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'A reason is required' })] : []),
    ApiNotFoundResponse(HIDDEN),
    ApiConflictResponse(ILLEGAL),
  );
}

/** The seller's inbox and steps, and its sales terms. Members of the enterprise (and admins) only. */
@ApiTags('orders')
@Controller('api/v1/enterprises/:id')
export class SellerController {
  constructor(
    private readonly subOrders: SellerSubOrders,
    private readonly terms: SalesTerms,
  ) {}

  @Get('sub-orders')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: SellerSubOrderPageDto })
  @ApiNotFoundResponse(HIDDEN)
  list(@Param('id') id: string, @Query() query: SubOrderListQueryDto, @CurrentUser() user: Principal): Promise<SellerSubOrderPageDto> {
    return this.subOrders.list(user, id, query);
  }

  @Get('sub-orders/:code')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: SellerSubOrderDto })
  @ApiNotFoundResponse(HIDDEN)
  get(@Param('id') id: string, @Param('code') code: string, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.get(user, id, code);
  }

  @SellerStep('confirm')
  confirm(@Param('id') id: string, @Param('code') code: string, @Body() body: OptionalNoteDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'confirm', body);
  }

  @SellerStep('pack')
  pack(@Param('id') id: string, @Param('code') code: string, @Body() body: OptionalNoteDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'pack', body);
  }

  @SellerStep('ship')
  ship(@Param('id') id: string, @Param('code') code: string, @Body() body: OptionalNoteDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'ship', body);
  }

  @SellerStep('deliver')
  deliver(@Param('id') id: string, @Param('code') code: string, @Body() body: OptionalNoteDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'deliver', body);
  }

  @SellerStep('complete')
  complete(@Param('id') id: string, @Param('code') code: string, @Body() body: OptionalNoteDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'complete', body);
  }

  @SellerStep('cancel', { reasonRequired: true })
  cancel(@Param('id') id: string, @Param('code') code: string, @Body() body: SellerReasonDto, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'cancel', body);
  }

  @SellerStep('confirm-payment', { description: 'VietQR: the seller saw the transfer in its own account' })
  confirmPayment(@Param('id') id: string, @Param('code') code: string, @CurrentUser() user: Principal): Promise<SellerSubOrderDto> {
    return this.subOrders.confirmPayment(user, id, code);
  }

  @SellerStep('accept-return')
  acceptReturn(
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: OptionalNoteDto,
    @CurrentUser() user: Principal,
  ): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'accept-return', body);
  }

  @SellerStep('refuse-return', { reasonRequired: true })
  refuseReturn(
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: SellerReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<SellerSubOrderDto> {
    return this.subOrders.transition(user, id, code, 'refuse-return', body);
  }

  @Get('sales-terms')
  @ApiOkResponse({ type: SalesTermsDto, description: 'Public: what buyers see before ordering (defaults when none published)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  salesTerms(@Param('id') id: string): Promise<SalesTermsDto> {
    return this.terms.getPublic(id);
  }

  @Put('sales-terms')
  @Auth()
  @ApiOkResponse({ type: SalesTermsDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  updateSalesTerms(@Param('id') id: string, @Body() body: SalesTermsInputDto, @CurrentUser() user: Principal): Promise<SalesTermsDto> {
    return this.terms.update(user, id, body);
  }
}
