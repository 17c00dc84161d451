import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockReservations, type SaleView } from '@tradefloor/catalog';
import { Clock, ConflictError, JobQueue, type FieldError, normalizeVietnameseMobile, prepared, ValidationFailedError } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { Carts, type CartCookieChange, type CartLine, type CartOwner } from '../cart/cart.service';
import type { CheckoutDto, SellerCheckoutDto } from '../dto/orders-input.dto';
import type { OrderDto, SalesTermsDto } from '../dto/orders-output.dto';
import { ShippingChoices, type PricedChoice } from '../shipping/shipping-choices';
import { EXPIRE_SUB_ORDER_QUEUE } from '../sub-orders/sub-order-expiry';
import { SubOrderWorkflow } from '../sub-orders/sub-order-workflow';
import { BuyerOrders } from '../sub-orders/buyer-orders.service';
import type { SubOrderRow } from '../sub-orders/order-mapper';
import { newOrderCode, subOrderCode } from './order-codes';

/** How often a checkout draws a new order code when the one drawn was taken (one in ~10⁸ per order at a million orders). */
const ORDER_CODE_ATTEMPTS = 5;

/** The random order code was already taken: the whole transaction is run again with another. */
class OrderCodeTaken extends Error {}

interface Buyer {
  userId: string | null;
  name: string;
  phone: string;
  email: string;
}

interface SellerPlan {
  input: SellerCheckoutDto;
  terms: SalesTermsDto;
  lines: Array<{ view: SaleView; quantity: number }>;
  subtotal: number;
  /** The buyer's shipping choice, priced by us at checkout (never the client's fee). */
  shipping: PricedChoice;
}

/**
 * Places an order from the caller's cart: one sub-order per enterprise, each with its payment
 * method, delivery address (validated against the commune reference data and the seller's
 * delivery area), shipping choice and note. Everything is validated before the transaction;
 * inside it the order, sub-orders, lines, history, mails and expiry jobs are written first and
 * the stock is reserved last (catalog's `StockReservations`, rows in id order), so the product
 * row locks — the only contended ones — are held for the shortest time. A short product rolls
 * everything back: 409 `OUT_OF_STOCK` naming it.
 */
@Injectable()
export class Checkout {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carts: Carts,
    private readonly stock: StockReservations,
    private readonly reference: ReferenceData,
    private readonly choices: ShippingChoices,
    private readonly workflow: SubOrderWorkflow,
    private readonly orders: BuyerOrders,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async place(owner: CartOwner, input: CheckoutDto, change: CartCookieChange): Promise<OrderDto> {
    const principal = owner.principal;
    const problems: FieldError[] = [];
    if (!principal && !input.buyerName) problems.push({ field: 'buyerName', message: 'Cần họ tên (name required)' });
    if (!principal && !input.buyerEmail) problems.push({ field: 'buyerEmail', message: 'Cần email để nhận thông báo đơn hàng (email required)' });
    const { cartId, lines, views } = await this.carts.currentForSale(owner, change);
    if (!lines.length) throw new ValidationFailedError([...problems, { field: 'cart', message: 'Giỏ hàng trống (the cart is empty)' }]);

    const plans = await this.plan(lines, views, input, problems);
    const buyer: Buyer = {
      userId: principal?.id ?? null,
      name: input.buyerName ?? principal!.displayName,
      phone: normalizeVietnameseMobile(input.buyerPhone),
      email: principal?.email ?? input.buyerEmail!,
    };
    const placed = await this.placeInTransaction(cartId!, lines, buyer, plans, principal);
    // Answered from what the insert returned, with the sellers' names read with the cart's products.
    const names = new Map(plans.map((p) => [p.input.enterpriseId, p.lines[0].view.enterpriseName]));
    const [order] = await this.orders.fromRows([placed.code], placed.rows, names, true);
    return order;
  }

