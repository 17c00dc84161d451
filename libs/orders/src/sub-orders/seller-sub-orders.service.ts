import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError, InvalidStateError, likeWords, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import type { SubOrderListQueryDto } from '../dto/orders-input.dto';
import type { SellerSubOrderDto, SellerSubOrderPageDto } from '../dto/orders-output.dto';
import { SUB_ORDER_CODE_PATTERN } from '../checkout/order-codes';
import { SubOrderShipments } from '../shipping/sub-order-shipments';
import { toSellerDto } from './order-mapper';
import { SUB_ORDER_STATUSES, type SubOrderAction } from './sub-order-states';
import { SubOrderReads } from './sub-order-reads';
import { SubOrderWorkflow } from './sub-order-workflow';

/**
 * The seller's inbox: its enterprise's sub-orders with filters and counts per status, one
 * sub-order, and the seller's steps. A caller who is not a member (nor an admin) gets 404 for
 * the enterprise and for every sub-order in it, and a sub-order of another enterprise is 404
 * under this one — nothing tells a stranger that an order exists.
 */
@Injectable()
export class SellerSubOrders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly reads: SubOrderReads,
    private readonly workflow: SubOrderWorkflow,
    private readonly shipments: SubOrderShipments,
  ) {}

  async list(principal: Principal, enterpriseId: string, query: SubOrderListQueryDto): Promise<SellerSubOrderPageDto> {
    await this.assertMember(principal, enterpriseId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const words = likeWords(query.q);
    const params: unknown[] = [enterpriseId];
    const search = words
      .map((w) => {
        params.push(`%${w}%`);
        const p = `$${params.length}`;
        return `(s.code ILIKE ${p} OR o.buyer_name ILIKE ${p} OR o.buyer_phone ILIKE ${p} OR s.recipient_name ILIKE ${p} OR s.recipient_phone ILIKE ${p})`;
      })
      .join(' AND ');
    const base = `WHERE s.enterprise_id = $1 ${search ? `AND ${search}` : ''}`;
    const countRows: Array<{ status: string; n: number }> = await this.dataSource.query(
      `SELECT s.status, count(*)::int AS n FROM sub_orders s JOIN orders o ON o.id = s.order_id ${base} GROUP BY s.status`,
      params,
    );
    const statusParams = [...params];
    let where = base;
    if (query.status) {
      statusParams.push(query.status);
      where += ` AND s.status = $${statusParams.length}`;
    }
    statusParams.push(pageSize, (page - 1) * pageSize);
    const { rows, names } = await this.reads.select(
      `${where} ORDER BY s.placed_at DESC, s.code LIMIT $${statusParams.length - 1} OFFSET $${statusParams.length}`,
      statusParams,
    );
    const counts = SUB_ORDER_STATUSES.map((status) => ({ status, count: countRows.find((r) => r.status === status)?.n ?? 0 }));
    const total = query.status ? (counts.find((c) => c.status === query.status)?.count ?? 0) : counts.reduce((s, c) => s + c.count, 0);
    return { items: rows.map((r) => toSellerDto(r, names.get(r.enterprise_id) ?? '')), total, page, pageSize, counts };
  }

  async get(principal: Principal, enterpriseId: string, code: string): Promise<SellerSubOrderDto> {
    await this.assertMember(principal, enterpriseId);
    return this.load(enterpriseId, code);
  }

  async transition(
    principal: Principal,
    enterpriseId: string,
    code: string,
    action: SubOrderAction,
    extra: { reason?: string; note?: string },
  ): Promise<SellerSubOrderDto> {
    await this.assertMember(principal, enterpriseId);
    await this.dataSource.transaction(async (m) => {
      const s = SUB_ORDER_CODE_PATTERN.test(code) ? await this.workflow.lock(m, { code }) : undefined;
      if (!s || s.enterprise_id !== enterpriseId) throw notFound();
      await this.workflow.apply(m, s, action, { role: 'seller', principal }, extra);
      // A carrier sub-order: the parcel is handed to the carrier when packed (or shipped without packing), in this transaction.
      if (action === 'pack' || action === 'ship') await this.shipments.request(m, s.id);
      if (action === 'cancel') await this.shipments.cancel(m, s.code);
    });
    return this.load(enterpriseId, code);
  }

  /** VietQR only: the seller saw the transfer in its own account. */
  async confirmPayment(principal: Principal, enterpriseId: string, code: string): Promise<SellerSubOrderDto> {
    await this.assertMember(principal, enterpriseId);
    await this.dataSource.transaction(async (m) => {
      const s = SUB_ORDER_CODE_PATTERN.test(code) ? await this.workflow.lock(m, { code }) : undefined;
      if (!s || s.enterprise_id !== enterpriseId) throw notFound();
      if (s.payment_method !== 'vietqr' || s.payment_state !== 'awaiting' || ['cancelled', 'expired'].includes(s.status)) {
        throw new InvalidStateError(
          'Chỉ xác nhận được tiền chuyển khoản VietQR đang chờ (only an awaited VietQR transfer can be confirmed)',
          'ILLEGAL_TRANSITION',
        );
      }
      await this.workflow.confirmPayment(m, s, { role: 'seller', principal });
    });
    return this.load(enterpriseId, code);
  }

  private async load(enterpriseId: string, code: string): Promise<SellerSubOrderDto> {
    if (!SUB_ORDER_CODE_PATTERN.test(code)) throw notFound();
    const { rows, names } = await this.reads.select(`WHERE s.code = $1 AND s.enterprise_id = $2`, [code, enterpriseId]);
    if (!rows.length) throw notFound();
    return toSellerDto(rows[0], names.get(enterpriseId) ?? '');
  }

  private async assertMember(principal: Principal, enterpriseId: string): Promise<void> {
    try {
      await this.access.assertCanManage(principal, enterpriseId);
    } catch (err) {
      if (err instanceof ForbiddenError) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
      throw err;
    }
  }
}

const notFound = () => new NotFoundError('Đơn hàng', 'SUB_ORDER_NOT_FOUND');
