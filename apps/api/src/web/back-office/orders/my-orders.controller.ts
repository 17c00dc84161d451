import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, PageQueryDto } from '@tradefloor/core';
import { ROLES, type Role } from '@tradefloor/identity';
import { BuyerOrders, ReviewLinks, type SubOrderDto } from '@tradefloor/orders';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { orderQrImages } from '../../store/orders/order-qr';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { validateForm } from '../../session/form-validation';
import { BackOffice, type Form } from '../back-office';
import { MY_ORDERS_PATH, myOrderView, myOrdersView } from './my-orders.view';

/** Anyone signed in may have bought something. */
const SIGNED_IN: Role[] = [...ROLES];
const DONE: Record<string, MessageKey> = { cancelled: 'ord.mine.cancelled' };

/** The signed-in buyer's orders (/quan-ly/don-mua): the list, one order, cancelling before the seller confirms. */
@ApiExcludeController()
@Controller('quan-ly/don-mua')
export class MyOrdersController {
  constructor(
    private readonly bo: BackOffice,
    private readonly orders: BuyerOrders,
    private readonly reviewLinks: ReviewLinks,
  ) {}

  /** The same signed review page the "completed" mail links to. */
  private reviewHref = (s: SubOrderDto): string | undefined =>
    s.status === 'completed' && s.completedAt ? `/danh-gia/${this.reviewLinks.tokenFor(s.code, new Date(s.completedAt))}` : undefined;

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SIGNED_IN, async (r) => {
      const { value, errors } = await validateForm(PageQueryDto, req.query, r.ctx.lang);
      const page = await this.orders.mine(r.user, Object.keys(errors).length ? new PageQueryDto() : value);
      this.bo.send(r, r.ctx.t('ord.mine.title'), myOrdersView(r.ctx, page));
    });
  }

  @Get(':code')
  detail(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SIGNED_IN, async (r) => {
      const order = await this.orders.get(code, r.user, undefined);
      this.bo.send(r, order.orderCode, myOrderView(r.ctx, order, await orderQrImages(order), r.csrf, this.bo.flash(r, DONE), undefined, this.reviewHref));
    });
  }

  @Post(':code/huy')
  cancel(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, SIGNED_IN, async (r) => {
      const reason = body.reason?.trim();
      try {
        await this.orders.cancel(code, r.user, { subOrderCodes: body.subOrderCode ? [body.subOrderCode] : undefined, ...(reason ? { reason } : {}) });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status === 404 || err.status === 403 || err.status >= 500) throw err;
        const order = await this.orders.get(code, r.user, undefined);
        return this.bo.send(
          r,
          order.orderCode,
          myOrderView(r.ctx, order, await orderQrImages(order), r.csrf, undefined, errorText(r.ctx.lang, err), this.reviewHref),
          err.status,
        );
      }
      this.bo.redirect(r, `${MY_ORDERS_PATH}/${code}`, 'cancelled');
    });
  }
}
