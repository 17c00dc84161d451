import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import type { FastifyRequest } from 'fastify';
import { scanRequest } from './scan-request';
import { StampVerifier } from './stamp-verifier.service';
import { renderVerificationPage } from './verification-page';
import { VerificationDto } from './verification.dto';

/** Public verification: JSON for apps, HTML for phones that scanned the QR code. Each read counts as a scan. */
@ApiTags('traceability')
@ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto, description: 'with a Retry-After header' })
@Controller()
export class VerificationController {
  constructor(private readonly verifier: StampVerifier) {}

  @Get('api/v1/stamps/:serial')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: VerificationDto })
  verify(@Param('serial') serial: string, @Req() req: FastifyRequest): Promise<VerificationDto> {
    return this.verifier.verify(serial, scanRequest(req, 'api'));
  }

  @Get('t/:serial')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  // Public pages, like the storefront's, stay out of the API document.
  @ApiExcludeEndpoint()
  async page(@Param('serial') serial: string, @Req() req: FastifyRequest): Promise<string> {
    return renderVerificationPage(await this.verifier.verify(serial, scanRequest(req, 'html')));
  }

  /** GS1 Digital Link: the serial must belong to this GTIN and lot. */
  @Get('01/:gtin/10/:lot/21/:serial')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiExcludeEndpoint()
  async digitalLink(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Param('serial') serial: string,
    @Req() req: FastifyRequest,
  ): Promise<string> {
    return renderVerificationPage(await this.verifier.verify(serial, scanRequest(req, 'html'), { gtin, lot }));
  }
}
