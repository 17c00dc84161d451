import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, isSecureSite, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import {
  CandidateProductListDto,
  ChannelConnectionDto,
  ChannelConnectionListDto,
  ChannelParamDto,
  ChannelSettingsDto,
  ChooseProductsDto,
  ChooseProductsResultDto,
  ConnectChannelDto,
  ConnectResultDto,
} from '../dto/channel.dto';
import { browserKeyCookie, browserKeyFor } from './auth-binding';
import { ConnectionsService } from './connections.service';

@ApiTags('partner-sync')
@Controller('api/v1/enterprises/:id/channels')
@Auth()
export class ChannelsController {
  constructor(
    private readonly connections: ConnectionsService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Channels with an authorisation flow answer with the consent URL and bind it to this browser (cookie). */
  @Post()
  @ApiCreatedResponse({ type: ConnectResultDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async connect(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ConnectChannelDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConnectResultDto> {
    const secure = isSecureSite(this.config);
    const browserKey = browserKeyFor(req.headers.cookie, secure);
    const result = await this.connections.connect(user, id, dto, { browserKey });
    if (result.authorizationUrl) void reply.header('set-cookie', browserKeyCookie(browserKey, secure));
    return result;
  }

  @Get()
  @ApiOkResponse({ type: ChannelConnectionListDto })
  async list(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelConnectionListDto> {
    return { items: await this.connections.list(user, id) };
  }

  @Delete(':channel')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async disconnect(@CurrentUser() user: Principal, @Param() p: ChannelParamDto): Promise<void> {
    await this.connections.disconnect(user, p.id, p.channel);
  }

  @Put(':channel/settings')
  @ApiOkResponse({ type: ChannelConnectionDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  settings(@CurrentUser() user: Principal, @Param() p: ChannelParamDto, @Body() dto: ChannelSettingsDto): Promise<ChannelConnectionDto> {
    return this.connections.updateSettings(user, p.id, p.channel, dto);
  }

  @Get(':channel/candidates')
  @ApiOkResponse({ type: CandidateProductListDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  candidates(@CurrentUser() user: Principal, @Param() p: ChannelParamDto): Promise<CandidateProductListDto> {
    return this.connections.candidates(user, p.id, p.channel);
  }

  @Put(':channel/products')
  @ApiOkResponse({ type: ChooseProductsResultDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async products(@CurrentUser() user: Principal, @Param() p: ChannelParamDto, @Body() dto: ChooseProductsDto): Promise<ChooseProductsResultDto> {
    return { channel: p.channel, changed: await this.connections.chooseProducts(user, p.id, p.channel, dto.productIds, dto.mode) };
  }
}
