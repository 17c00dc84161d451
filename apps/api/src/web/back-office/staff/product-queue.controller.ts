import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApproveProductDto, ProductLifecycle, ProductQueries, RejectProductDto } from '@tradefloor/catalog';
import { DomainError, isUuid } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { queryPage } from '../../kit/query';
import { validateForm } from '../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../back-office';
import { PRODUCT_QUEUE_PATH as PATH, productQueueView, type ProductQueueProblem } from './product-queue.view';

const PAGE_SIZE = 10;
const DONE: Record<string, MessageKey> = { approve: 'admin.prod.done.approve', reject: 'admin.prod.done.reject' };

/** The moderation queue (admins and editors): pending products with a preview, approve or reject. */
@ApiExcludeController()
@Controller('quan-ly/duyet-san-pham')
export class ProductQueueController {
  constructor(
    private readonly bo: BackOffice,
    private readonly queries: ProductQueries,
    private readonly lifecycle: ProductLifecycle,
    private readonly enterpriseViews: EnterpriseViews,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, { status: 200 }));
  }

  @Post(':id/:action')
  act(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      if (!isUuid(id) || (action !== 'approve' && action !== 'reject')) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      try {
        if (action === 'approve') {
          // Pinned to the revision shown on the page: an edit made meanwhile is not approved unseen.
          const revision = Number(body.revision);
          const pinned = Number.isInteger(revision) && revision > 0 ? revision : undefined;
          let override: { reason: string } | undefined;
          if (body.overrideScreening === 'true') {
            // An approval despite a prohibited screening match carries its reason (audited).
            const { value, errors } = await validateForm(ApproveProductDto, { overrideScreening: true, overrideReason: body.overrideReason }, r.ctx.lang);
            if (errors.overrideReason) return this.render(r, { id, overrideReason: body.overrideReason, overrideError: errors.overrideReason, status: 400 });
            override = { reason: value.overrideReason as string };
          }
          await this.lifecycle.moderate(id, 'approve', undefined, pinned, override);
        } else {
          const { value, errors } = await validateForm(RejectProductDto, { reason: body.reason }, r.ctx.lang);
          if (errors.reason) return this.render(r, { id, reason: body.reason, error: errors.reason, status: 400 });
          await this.lifecycle.moderate(id, 'reject', value.reason);
        }
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.render(r, { message: errorText(r.ctx.lang, err), status: err.status });
      }
      this.bo.redirect(r, PATH, action);
    });
  }

  private async render(r: BackOfficeRequest, problem: ProductQueueProblem): Promise<void> {
    const page = queryPage(r.req.query);
    const list = await this.queries.listForModeration({ status: 'pending_review', page, pageSize: PAGE_SIZE });
    const enterprises = await this.enterpriseNames(list.items.map((p) => p.enterpriseId));
    const body = productQueueView(r.ctx, { ...list, page, pageSize: PAGE_SIZE, enterprises, done: this.bo.flash(r, DONE), problem, csrf: r.csrf });
    this.bo.send(r, r.ctx.t('admin.prod.title'), body, problem.status);
  }

  private async enterpriseNames(ids: string[]): Promise<Map<string, { name: string; status: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.enterpriseViews.load([...new Set(ids)]);
    return new Map(rows.map((e) => [e.id, { name: e.displayName, status: e.status }]));
  }
}
