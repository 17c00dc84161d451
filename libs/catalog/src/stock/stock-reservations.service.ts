import { Injectable } from '@nestjs/common';
import { ConflictError, DomainEvents } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

export interface StockLine {
  productId: string;
  quantity: number;
}

/** 409 `OUT_OF_STOCK`: the message names the product and what is left; `details[0].field` is `items.<productId>`. */
export class OutOfStockError extends ConflictError {
  constructor(
    readonly productId: string,
    readonly productName: string,
    readonly available: number,
  ) {
    const message =
      available > 0
        ? `${productName}: chỉ còn ${available} — không đủ hàng (only ${available} left, not enough stock)`
        : `${productName}: đã hết hàng hoặc ngừng bán (out of stock or no longer on sale)`;
    super(message, 'OUT_OF_STOCK', [{ field: `items.${productId}`, message }]);
  }
}

/** Same product twice adds up; sorted by id so every transaction locks product rows in one order (no deadlock). */
function normalise(lines: StockLine[]): StockLine[] {
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.productId, (byId.get(l.productId) ?? 0) + l.quantity);
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Stock taken by orders, inside the ordering context's transaction. `reserve` is one conditional
 * UPDATE per product (`stock_quantity >= q AND status = 'published'`): the row lock it takes makes
 * concurrent buyers of the last units queue behind each other, and the condition — re-checked on
 * the committed row after waiting — lets exactly as many through as there are units, never below
 * zero (the column's CHECK is the last guard). `product.changed` is published in the same
 * transaction, so the search index and partner listings (the existing sync) follow the stock.
 * Whether the product is visible (enterprise verified) is the caller's check through `ProductViews`.
 */
@Injectable()
export class StockReservations {
  constructor(private readonly events: DomainEvents) {}

  /** Takes every line or none (throws `OutOfStockError` for the first short product; the caller's transaction rolls back). */
  async reserve(m: EntityManager, lines: StockLine[]): Promise<void> {
    for (const line of normalise(lines)) {
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new Error(`stock: bad quantity ${line.quantity}`);
      const [rows] = (await m.query(
        `UPDATE products SET stock_quantity = stock_quantity - $2, updated_at = now()
         WHERE id = $1 AND stock_quantity >= $2 AND status = 'published'
         RETURNING stock_quantity`,
        [line.productId, line.quantity],
      )) as [Array<{ stock_quantity: number }>, number];
      if (!rows.length) {
        const [p] = await m.query(`SELECT name, stock_quantity, status FROM products WHERE id = $1`, [line.productId]);
        throw new OutOfStockError(line.productId, p?.name ?? line.productId, p?.status === 'published' ? Number(p.stock_quantity) : 0);
      }
      await this.events.publish(m, 'product.changed', { productId: line.productId });
    }
  }

  /** Gives stock back (a cancelled or expired order); the caller makes sure it happens once per reservation. */
  async release(m: EntityManager, lines: StockLine[]): Promise<void> {
    for (const line of normalise(lines)) {
      await m.query(`UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1`, [line.productId, line.quantity]);
      await this.events.publish(m, 'product.changed', { productId: line.productId });
    }
  }
}
