import { Controller, Get, Headers, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, JobQueue, UnauthorizedError, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { shopeePushSignature } from '../channels/shopee/shopee-signer';
import { ShopeeCallbackQueryDto, ShopeeCallbackResultDto } from '../dto/channel.dto';
import { PUSH_QUEUE } from '../engine/sync-jobs';
import { ConnectionsService } from './connections.service';
import { SHOPEE_PUSH_PATH, type RawBodyRequest } from './raw-body';

@ApiTags('partner-sync')
@Controller('api/v1/channels/shopee')
export class ShopeeController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Where Shopee sends the seller back after consent; `state` binds the enterprise (single-use). */
  @Get('callback')
  @ApiOkResponse({ type: ShopeeCallbackResultDto })
  callback(@Query() q: ShopeeCallbackQueryDto): Promise<ShopeeCallbackResultDto> {
    return this.connections.shopeeCallback(q.code, q.shop_id, q.state);
  }

  /**
   * Shopee push (webhook). A hint only (rule 10): verify the signature over the raw body, answer
   * 2xx with an empty body at once, and let a job re-fetch the item.
   */
  @Post('push')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  async push(@Req() req: FastifyRequest, @Headers('authorization') authorization?: string): Promise<void> {
    const raw = (req as RawBodyRequest).tfRawBody ?? Buffer.alloc(0);
    const key = this.config.partnerSync.shopeePartnerKey;
    const expected = key ? shopeePushSignature(key, `${this.config.publicBaseUrl}${SHOPEE_PUSH_PATH}`, raw) : '';
    const given = (authorization ?? '').trim().toLowerCase();
    if (!key || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new UnauthorizedError('Chữ ký push không hợp lệ (invalid push signature)', 'INVALID_PUSH_SIGNATURE');
    }
    let body: { shop_id?: unknown; data?: { item_id?: unknown } };
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return; // signed but unreadable: nothing to re-fetch
    }
    if (body?.shop_id === undefined) return;
    const itemId = body.data?.item_id;
    await this.jobs.enqueueNow(PUSH_QUEUE, { shopId: String(body.shop_id), ...(itemId !== undefined ? { itemId: String(itemId) } : {}) });
  }
}
