import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { scanRequest, StampVerifier, type VerificationDto } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { verdictBody, verdictHeadline } from './stamp-verdict.view';

/**
 * The page a phone opens when it scans a stamp's QR code: `/t/:serial`, or the GS1 Digital Link
 * path printed when the product has a GTIN. The traceability lib's verifier decides everything
 * (rate limit → 429, check symbol before any lookup, scan counting; HEAD does not count); this
 * only renders its answer in the storefront layout. Never cached: every view is a scan.
 */
@ApiExcludeController()
@Controller()
export class StampVerificationController {
  constructor(
    private readonly verifier: StampVerifier,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('t/:serial')
  async short(@Param('serial') serial: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.render(req, reply, await this.verifier.verify(serial, scanRequest(req, 'html')));
  }

  /** GS1 Digital Link: the serial must belong to this GTIN and lot, else it is a fake. */
  @Get('01/:gtin/10/:lot/21/:serial')
  async digitalLink(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Param('serial') serial: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.render(req, reply, await this.verifier.verify(serial, scanRequest(req, 'html'), { gtin, lot }));
  }

  private render(req: FastifyRequest, reply: FastifyReply, v: VerificationDto): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const headline = verdictHeadline(ctx, v.verdict);
    const title = v.product && v.verdict !== 'unknown' ? `${headline} – ${v.product.name}` : headline;
    const page = layout(ctx, { title, description: headline, path: ctx.currentPath, noindex: true }, verdictBody(ctx, v));
    sendPage(reply, page, 200, 'private');
  }
}
