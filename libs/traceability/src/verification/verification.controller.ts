import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import type { FastifyRequest } from 'fastify';
import { scanRequest } from './scan-request';
import { StampVerifier } from './stamp-verifier.service';
import { VerificationDto } from './verification.dto';

/**
 * Public verification as JSON, for apps. Each read counts as a scan. The HTML page for phones
 * that scanned the QR code (`/t/:serial` and the GS1 Digital Link path) is rendered by the web
 * layer with this same verifier.
 */
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
}
