import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { DecideIdentityDto, IDENTITY_CHECKS, IdentityQueueQueryDto, SellerIdentity } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { queryChoice, queryPage } from '../../../kit/query';
import { validateForm } from '../../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../../back-office';
import { IDENTITY_REVIEW_PATH, IDENTITY_REVIEW_TABS, identityReviewView } from './identity-review.view';

const PAGE_SIZE = 20;
const DONE: Record<string, MessageKey> = { approve: 'ts.review.done.approve', reject: 'ts.review.done.reject' };

/** The staff identity review queue (/quan-ly/xac-thuc-danh-tinh): the same service and rules as the API. */
@ApiExcludeController()
@Controller('quan-ly/xac-thuc-danh-tinh')
export class IdentityReviewController {
  constructor(
    private readonly bo: BackOffice,
    private readonly identity: SellerIdentity,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, 200));
  }

  @Post(':id')
  decide(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      const checks = IDENTITY_CHECKS.filter((c) => body[`check_${c}`]);
      const { value, errors } = await validateForm(DecideIdentityDto, { decision: body.decision, reason: body.reason, checks }, r.ctx.lang);
      if (!value.reason?.trim() && value.decision === 'reject') errors.reason ??= r.ctx.t('ts.review.reason');
      const firstError = Object.values(errors)[0];
      if (firstError) return this.render(r, 400, { id, message: firstError, reason: body.reason });
      try {
        await this.identity.decide(r.user, id, { ...value, checks });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.render(r, err.status, { id, message: errorText(r.ctx.lang, err), reason: body.reason });
      }
      this.bo.redirect(r, IDENTITY_REVIEW_PATH, value.decision);
    });
  }

  private async render(r: BackOfficeRequest, status: number, problem?: { id: string; message: string; reason?: string }): Promise<void> {
    const tab = queryChoice(r.req.query, 'status', IDENTITY_REVIEW_TABS) ?? 'pending';
    const q = Object.assign(new IdentityQueueQueryDto(), { status: tab, page: queryPage(r.req.query), pageSize: PAGE_SIZE });
    const list = await this.identity.queue(q);
    const body = identityReviewView(r.ctx, {
      status: tab,
      items: list.items,
      total: list.total,
      page: q.page,
      pageSize: PAGE_SIZE,
      csrf: r.csrf,
      done: this.bo.flash(r, DONE),
      problem,
    });
    this.bo.send(r, r.ctx.t('ts.review.title'), body, status);
  }
}
