import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { InquiryStats, InquiryStatsQueryDto } from '@tradefloor/inquiries';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { ADMINS, BackOffice, type Form } from '../back-office';
import { inquiryStatsView } from './inquiry-stats.view';

/** Inquiry volumes for admins (/quan-ly/hoi-mua/thong-ke); a bad range is shown on the form. */
@ApiExcludeController()
@Controller('quan-ly/hoi-mua/thong-ke')
export class InquiryStatsController {
  constructor(
    private readonly bo: BackOffice,
    private readonly stats: InquiryStats,
  ) {}

  @Get()
  volumes(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (r) => {
      const { ctx } = r;
      const form = req.query as Form;
      const title = ctx.t('inq.stats.title');
      const { value, errors } = await validateForm(InquiryStatsQueryDto, form, ctx.lang);
      if (Object.keys(errors).length) return this.bo.send(r, title, inquiryStatsView(ctx, undefined, form, errors), 400);
      try {
        this.bo.send(r, title, inquiryStatsView(ctx, await this.stats.volumes(value), form, {}));
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        this.bo.send(r, title, inquiryStatsView(ctx, undefined, form, domainFieldErrors(err, ctx.lang), errorText(ctx.lang, err)), err.status);
      }
    });
  }
}
