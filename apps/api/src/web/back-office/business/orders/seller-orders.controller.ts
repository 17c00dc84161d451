import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries, ReferenceData } from '@tradefloor/enterprise-profile';
import { SellerSubOrders, SubOrderListQueryDto, type SubOrderAction } from '@tradefloor/orders';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { validateForm } from '../../../session/form-validation';
import { BackOffice, SELLERS, type Form } from '../../back-office';
import { chooseEnterprise } from '../enterprise-choice';
import { packingSlipPdf } from './packing-slip';
import { NEEDS_REASON, SELLER_ACTIONS, sellerOrdersView, sellerSubOrderView, subOrderPath } from './seller-orders.view';

const DONE: Record<string, MessageKey> = { updated: 'ord.inbox.done' };

/** The seller's order inbox (/quan-ly/don-hang): sub-orders by status, one sub-order with its steps, the packing slip. */
@ApiExcludeController()
@Controller('quan-ly/don-hang')
export class SellerOrdersController {
  constructor(
    private readonly bo: BackOffice,
    private readonly subOrders: SellerSubOrders,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseQueries,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
      // A bad filter in the address bar is ignored rather than refused.
      const { value, errors } = await validateForm(SubOrderListQueryDto, req.query, r.ctx.lang);
      const query = Object.keys(errors).length ? new SubOrderListQueryDto() : value;
      const page = current ? await this.subOrders.list(r.user, current.id, query) : undefined;
      const body = sellerOrdersView(r.ctx, { mine, current, page, status: query.status, q: query.q, flash: this.bo.flash(r, DONE) });
      this.bo.send(r, r.ctx.t('ord.inbox.title'), body);
    });
  }

  @Get(':id/:code')
  detail(@Param('id') id: string, @Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const s = await this.subOrders.get(r.user, id, code);
      this.bo.send(r, s.code, sellerSubOrderView(r.ctx, id, s, r.csrf, this.bo.flash(r, DONE)));
    });
  }

  @Get(':id/:code/phieu-giao-hang.pdf')
  slip(@Param('id') id: string, @Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const s = await this.subOrders.get(r.user, id, code);
      const [commune, province] = await Promise.all([this.reference.commune(s.address.communeCode), this.reference.province(s.address.provinceCode)]);
      const pdf = await packingSlipPdf(s, { commune: commune?.name ?? s.address.communeCode, province: province?.name ?? s.address.provinceCode });
      void reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="phieu-giao-hang-${s.code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });
  }

  @Post(':id/:code/:action')
  step(
    @Param('id') id: string,
    @Param('code') code: string,
    @Param('action') action: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      if (!SELLER_ACTIONS.has(action)) throw new NotFoundError('Thao tác');
      const reason = body.reason?.trim() ?? '';
      try {
        if (action === 'confirm-payment') await this.subOrders.confirmPayment(r.user, id, code);
        else {
          if (NEEDS_REASON.has(action) && reason.length < 3) {
            const s = await this.subOrders.get(r.user, id, code);
            return this.bo.send(r, s.code, sellerSubOrderView(r.ctx, id, s, r.csrf, undefined, r.ctx.t('ord.inbox.reason')), 400);
          }
          await this.subOrders.transition(r.user, id, code, action as SubOrderAction, reason ? { reason } : {});
        }
      } catch (err) {
        if (!(err instanceof DomainError) || err.status === 404 || err.status === 403 || err.status >= 500) throw err;
        const s = await this.subOrders.get(r.user, id, code);
        return this.bo.send(r, s.code, sellerSubOrderView(r.ctx, id, s, r.csrf, undefined, errorText(r.ctx.lang, err)), err.status);
      }
      this.bo.redirect(r, subOrderPath(id, code), 'updated');
    });
  }
}
