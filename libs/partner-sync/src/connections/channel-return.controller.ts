import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, isSecureSite, JobQueue, NotFoundError, UnauthorizedError, type ResolvedConfig } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChannelRegistry } from '../channels/channel-registry.service';
import { pushChannel } from '../channels/registry';
import { ChannelCallbackResultDto } from '../dto/channel.dto';
import { PUSH_QUEUE, type PushHint } from '../engine/sync-jobs';
import { readBrowserKey } from './auth-binding';
import { ConnectionsService } from './connections.service';
import { pushPath, type RawBodyRequest } from './raw-body';

/** What partners call back on, the same routes for every channel: the consent return and the webhook. */
@ApiTags('partner-sync')
@Controller('api/v1/channels/:channel')
export class ChannelReturnController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly registry: ChannelRegistry,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /**
   * Completes an authorisation: the partner's query (code, state, and the shop when it names it), called
   * by the member who started it, with their bearer token and the browser-binding cookie the
   * connect response set. Browsers come back to the web page /quan-ly/kenh-ban/uy-quyen-:channel instead.
   */
  @Get('callback')
  @Auth()
  @ApiQuery({ name: 'code', type: String })
  @ApiQuery({ name: 'state', type: String })
  @ApiQuery({ name: 'shop_id', type: String, required: false, description: 'When the partner names the shop in its return' })
  @ApiOkResponse({ type: ChannelCallbackResultDto })
  callback(@CurrentUser() user: Principal, @Param('channel') channel: string, @Req() req: FastifyRequest): Promise<ChannelCallbackResultDto> {
    return this.connections.completeAuthorization(channel, req.query as Record<string, unknown>, {
      principal: user,
      browserKey: readBrowserKey(req.headers.cookie, isSecureSite(this.config)),
    });
  }

  /**
   * A partner's push (webhook). A hint only: verify the signature over the raw body, answer with
   * an empty 2xx at once, and let a job re-fetch what it names.
   */
  @Post('push')
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  async push(@Param('channel') name: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const channel = pushChannel(name);
    if (!channel?.webhook) throw new NotFoundError('Kênh', 'CHANNEL_NOT_FOUND');
    const rawBody = (req as RawBodyRequest).tfRawBody ?? Buffer.alloc(0);
    const url = `${this.config.publicBaseUrl}${pushPath(channel.name)}`;
    if (!channel.webhook.verify(this.registry.platform(channel), { url, rawBody, headers: req.headers })) {
      throw new UnauthorizedError('Chữ ký push không hợp lệ (invalid push signature)', 'INVALID_PUSH_SIGNATURE');
    }
    void reply.status(channel.webhook.ackStatus ?? 204);
    const hint = channel.webhook.read(rawBody);
    if (!hint) return;
    const payload: PushHint = {
      channel: channel.name,
      shopId: hint.shopId,
      ...(hint.itemId ? { itemId: hint.itemId } : {}),
      ...(hint.deauthorized ? { deauthorized: true } : {}),
    };
    await this.jobs.enqueueNow(PUSH_QUEUE, payload, hint.notificationId ? { dedupeKey: `${channel.name}:${hint.notificationId}` } : {});
  }
}
