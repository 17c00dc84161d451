import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  InvalidStateError,
  isVietnameseMobile,
  normalizeVietnameseMobile,
  NotFoundError,
  type PageQueryDto,
  RateLimiter,
  TooManyRequestsError,
  ValidationFailedError,
} from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import type { BuyerCancelDto, ReturnRequestDto } from '../dto/orders-input.dto';
import type { OrderDto, OrderPageDto } from '../dto/orders-output.dto';
import { ORDER_CODE_PATTERN, orderCodeOf } from '../checkout/order-codes';
import { PaymentGateway } from '../payment/payment-gateway';
import { type SubOrderRow, toSubOrderDto } from './order-mapper';
import { SubOrderReads } from './sub-order-reads';
import { SubOrderWorkflow } from './sub-order-workflow';

/** Tries of a phone number per order code per hour: a guessed code cannot be paired with guessed phones. */
const LOOKUPS_PER_CODE = 20;

/**
 * The buyer's side: an order by its code (the signed-in buyer who placed it, or anyone with the
 * phone given at checkout — otherwise 404, never saying whether the code exists), the buyer's
 * orders, cancelling before the seller confirms, and asking for a return after delivery.
 */
@Injectable()
export class BuyerOrders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: SubOrderReads,
    private readonly workflow: SubOrderWorkflow,
    private readonly payments: PaymentGateway,
    private readonly limiter: RateLimiter,
  ) {}

  async get(code: string, principal: Principal | undefined, phone: string | undefined): Promise<OrderDto> {
    await this.assertBuyer(code, principal, phone);
    return this.load(code, true);
  }

  async mine(principal: Principal, query: PageQueryDto): Promise<OrderPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const rows: Array<{ code: string; total: number }> = await this.dataSource.query(
      `SELECT code, count(*) OVER ()::int AS total FROM orders WHERE buyer_user_id = $1 ORDER BY created_at DESC, code LIMIT $2 OFFSET $3`,
      [principal.id, pageSize, (page - 1) * pageSize],
    );
    const orders = await this.loadMany(rows.map((r) => r.code));
    const total = rows.length
      ? rows[0].total
      : Number((await this.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE buyer_user_id = $1`, [principal.id]))[0].n);
    return { items: orders, total, page, pageSize };
  }

  async cancel(code: string, principal: Principal | undefined, input: BuyerCancelDto): Promise<OrderDto> {
    await this.assertBuyer(code, principal, input.phone);
    await this.dataSource.transaction(async (m) => {
      const subs: Array<{ code: string; status: string }> = await m.query(
        `SELECT s.code, s.status FROM sub_orders s JOIN orders o ON o.id = s.order_id WHERE o.code = $1 ORDER BY s.code`,
        [code],
      );
      const wanted = input.subOrderCodes?.length ? input.subOrderCodes : subs.filter((s) => s.status === 'placed').map((s) => s.code);
      if (!wanted.length) {
        throw new InvalidStateError('Không còn đơn nào hủy được — người bán đã xác nhận (nothing left to cancel: already confirmed)', 'ILLEGAL_TRANSITION');
      }
      for (const subCode of [...new Set(wanted)].sort()) {
        if (!subs.some((s) => s.code === subCode)) throw new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
        const s = (await this.workflow.lock(m, { code: subCode }))!;
        await this.workflow.apply(m, s, 'buyer-cancel', { role: 'buyer', principal }, { reason: input.reason || 'Người mua hủy đơn (cancelled by the buyer)' });
      }
    });
    return this.load(code, false);
  }

  async requestReturn(code: string, principal: Principal | undefined, input: ReturnRequestDto): Promise<OrderDto> {
    await this.assertBuyer(code, principal, input.phone);
    await this.dataSource.transaction(async (m) => {
      const s = await this.workflow.lock(m, { code: input.subOrderCode });
      const [owner] = s ? await m.query(`SELECT 1 FROM orders o JOIN sub_orders s ON s.order_id = o.id WHERE s.id = $1 AND o.code = $2`, [s.id, code]) : [];
      if (!s || !owner) throw new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
      await this.workflow.apply(m, s, 'request-return', { role: 'buyer', principal }, { reason: input.reason });
    });
    return this.load(code, false);
  }

  /**
   * A sub-order its buyer may complain about: the code of one sub-order (`TV-7K3M9Q-1`), or of a
   * whole order that went to one seller only, proven like a look-up (the signed-in buyer, or the
   * phone given at checkout). Anything else is 404, never saying whether the code exists.
   */
  async ownSubOrder(code: string, principal: Principal | undefined, phone: string | undefined): Promise<{ code: string; enterpriseId: string }> {
    const notFound = new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
    const orderCode = orderCodeOf(code);
    await this.assertBuyer(orderCode, principal, phone);
    const subs: Array<{ code: string; enterprise_id: string }> = await this.dataSource.query(
      `SELECT s.code, s.enterprise_id FROM sub_orders s JOIN orders o ON o.id = s.order_id WHERE o.code = $1 ORDER BY s.code`,
      [orderCode],
    );
    const sub = orderCode === code ? (subs.length === 1 ? subs[0] : undefined) : subs.find((s) => s.code === code);
    if (!sub) {
      if (orderCode === code && subs.length > 1) {
        // The buyer proved the order is theirs: naming its sub-orders reveals nothing new.
        throw ValidationFailedError.field(
          'orderCode',
          `Đơn có ${subs.length} người bán: hãy ghi mã đơn của một người bán (${subs.map((s) => s.code).join(', ')}) (name one sub-order)`,
        );
      }
      throw notFound;
    }
    return { code: sub.code, enterpriseId: sub.enterprise_id };
  }

  /** The order with every sub-order (and, on request, each one's payment instructions). */
  async load(code: string, withPayment: boolean): Promise<OrderDto> {
    const [order] = await this.loadMany([code], withPayment);
    if (!order) throw new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
    return order;
  }

  private async loadMany(codes: string[], withPayment = false): Promise<OrderDto[]> {
    if (!codes.length) return [];
    const { rows, names } = await this.reads.select(`WHERE o.code = ANY($1::text[]) ORDER BY s.code`, [codes]);
    return this.fromRows(codes, rows, names, withPayment);
  }

  /**
   * Orders from rows shaped as `SUB_ORDER_SELECT`'s, in `codes` order (sub-orders as the rows come);
   * checkout answers with the rows its insert returned, without reading them back.
   */
  async fromRows(codes: string[], rows: SubOrderRow[], names: ReadonlyMap<string, string>, withPayment: boolean): Promise<OrderDto[]> {
    const out: OrderDto[] = [];
    for (const code of codes) {
      const subs = rows.filter((r) => r.order_code === code);
      if (!subs.length) continue;
      const dtos = [];
      for (const r of subs) {
        const dto = toSubOrderDto(r, names.get(r.enterprise_id) ?? '');
        if (withPayment && !['cancelled', 'expired'].includes(dto.status)) {
          dto.payment = await this.payments.instructions(dto.enterpriseId, dto.paymentMethod, { orderCode: dto.code, amountVnd: dto.totalVnd });
        }
        dtos.push(dto);
      }
      out.push({
        orderCode: code,
        buyerName: subs[0].buyer_name,
        buyerPhone: subs[0].buyer_phone,
        buyerEmail: subs[0].buyer_email,
        createdAt: subs[0].order_created_at,
        totalVnd: dtos.reduce((s, d) => s + d.totalVnd, 0),
        subOrders: dtos,
      });
    }
    return out;
  }

  /** The signed-in buyer who placed it, or the phone given at checkout; anything else is 404. */
  private async assertBuyer(code: string, principal: Principal | undefined, phone: string | undefined): Promise<void> {
    const notFound = new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
    if (!ORDER_CODE_PATTERN.test(code)) throw notFound;
    if (!principal || phone) {
      const limit = await this.limiter.hit(`order-lookup:${code}`, LOOKUPS_PER_CODE, 3600);
      if (!limit.allowed) throw new TooManyRequestsError(limit.retryAfterSeconds);
    }
    const [order] = await this.dataSource.query(`SELECT buyer_user_id, buyer_phone FROM orders WHERE code = $1`, [code]);
    if (!order) throw notFound;
    if (principal && order.buyer_user_id === principal.id) return;
    if (phone && isVietnameseMobile(phone) && normalizeVietnameseMobile(phone) === order.buyer_phone) return;
    throw notFound;
  }
}
