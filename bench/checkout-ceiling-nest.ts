import 'reflect-metadata';
import { Body, Controller, HttpCode, Inject, Module, Post, Req, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { ConflictError, ValidationFailedError } from '@tradefloor/core';
import { cartCookie, cartToken, CeilingShop, type ShopAnswer } from './checkout-ceiling';
import { listenForBench, serveOnOurStack } from './our-stack-server';

/**
 * The checkout ceiling (checkout-ceiling.ts) on the floor's own HTTP stack: `createHttpApp` (Nest on
 * Fastify with the hooks and plugins it installs for every app: graceful drain, input guard, request
 * id, access log, helmet, CORS, multipart, the validation pipe and the error envelope) and
 * class-validator DTOs shaped like the API's. Against the bare ceiling it measures what that stack costs per buyer; against the API, what
 * the floor's statements and work cost on top. Run by bench/checkout.ts as
 * `node dist/bench/checkout-ceiling-nest.js` with DATABASE_URL and PORT; sends 'ready' over IPC.
 */
class AddToCartDto {
  @IsUUID() productId!: string;
  @IsInt() @Min(1) @Max(100_000) quantity!: number;
}

class AddressDto {
  @IsString() @Length(2, 2) provinceCode!: string;
  @IsString() @Length(5, 5) communeCode!: string;
  @IsString() @Length(1, 300) street!: string;
  @IsString() @Length(1, 120) recipientName!: string;
  @IsString() @Length(9, 15) recipientPhone!: string;
}

class ShippingDto {
  @IsIn(['seller', 'ghn', 'ghtk']) carrier!: string;
}

class SubOrderDto {
  @IsUUID() enterpriseId!: string;
  @IsIn(['cod', 'vietqr']) paymentMethod!: string;
  @ValidateNested() @Type(() => ShippingDto) shipping!: ShippingDto;
  @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
}

class CheckoutDto {
  @IsOptional() @IsString() @Length(1, 120) buyerName?: string;
  @IsOptional() @IsEmail() buyerEmail?: string;
  @IsString() @Length(9, 15) buyerPhone!: string;
  @ValidateNested({ each: true }) @ArrayMinSize(1) @ArrayMaxSize(20) @Type(() => SubOrderDto) subOrders!: SubOrderDto[];
}

/** A refusal goes through the error envelope, as the API's do. */
function answer(reply: FastifyReply, { status, body, cookie }: ShopAnswer): unknown {
  if (cookie) void reply.header('set-cookie', cartCookie(cookie));
  const code = (body as { code?: string }).code ?? 'CONFLICT';
  if (status === 409) throw new ConflictError('Hết hàng (out of stock)', code);
  if (status === 400) throw ValidationFailedError.field('subOrders', 'Không khớp giỏ hàng (does not match the cart)');
  return body;
}

@Controller('api/v1')
class CeilingController {
  constructor(@Inject(CeilingShop) private readonly shop: CeilingShop) {}

  @Post('cart/items')
  @HttpCode(200)
  async add(@Body() input: AddToCartDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return answer(reply, await this.shop.addToCart(cartToken(req.headers.cookie), input.productId, input.quantity));
  }

  @Post('checkout')
  async checkout(@Body() input: CheckoutDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const token = cartToken(req.headers.cookie);
    if (!token) throw ValidationFailedError.field('cart', 'Giỏ hàng trống (the cart is empty)');
    return answer(reply, await this.shop.checkout(token, input));
  }
}

@Module({
  controllers: [CeilingController],
  providers: [{ provide: CeilingShop, useFactory: () => new CeilingShop(new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })) }],
})
class CeilingModule {}

async function main(): Promise<void> {
  const app = await serveOnOurStack(CeilingModule, process.env.DATABASE_URL);
  await app.get(CeilingShop).prepare();
  await listenForBench(app);
}

main().catch((err: Error) => {
  process.stderr.write(`checkout ceiling (Nest) failed: ${err.stack}\n`);
  process.exit(1);
});
