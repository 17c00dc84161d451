import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, isSecureSite, PageQueryDto, type ResolvedConfig } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCartToken, writeCartCookie } from '../cart/cart-cookie';
import { Carts, type CartCookieChange, type CartOwner } from '../cart/cart.service';
import { Checkout } from '../checkout/checkout.service';
import { AddCartItemDto, BuyerCancelDto, CartQueryDto, CheckoutDto, OrderLookupQueryDto, ReturnRequestDto, UpdateCartDto } from '../dto/orders-input.dto';
import { CartDto, OrderDto, OrderPageDto } from '../dto/orders-output.dto';
import { BuyerOrders } from '../sub-orders/buyer-orders.service';

/**
 * The buyer's API: the cart (a guest's by the HttpOnly `tf_cart` cookie, a signed-in buyer's by
 * the bearer token; a guest cart merges into the buyer's on the first signed-in call that still
 * carries the cookie), checkout, and following, cancelling or returning an order.
 */
@ApiTags('orders')
@Controller()
export class BuyerController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly carts: Carts,
    private readonly checkout: Checkout,
    private readonly orders: BuyerOrders,
  ) {}

  @Get('api/v1/cart')
  @OptionalAuth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({
    type: CartDto,
    description: 'Grouped by seller, with each seller’s sales terms, shipping options (carriers’ quotes when a delivery address is given) and payment methods',
  })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'Unknown province/commune' })
  async get(
    @CurrentUser() user: Principal | undefined,
    @Query() query: CartQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    const to =
      query.provinceCode || query.communeCode
        ? { provinceCode: query.provinceCode ?? '', communeCode: query.communeCode ?? '', street: query.street }
        : undefined;
    return this.withCookie(req, reply, user, (owner, change) => this.carts.view(owner, change, to));
  }

  @Post('api/v1/cart')
  @OptionalAuth()
  @HttpCode(200)
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: CartDto, description: 'Makes sure the caller has a cart (a guest gets its cookie)' })
  async create(@CurrentUser() user: Principal | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CartDto> {
    return this.withCookie(req, reply, user, async (owner, change) => {
      await this.carts.resolve(owner, true, change);
      return this.carts.view({ ...owner, token: change.cookie ?? owner.token }, {});
    });
  }

  @Post('api/v1/cart/items')
  @OptionalAuth()
  @HttpCode(200)
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: CartDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'Below the minimum order, bad quantity' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Unknown or not publicly visible product' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'OUT_OF_STOCK: more than the stock' })
  addItem(
    @Body() body: AddCartItemDto,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return this.withCookie(req, reply, user, (owner, change) => this.carts.add(owner, body, change));
  }

  @Patch('api/v1/cart')
  @OptionalAuth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: CartDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'OUT_OF_STOCK' })
  update(
    @Body() body: UpdateCartDto,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return this.withCookie(req, reply, user, (owner, change) => this.carts.update(owner, body.items, change));
  }

  @Delete('api/v1/cart/items/:productId')
  @OptionalAuth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: CartDto })
  removeItem(
    @Param('productId') productId: string,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return this.withCookie(req, reply, user, (owner, change) => this.carts.removeLine(owner, productId, change));
  }

  @Delete('api/v1/cart')
  @OptionalAuth()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The cart is empty' })
  async clear(@CurrentUser() user: Principal | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.withCookie(req, reply, user, (owner, change) => this.carts.clear(owner, change));
  }

  @Post('api/v1/checkout')
  @OptionalAuth()
  @Header('cache-control', 'private, no-store')
  @ApiCreatedResponse({ type: OrderDto, description: '`orderCode` and one sub-order per seller, with payment instructions' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'Field details; nothing is written' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'OUT_OF_STOCK naming the product, PRODUCT_UNAVAILABLE' })
  place(
    @Body() body: CheckoutDto,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderDto> {
    return this.withCookie(req, reply, user, (owner, change) => this.checkout.place(owner, body, change));
  }

  @Get('api/v1/orders/:code')
  @OptionalAuth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Unknown code, or neither the buyer nor the phone given at checkout' })
  order(@Param('code') code: string, @Query() query: OrderLookupQueryDto, @CurrentUser() user: Principal | undefined): Promise<OrderDto> {
    return this.orders.get(code, user, query.phone);
  }

  @Get('api/v1/me/orders')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: OrderPageDto })
  mine(@Query() query: PageQueryDto, @CurrentUser() user: Principal): Promise<OrderPageDto> {
    return this.orders.mine(user, query);
  }

  @Post('api/v1/orders/:code/cancel')
  @OptionalAuth()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'ILLEGAL_TRANSITION: already confirmed' })
  cancel(@Param('code') code: string, @Body() body: BuyerCancelDto, @CurrentUser() user: Principal | undefined): Promise<OrderDto> {
    return this.orders.cancel(code, user, body);
  }

  @Post('api/v1/orders/:code/return-request')
  @OptionalAuth()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'ILLEGAL_TRANSITION: not delivered' })
  returnRequest(@Param('code') code: string, @Body() body: ReturnRequestDto, @CurrentUser() user: Principal | undefined): Promise<OrderDto> {
    return this.orders.requestReturn(code, user, body);
  }

  private async withCookie<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    principal: Principal | undefined,
    run: (owner: CartOwner, change: CartCookieChange) => Promise<T>,
  ): Promise<T> {
    const change: CartCookieChange = {};
    try {
      return await run({ principal, token: readCartToken(req) }, change);
    } finally {
      if (change.cookie !== undefined) writeCartCookie(reply, change.cookie, isSecureSite(this.config));
    }
  }
}
