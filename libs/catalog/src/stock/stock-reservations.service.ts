import { Injectable } from '@nestjs/common';
import { ConflictError, DomainEvents, JobQueue, prepared } from '@tradefloor/core';
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
 * Stock taken by orders, inside the ordering context's transaction. `reserve` first locks every
 * product row of the order in id order (`SELECT … ORDER BY id FOR UPDATE`, so concurrent
 * orders queue behind each other in one order and never deadlock), then takes all lines in one
 * conditional UPDATE (`stock_quantity >= q AND status = 'published'`, re-checked on the locked,
 * latest row), both in one statement: exactly as many buyers get through as there are units, never below zero (the
 * column's CHECK is the last guard). A line the UPDATE did not take rolls the whole order back.
 * `product.changed` is published for all lines at once in the same transaction, before the locks,
 * so the search index and partner listings (the existing sync) follow the stock.
 * Whether the product is visible (enterprise verified) is the caller's check through `ProductViews`.
 */
@Injectable()
export class StockReservations {
  constructor(
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  /** Takes every line or none (throws `OutOfStockError` for the first short product in id order; the caller's transaction rolls back). */
  async reserve(m: EntityManager, lines: StockLine[]): Promise<void> {
    const wanted = normalise(lines);
    if (!wanted.length) return;
    for (const line of wanted) {
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new Error(`stock: bad quantity ${line.quantity}`);
    }
    // Everything else first: the product events (and any jobs the caller's batch holds) are written
    // before the product rows are locked, so that only COMMIT is left while others wait for them.
    // If a line cannot be taken, the caller's transaction rolls them back with the rest.
    await this.events.publishMany(
      m,
      'product.changed',
      wanted.map((l) => ({ productId: l.productId })),
    );
    await this.jobs.flush(m);
    const ids = wanted.map((l) => l.productId);
    // One statement: the rows locked in id order first (the UPDATE joins the materialised lock, so
    // it cannot run ahead of it), then the conditional UPDATE re-checks each locked, latest row.
    const rows: Array<{ id: string; name: string; stock_quantity: number; status: string; taken: boolean }> = await m.query(
      prepared(`WITH locked AS MATERIALIZED (
         SELECT id, name, stock_quantity, status FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
       ), taken AS (
         UPDATE products p SET stock_quantity = p.stock_quantity - w.quantity, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS w(id, quantity), locked
         WHERE p.id = w.id AND locked.id = w.id AND p.stock_quantity >= w.quantity AND p.status = 'published'
         RETURNING p.id
       )
       SELECT l.id, l.name, l.stock_quantity, l.status, t.id IS NOT NULL AS taken FROM locked l LEFT JOIN taken t ON t.id = l.id`),
      [ids, wanted.map((l) => l.quantity)],
    );
    const taken = new Set(rows.filter((r) => r.taken).map((r) => r.id));
    if (taken.size !== wanted.length) {
      const short = wanted.find((l) => !taken.has(l.productId))!;
      const p = rows.find((r) => r.id === short.productId);
      throw new OutOfStockError(short.productId, p?.name ?? short.productId, p?.status === 'published' ? Number(p.stock_quantity) : 0);
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
