import { Body, Controller, Get, Header, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, type ResolvedConfig } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import { CreateInquiryDto, InquiryListQueryDto, InquiryStatsQueryDto, UpdateInquiryStatusDto } from '../dto/inquiry-input.dto';
import { FormTokenDto, InquiryDto, InquiryPageDto, InquiryReceiptDto, InquiryStatsDto } from '../dto/inquiry-output.dto';
import { InquiryInbox } from '../inbox/inquiry-inbox.service';
import { FormTokens, FORM_TOKEN_TTL_SECONDS } from '../spam/form-token';
import { InquiryStats } from '../stats/inquiry-stats.service';
import { InquirySubmissions } from '../submissions/inquiry-submissions.service';
import { clientInfo } from './client-info';

/** Buyers ask about a product; the enterprise's members read and triage; admins see volumes. */
@ApiTags('inquiries')
@Controller()
export class InquiriesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly submissions: InquirySubmissions,
    private readonly inbox: InquiryInbox,
    private readonly stats: InquiryStats,
    private readonly tokens: FormTokens,
  ) {}

  /** Anonymous senders need a form token at least INQUIRY_MIN_FILL_SECONDS old. */
  @Get('api/v1/inquiries/form-token')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: FormTokenDto })
  formToken(): FormTokenDto {
    return { token: this.tokens.issue(), minFillSeconds: this.config.inquiries.minFillSeconds, validForSeconds: FORM_TOKEN_TTL_SECONDS };
  }

  @Post('api/v1/products/:id/inquiries')
  @OptionalAuth()
  @ApiCreatedResponse({ type: InquiryReceiptDto, description: 'Also for a duplicate (the first one’s reference)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Unknown or not publicly visible product' })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'with a Retry-After header' })
  create(
    @Param('id') productId: string,
    @Body() body: CreateInquiryDto,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
  ): Promise<InquiryReceiptDto> {
    return this.submissions.submit(productId, body, user, clientInfo(req));
  }

  @Get('api/v1/enterprises/:id/inquiries')
  @Auth()
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ type: InquiryPageDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  list(@Param('id') enterpriseId: string, @Query() query: InquiryListQueryDto, @CurrentUser() user: Principal): Promise<InquiryPageDto> {
    return this.inbox.ofEnterprise(user, enterpriseId, query);
  }

  @Patch('api/v1/inquiries/:id')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: InquiryDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  setStatus(@Param('id') id: string, @Body() body: UpdateInquiryStatusDto, @CurrentUser() user: Principal): Promise<InquiryDto> {
    return this.inbox.setStatus(user, id, body.status);
  }

  @Get('api/v1/admin/inquiries/stats')
  @Auth('admin')
  @ApiOkResponse({ type: InquiryStatsDto })
  volumes(@Query() query: InquiryStatsQueryDto): Promise<InquiryStatsDto> {
    return this.stats.volumes(query);
  }
}
