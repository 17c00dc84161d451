import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews, StockReservations, type SaleView } from '@tradefloor/catalog';
import { Clock, ConflictError, type FieldError, normalizeVietnameseMobile, ValidationFailedError } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { Carts, type CartCookieChange, type CartOwner } from '../cart/cart.service';
import type { CheckoutDto, SellerCheckoutDto } from '../dto/orders-input.dto';
import type { OrderDto, SalesTermsDto } from '../dto/orders-output.dto';
import { PaymentGateway } from '../payment/payment-gateway';
import { SalesTerms } from '../sales-terms/sales-terms.service';
import { ShippingChoices, type PricedChoice } from '../shipping/shipping-choices';
import { EXPIRE_SUB_ORDER_QUEUE } from '../sub-orders/sub-order-expiry';
import { SubOrderWorkflow } from '../sub-orders/sub-order-workflow';
import { BuyerOrders } from '../sub-orders/buyer-orders.service';
import { newOrderCode, subOrderCode } from './order-codes';

const lineKey = (lines: Array<{ productId: string; quantity: number }>) =>
  JSON.stringify(lines.map((l) => [l.productId, l.quantity]).sort(([a], [b]) => String(a).localeCompare(String(b))));

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
    private readonly products: ProductViews,
    private readonly stock: StockReservations,
    private readonly terms: SalesTerms,
    private readonly reference: ReferenceData,
    private readonly payments: PaymentGateway,
    private readonly choices: ShippingChoices,
    private readonly workflow: SubOrderWorkflow,
    private readonly orders: BuyerOrders,
    private readonly clock: Clock,
  ) {}

  async place(owner: CartOwner, input: CheckoutDto, change: CartCookieChange): Promise<OrderDto> {
    const principal = owner.principal;
    const problems: FieldError[] = [];
    if (!principal && !input.buyerName) problems.push({ field: 'buyerName', message: 'Cần họ tên (name required)' });
    if (!principal && !input.buyerEmail) problems.push({ field: 'buyerEmail', message: 'Cần email để nhận thông báo đơn hàng (email required)' });
    const cartId = await this.carts.resolve(owner, false, change);
    const lines = cartId ? await this.carts.lines(cartId) : [];
    if (!lines.length) throw new ValidationFailedError([...problems, { field: 'cart', message: 'Giỏ hàng trống (the cart is empty)' }]);

    const plans = await this.plan(lines, input, problems);
    const buyer = {
      userId: principal?.id ?? null,
      name: input.buyerName ?? principal!.displayName,
      phone: normalizeVietnameseMobile(input.buyerPhone),
      email: principal?.email ?? input.buyerEmail!,
    };
    const orderCode = await this.dataSource.transaction(async (m) => {
      // A double click (or two tabs) must not order the same cart twice: the second waits here, then finds it changed.
      if (lineKey(await this.carts.lockLines(cartId!, m)) !== lineKey(lines)) {
        throw new ConflictError('Giỏ hàng vừa thay đổi — vui lòng xem lại rồi đặt hàng (the cart changed: review it and order again)', 'CART_CHANGED');
      }
      const now = this.clock.now();
      const { id: orderId, code } = await this.insertOrder(m, buyer, now);
      for (const [n, plan] of plans.entries()) await this.insertSubOrder(m, orderId, subOrderCode(code, n + 1), plan, principal, now);
      await m.query(`DELETE FROM cart_items WHERE cart_id = $1`, [cartId]);
      await this.stock.reserve(
        m,
        plans.flatMap((p) => p.lines.map((l) => ({ productId: l.view.id, quantity: l.quantity }))),
      );
      return code;
    });
    return this.orders.load(orderCode, true);
  }

  /** Groups the cart by seller and checks each seller's entry; every problem at once, as field errors. */
  private async plan(lines: Array<{ productId: string; quantity: number }>, input: CheckoutDto, problems: FieldError[]): Promise<SellerPlan[]> {
    const views = new Map((await this.products.loadForSale(lines.map((l) => l.productId))).map((v) => [v.id, v]));
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
    const terms = await this.terms.many([...bySeller.keys()]);
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
      if (!(await this.payments.available(entry.enterpriseId)).includes(entry.paymentMethod)) {
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

  private async insertOrder(m: EntityManager, buyer: { userId: string | null; name: string; phone: string; email: string }, now: Date) {
    for (;;) {
      const code = newOrderCode();
      const [row] = await m.query(
        `INSERT INTO orders (code, buyer_user_id, buyer_name, buyer_phone, buyer_email, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [code, buyer.userId, buyer.name, buyer.phone, buyer.email.toLowerCase(), now],
      );
      if (row) return { id: row.id as string, code };
    }
  }

  private async insertSubOrder(m: EntityManager, orderId: string, code: string, plan: SellerPlan, principal: Principal | undefined, now: Date): Promise<void> {
    const { input, terms } = plan;
    const expiresAt = new Date(now.getTime() + terms.confirmWithinHours * 3600_000);
    const [row] = await m.query(
      `INSERT INTO sub_orders (order_id, code, enterprise_id, seller_kind, status, payment_method, payment_state, province_code, commune_code,
                               street, recipient_name, recipient_phone, note, shipping_carrier, shipping_service, shipping_fee_vnd,
                               items_subtotal_vnd, total_vnd, prices_include_vat, placed_at, expires_at, updated_at)
       VALUES ($1, $2, $3, $4, 'placed', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $19)
       RETURNING id`,
      [
        orderId,
        code,
        input.enterpriseId,
        plan.lines[0].view.enterpriseKind,
        input.paymentMethod,
        input.paymentMethod === 'cod' ? 'cod_on_delivery' : 'awaiting',
        input.address.provinceCode,
        input.address.communeCode,
        input.address.street,
        input.address.recipientName,
        normalizeVietnameseMobile(input.address.recipientPhone),
        input.note || null,
        plan.shipping.carrier,
        plan.shipping.service,
        plan.shipping.feeVnd,
        plan.subtotal,
        plan.subtotal + plan.shipping.feeVnd,
        terms.pricesIncludeVat,
        now,
        expiresAt,
      ],
    );
    // Every line in one statement (positions 1…n in cart order).
    const items = plan.lines;
    await m.query(
      `INSERT INTO sub_order_items (sub_order_id, position, product_id, product_name, sku, unit, unit_price_vnd, quantity, line_total_vnd)
       SELECT $1, position, product_id, product_name, sku, unit, unit_price_vnd, quantity, line_total_vnd
       FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[], $9::bigint[])
            AS t(position, product_id, product_name, sku, unit, unit_price_vnd, quantity, line_total_vnd)`,
      [
        row.id,
        items.map((_, i) => i + 1),
        items.map((l) => l.view.id),
        items.map((l) => l.view.name),
        items.map((l) => l.view.sku),
        items.map((l) => l.view.unit),
        items.map((l) => l.view.priceVnd),
        items.map((l) => l.quantity),
        items.map((l) => l.view.priceVnd * l.quantity),
      ],
    );
    // The expiry job goes in with the placement's notification jobs (one insert).
    await this.workflow.record(
      m,
      { id: row.id, code, enterprise_id: input.enterpriseId },
      { from: null, to: 'placed', action: 'place', actor: { role: 'buyer', principal }, note: input.note || null, at: now },
      [{ queue: EXPIRE_SUB_ORDER_QUEUE, payload: { subOrderId: row.id }, options: { runAt: expiresAt, dedupeKey: row.id } }],
    );
  }
}