  /**
   * The transaction: the order (taking the cart's lines) and then the stock, with all their jobs in
   * one batch. Run again, whole, in the rare case the random order code was already taken.
   */
  private async placeInTransaction(
    cartId: string,
    lines: CartLine[],
    buyer: Buyer,
    plans: SellerPlan[],
    principal: Principal | undefined,
  ): Promise<{ code: string; rows: SubOrderRow[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) =>
          this.jobs.batch(m, async () => {
            const order = await this.insertOrder(m, cartId, lines, buyer, plans, principal, this.clock.now());
            await this.stock.reserve(
              m,
              plans.flatMap((p) => p.lines.map((l) => ({ productId: l.view.id, quantity: l.quantity }))),
            );
            return order;
          }),
        );
      } catch (err) {
        if (!(err instanceof OrderCodeTaken) || attempt === ORDER_CODE_ATTEMPTS) throw err;
      }
    }
  }

  /** Groups the cart by seller and checks each seller's entry; every problem at once, as field errors. */
  private async plan(
    lines: Array<{ productId: string; quantity: number }>,
    saleViews: SaleView[],
    input: CheckoutDto,
    problems: FieldError[],
  ): Promise<SellerPlan[]> {
    const views = new Map(saleViews.map((v) => [v.id, v]));
    const bySeller = new Map<string, Array<{ view: SaleView; quantity: number }>>();
    for (const l of lines) {
      const view = views.get(l.productId);
      if (!view?.visible) {
        throw new ConflictError(
          `${view?.name ?? 'Một sản phẩm'} không còn được bán — hãy bỏ khỏi giỏ hàng (no longer on sale: remove it from the cart)`,
          'PRODUCT_UNAVAILABLE',
          [{ field: `items.${l.productId}`, message: 'Sản phẩm không còn được bán (no longer on sale)' }],
        );
      }
      if (l.quantity < view.minOrderQuantity) {
        problems.push({
          field: `items.${l.productId}`,
          message: `${view.name}: đặt tối thiểu ${view.minOrderQuantity} ${view.unit} (below the minimum order)`,
        });
      }
      bySeller.set(view.enterpriseId, [...(bySeller.get(view.enterpriseId) ?? []), { view, quantity: l.quantity }]);
    }
    const { terms, methods } = await this.carts.sellerConditions(bySeller);
    const seen = new Set<string>();
    const plans: SellerPlan[] = [];
    for (const [i, entry] of input.subOrders.entries()) {
      const prefix = `subOrders.${i}`;
      const sellerLines = bySeller.get(entry.enterpriseId);
      if (!sellerLines) {
        problems.push({ field: `${prefix}.enterpriseId`, message: 'Giỏ hàng không có sản phẩm của người bán này (no cart lines of this seller)' });
        continue;
      }
      if (seen.has(entry.enterpriseId)) {
        problems.push({ field: `${prefix}.enterpriseId`, message: 'Mỗi người bán chỉ một lần (each seller once)' });
        continue;
      }
      seen.add(entry.enterpriseId);
      const sellerTerms = terms.get(entry.enterpriseId)!;
      const addressProblems = await this.reference.checkAddress(entry.address.provinceCode, entry.address.communeCode, `${prefix}.address`);
      problems.push(...addressProblems);
      if (!methods.get(entry.enterpriseId)!.includes(entry.paymentMethod)) {
        problems.push({
          field: `${prefix}.paymentMethod`,
          message: 'Người bán không nhận phương thức thanh toán này (payment method not accepted by this seller)',
        });
      }
      const subtotal = sellerLines.reduce((s, l) => s + l.view.priceVnd * l.quantity, 0);
      let shipping: PricedChoice = { carrier: 'seller', service: '', feeVnd: 0 };
      if (!addressProblems.length) {
        const priced = await this.choices.price(
          entry.enterpriseId,
          sellerTerms,
          sellerLines,
          entry.address,
          entry.shipping,
          entry.paymentMethod === 'cod' ? subtotal : 0,
          `${prefix}.shipping`,
          `${prefix}.address.communeCode`,
        );
        if ('field' in priced) problems.push(priced);
        else shipping = priced;
      }
      plans.push({ input: entry, terms: sellerTerms, lines: sellerLines, subtotal, shipping });
    }
    for (const enterpriseId of bySeller.keys()) {
      if (!seen.has(enterpriseId)) {
        const name = bySeller.get(enterpriseId)![0].view.enterpriseName;
        problems.push({ field: 'subOrders', message: `Thiếu thông tin giao hàng cho ${name} (missing the delivery details for ${enterpriseId})` });
      }
    }
    if (problems.length) throw new ValidationFailedError(problems);
    return plans;
  }

  /**
   * The order with every sub-order, line, history row and job, whatever the number of sellers. One
   * statement first takes the cart's lines: it updates the cart's row (its lock, and the version a
   * cart addition checks — see cart.service.ts) and deletes the lines, and writes the order only if
   * they are exactly the lines priced (`lines`). A statement's snapshot is taken before it waits for
   * the cart's lock, so a line added during that wait is not taken and stays in the cart; a line
   * changed or removed meanwhile makes the lines differ: 409 `CART_CHANGED`, and the rollback
   * restores the cart (a double click's second checkout finds nothing left to take). The same
   * statement writes the order, its sub-orders, their lines and their first history rows; the jobs
   * (mails, expiry) join the checkout's batch (`JobQueue.batch`). The history rows are the
   * workflow's (`SubOrderWorkflow.recorded` does the rest of a recording). Returns the order's code
   * and its sub-orders as rows of `SUB_ORDER_SELECT`'s shape, built from what the statement wrote.
   */
  private async insertOrder(
    m: EntityManager,
    cartId: string,
    lines: CartLine[],
    buyer: Buyer,
    plans: SellerPlan[],
    principal: Principal | undefined,
    now: Date,
  ): Promise<{ code: string; rows: SubOrderRow[] }> {
    const code = newOrderCode();
    const codes = plans.map((_, n) => subOrderCode(code, n + 1));
    const expiresAt = plans.map((p) => new Date(now.getTime() + p.terms.confirmWithinHours * 3600_000));
    // Lines by sub-order code, positions 1…n in cart order within each.
    const items = plans.flatMap((p, n) => p.lines.map((l, i) => ({ subCode: codes[n], position: i + 1, view: l.view, quantity: l.quantity })));
    const rows: Array<SubOrderRow & { cart_unchanged: boolean; id: string; code: string; event_id: string }> = await m.query(
      prepared(`WITH touched AS (
         UPDATE carts SET updated_at = $6 WHERE id = $35 RETURNING id
       ), taken AS (
         DELETE FROM cart_items WHERE cart_id = (SELECT id FROM touched) RETURNING product_id, quantity
       ), same AS (
         SELECT NOT EXISTS (SELECT product_id, quantity FROM taken EXCEPT SELECT * FROM unnest($36::uuid[], $37::int[]))
            AND NOT EXISTS (SELECT * FROM unnest($36::uuid[], $37::int[]) EXCEPT SELECT product_id, quantity FROM taken) AS ok
       ), o AS (
         INSERT INTO orders (code, buyer_user_id, buyer_name, buyer_phone, buyer_email, created_at)
         SELECT $1, $2, $3, $4, $5, $6 FROM same WHERE same.ok
         ON CONFLICT (code) DO NOTHING RETURNING id
       ), subs AS (
       INSERT INTO sub_orders (order_id, code, enterprise_id, seller_kind, status, payment_method, payment_state, province_code, commune_code,
                               street, recipient_name, recipient_phone, note, shipping_carrier, shipping_service, shipping_fee_vnd,
                               items_subtotal_vnd, total_vnd, prices_include_vat, placed_at, expires_at, updated_at)
       SELECT o.id, s.code, s.enterprise_id, s.seller_kind, 'placed', s.payment_method, s.payment_state, s.province_code, s.commune_code,
              s.street, s.recipient_name, s.recipient_phone, s.note, s.shipping_carrier, s.shipping_service, s.shipping_fee_vnd,
              s.items_subtotal_vnd, s.total_vnd, s.prices_include_vat, $6, s.expires_at, $6
       FROM o, unnest($7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                      $16::text[], $17::text[], $18::text[], $19::text[], $20::bigint[], $21::bigint[], $22::bigint[], $23::boolean[],
                      $24::timestamptz[])
            AS s(code, enterprise_id, seller_kind, payment_method, payment_state, province_code, commune_code, street, recipient_name,
                 recipient_phone, note, shipping_carrier, shipping_service, shipping_fee_vnd, items_subtotal_vnd, total_vnd,
                 prices_include_vat, expires_at)
       RETURNING *
     ), i AS (
       INSERT INTO sub_order_items (sub_order_id, position, product_id, product_name, sku, unit, unit_price_vnd, quantity, line_total_vnd)
       SELECT subs.id, l.position, l.product_id, l.product_name, l.sku, l.unit, l.unit_price_vnd, l.quantity, l.line_total_vnd
       FROM subs JOIN unnest($25::text[], $26::int[], $27::uuid[], $28::text[], $29::text[], $30::text[], $31::bigint[], $32::int[], $33::bigint[])
            AS l(sub_code, position, product_id, product_name, sku, unit, unit_price_vnd, quantity, line_total_vnd) ON l.sub_code = subs.code
       RETURNING *
     ), history AS (
       INSERT INTO sub_order_events (sub_order_id, from_status, to_status, action, actor_role, actor_id, note, at)
       SELECT subs.id, NULL, 'placed', 'place', 'buyer', $34::uuid, subs.note, $6 FROM subs
       RETURNING *
     )
     SELECT same.ok AS cart_unchanged, subs.*, $1 AS order_code, $2::uuid AS buyer_user_id, $3 AS buyer_name, $4 AS buyer_phone, $5 AS buyer_email,
            $6::timestamptz AS order_created_at, history.id AS event_id,
            (SELECT json_agg(i ORDER BY i.position) FROM i WHERE i.sub_order_id = subs.id) AS items_json,
            json_build_array(json_build_object('sub_order_id', history.sub_order_id, 'from_status', history.from_status,
              'to_status', history.to_status, 'action', history.action, 'actor_role', history.actor_role, 'note', history.note,
              'at', history.at)) AS events_json
     FROM same LEFT JOIN (subs JOIN history ON history.sub_order_id = subs.id) ON true ORDER BY subs.code`),
      [
        code,
        buyer.userId,
        buyer.name,
        buyer.phone,
        buyer.email.toLowerCase(),
        now,
        codes,
        plans.map((p) => p.input.enterpriseId),
        plans.map((p) => p.lines[0].view.enterpriseKind),
        plans.map((p) => p.input.paymentMethod),
        plans.map((p) => (p.input.paymentMethod === 'cod' ? 'cod_on_delivery' : 'awaiting')),
        plans.map((p) => p.input.address.provinceCode),
        plans.map((p) => p.input.address.communeCode),
        plans.map((p) => p.input.address.street),
        plans.map((p) => p.input.address.recipientName),
        plans.map((p) => normalizeVietnameseMobile(p.input.address.recipientPhone)),
        plans.map((p) => p.input.note || null),
        plans.map((p) => p.shipping.carrier),
        plans.map((p) => p.shipping.service),
        plans.map((p) => p.shipping.feeVnd),
        plans.map((p) => p.subtotal),
        plans.map((p) => p.subtotal + p.shipping.feeVnd),
        plans.map((p) => p.terms.pricesIncludeVat),
        expiresAt,
        items.map((l) => l.subCode),
        items.map((l) => l.position),
        items.map((l) => l.view.id),
        items.map((l) => l.view.name),
        items.map((l) => l.view.sku),
        items.map((l) => l.view.unit),
        items.map((l) => l.view.priceVnd),
        items.map((l) => l.quantity),
        items.map((l) => l.view.priceVnd * l.quantity),
        principal?.id ?? null,
        cartId,
        lines.map((l) => l.productId),
        lines.map((l) => l.quantity),
      ],
    );
    if (!rows[0].cart_unchanged) {
      throw new ConflictError('Giỏ hàng vừa thay đổi — vui lòng xem lại rồi đặt hàng (the cart changed: review it and order again)', 'CART_CHANGED');
    }
    // The lines were right but nothing was written: the code was taken (placeInTransaction draws another).
    if (rows[0].id === null) throw new OrderCodeTaken();
    // Each placement's expiry job goes in with the placements' notification jobs.
    await this.workflow.recorded(
      m,
      rows.map((r) => ({
        subOrder: { id: r.id, code: r.code, enterprise_id: r.enterprise_id },
        eventId: String(r.event_id),
        event: { from: null, to: 'placed', action: 'place', actor: { role: 'buyer', principal }, note: r.note, at: now },
        alsoEnqueue: [{ queue: EXPIRE_SUB_ORDER_QUEUE, payload: { subOrderId: r.id }, options: { runAt: r.expires_at, dedupeKey: r.id } }],
      })),
    );
    return { code, rows };
  }
}
