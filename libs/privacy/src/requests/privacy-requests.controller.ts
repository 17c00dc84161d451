import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import {
  AcknowledgeRequestDto,
  CompleteRequestDto,
  ExtendRequestDto,
  PrivacyRequestDto,
  PrivacyRequestListDto,
  PrivacyRequestReceiptDto,
  SubmitPrivacyRequestDto,
} from './privacy-request.dto';
import { PrivacyRequests } from './privacy-requests.service';

/** A privacy request from anyone (no account needed). */
@ApiTags('privacy')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@Controller('api/v1/privacy-requests')
export class PrivacyRequestsController {
  constructor(private readonly requests: PrivacyRequests) {}

  @Post()
  @ApiCreatedResponse({ type: PrivacyRequestReceiptDto, description: 'Keep the code; the deadlines are in the receipt' })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto })
  submit(@Body() dto: SubmitPrivacyRequestDto, @Req() req: FastifyRequest): Promise<PrivacyRequestReceiptDto> {
    return this.requests.submit(dto, req.ip);
  }
}

/** The staff queue with its timers. */
@ApiTags('admin')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'PRIVACY_REQUEST_STATE' })
@Controller('api/v1/admin/privacy-requests')
@Auth('admin', 'editor')
export class PrivacyRequestQueueController {
  constructor(private readonly requests: PrivacyRequests) {}

  @Get()
  @ApiOkResponse({ type: PrivacyRequestListDto, description: 'Open first, most urgent first; `overdue` flags a missed timer' })
  async list(): Promise<PrivacyRequestListDto> {
    return { items: await this.requests.list() };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: PrivacyRequestDto })
  acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcknowledgeRequestDto): Promise<PrivacyRequestDto> {
    return this.requests.acknowledge(id, dto.processorInvolved ?? false);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @ApiOkResponse({ type: PrivacyRequestDto, description: 'Once only' })
  extend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ExtendRequestDto): Promise<PrivacyRequestDto> {
    return this.requests.extend(id, dto.reason);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: PrivacyRequestDto })
  complete(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CompleteRequestDto): Promise<PrivacyRequestDto> {
    return this.requests.complete(id, dto.resolution, dto.rejected ?? false);
  }
}
