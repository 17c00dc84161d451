import { Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { NotFoundError } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { Shipping, type CarrierCode } from '@tradefloor/shipping';
import type { EntityManager } from 'typeorm';
import { DEFAULT_UNIT_WEIGHT_GRAMS, parcelWeight } from './shipping-choices';

/**
 * The sub-order's side of a carrier shipment (GHN, GHTK), always inside the seller's step's
 * transaction, so the shipment exists exactly when the step commits:
 * - `pack` (the parcel is ready for the carrier to pick up) asks libs/shipping for the shipment —
 *   reference = sub-order code; COD = the sub-order's total for cash on delivery, 0 for VietQR
 *   (the buyer pays the seller directly). `ship` asks too, for a seller who skips packing;
 *   `Shipping.requestShipment` is idempotent per reference, so asking twice changes nothing.
 * - `cancel` by the seller (before the carrier picked up) cancels the shipment if there is one.
 * "Seller delivers" sub-orders have no shipment: the seller's own steps move them.
 */
@Injectable()
export class SubOrderShipments {
  constructor(
    private readonly shipping: Shipping,
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
  ) {}

  async request(m: EntityManager, subOrderId: string): Promise<void> {
    const [s] = await m.query(
      `SELECT code, enterprise_id, shipping_carrier, province_code, commune_code, street, recipient_name, recipient_phone,
              payment_method, total_vnd, items_subtotal_vnd FROM sub_orders WHERE id = $1`,
      [subOrderId],
    );
    if (!s || s.shipping_carrier === 'seller') return;
    const items: Array<{ product_id: string; product_name: string; sku: string; unit_price_vnd: string; quantity: number }> = await m.query(
      `SELECT product_id, product_name, sku, unit_price_vnd, quantity FROM sub_order_items WHERE sub_order_id = $1 ORDER BY position`,
      [subOrderId],
    );
    const weights = new Map(
      (
        await this.products.load(
          items.map((i) => i.product_id),
          m,
        )
      ).map((p) => [p.id, p.weightGrams]),
    );
    const [seller] = await this.enterprises.load([s.enterprise_id], m);
    const lines = items.map((i) => ({ view: { weightGrams: weights.get(i.product_id) ?? null, priceVnd: Number(i.unit_price_vnd) }, quantity: i.quantity }));
    await this.shipping.requestShipment(m, {
      reference: s.code,
      enterpriseId: s.enterprise_id,
      carrier: s.shipping_carrier as CarrierCode,
      from: { provinceCode: seller.provinceCode, communeCode: seller.communeCode },
      to: { provinceCode: s.province_code, communeCode: s.commune_code, street: s.street, name: s.recipient_name, phone: s.recipient_phone },
      weightGrams: parcelWeight(lines),
      codAmountVnd: s.payment_method === 'cod' ? Number(s.total_vnd) : 0,
      declaredValueVnd: Number(s.items_subtotal_vnd),
      items: items.map((i) => ({
        name: i.product_name.slice(0, 200),
        quantity: i.quantity,
        sku: i.sku.slice(0, 64),
        priceVnd: Number(i.unit_price_vnd),
        weightGrams: Math.min(weights.get(i.product_id) ?? DEFAULT_UNIT_WEIGHT_GRAMS, 50_000),
      })),
    });
  }

  /** Cancels the sub-order's carrier shipment, if one was requested (409 `SHIPMENT_NOT_CANCELLABLE` once picked up). */
  async cancel(m: EntityManager, code: string): Promise<void> {
    try {
      await this.shipping.cancelShipment(m, code);
    } catch (err) {
      if (err instanceof NotFoundError) return; // never packed: no shipment to cancel
      throw err;
    }
  }
}
