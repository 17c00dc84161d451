import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutOfStockError, ProductViews, type SaleView } from '@tradefloor/catalog';
import { Clock, isUuid, NotFoundError, prepared, ValidationFailedError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CartLineDto } from '../dto/orders-input.dto';
import type { CartDto, CartSellerDto, SalesTermsDto } from '../dto/orders-output.dto';
import { PaymentGateway, type PaymentMethodCode } from '../payment/payment-gateway';
import { SalesTerms } from '../sales-terms/sales-terms.service';
import { ShippingChoices, type DeliveryTo } from '../shipping/shipping-choices';

export const MAX_CART_LINES = 50;

/** Who is asking for a cart: a signed-in buyer, a guest's cookie token, or both (then the guest cart merges in). */
export interface CartOwner {
  principal?: Principal;
  token?: string;
}

/** What the controller must do with the cookie after the call. */
export interface CartCookieChange {
  /** A new guest token to set, or null to clear the cookie (merged into the buyer's cart). */
  cookie?: string | null;
}

export interface CartLine {
  productId: string;
  quantity: number;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Carts: a guest's, found by the hash of its cookie token, or a signed-in buyer's, found by user
 * id. When a signed-in request still carries a guest cookie, the guest cart's lines are added to
 * the buyer's cart (quantities summed) and the guest cart is deleted. Quantities are checked
 * against the product's stock and minimum order on every change; the cart view shows each
 * line's remaining problems (stock can move under a cart) and, per seller, the sales terms,
 * shipping options and payment methods — everything a buyer must see before ordering.
 */
@Injectable()
export class Carts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductViews,
    private readonly terms: SalesTerms,
    private readonly payments: PaymentGateway,
    private readonly choices: ShippingChoices,
    private readonly clock: Clock,
  ) {}

  /** The caller's cart id (null if none and `create` is false); merges a guest cart into a buyer's. */
  async resolve(owner: CartOwner, create: boolean, change: CartCookieChange = {}): Promise<string | null> {
    const now = this.clock.now();
    const guest = owner.token
      ? ((await this.dataSource.query(prepared(`SELECT id FROM carts WHERE token_hash = $1 AND user_id IS NULL`), [tokenHash(owner.token)]))[0]?.id as
          string | undefined)
      : undefined;
    if (owner.principal) {
      const userId = owner.principal.id;
      let [row] = await this.dataSource.query(`SELECT id FROM carts WHERE user_id = $1`, [userId]);
      if (!row && (create || guest)) {
        [row] = await this.dataSource.query(
          `INSERT INTO carts (user_id, created_at, updated_at) VALUES ($1, $2, $2)
           ON CONFLICT (user_id) DO UPDATE SET updated_at = EXCLUDED.updated_at RETURNING id`,
          [userId, now],
        );
      }
      if (guest && row) {
        await this.dataSource.transaction(async (m) => {
          await m.query(
            `INSERT INTO cart_items (cart_id, product_id, quantity, added_at)
             SELECT $2, product_id, quantity, added_at FROM cart_items WHERE cart_id = $1
             ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, 100000)`,
            [guest, row.id],
          );
          await m.query(`DELETE FROM carts WHERE id = $1`, [guest]);
        });
      }
      // Signed in: the guest cookie has served its purpose (merged, or pointing at nothing).
      if (owner.token) change.cookie = null;
      return (row?.id as string | undefined) ?? null;
    }
    if (guest) return guest;
    return create ? this.newGuestCart(this.dataSource, change) : null;
  }

  /** A new guest cart and the cookie token that finds it (only its hash is stored). */
  private async newGuestCart(db: DataSource | EntityManager, change: CartCookieChange): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const [row] = await db.query(prepared(`INSERT INTO carts (token_hash, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id`), [
      tokenHash(token),
      this.clock.now(),
    ]);
    change.cookie = token;
    return row.id as string;
  }

  /**
   * A guest's cart for `add`, found and locked by its token in one statement, or created in the
   * transaction (nobody else can see it yet; `created` receives its cookie, which the caller hands
   * out only after the commit).
   */
  private async lockGuestCart(token: string | undefined, created: CartCookieChange, m: EntityManager): Promise<string> {
    const [row] = token ? await m.query(prepared(`SELECT id FROM carts WHERE token_hash = $1 AND user_id IS NULL FOR UPDATE`), [tokenHash(token)]) : [];
    return (row?.id as string | undefined) ?? this.newGuestCart(m, created);
  }

  /** The caller's cart id and lines, without creating a cart; a guest's (the common case) in one statement. */
  async current(owner: CartOwner, change: CartCookieChange = {}): Promise<{ cartId: string | null; lines: CartLine[] }> {
    if (!owner.principal && owner.token) {
      const rows: Array<{ id: string; product_id: string | null; quantity: number | null }> = await this.dataSource.query(
        prepared(`SELECT c.id, i.product_id, i.quantity FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.id
         WHERE c.token_hash = $1 AND c.user_id IS NULL ORDER BY i.added_at, i.product_id`),
        [tokenHash(owner.token)],
      );
      const lines = rows.filter((r) => r.product_id !== null).map((r) => ({ productId: r.product_id!, quantity: r.quantity! }));
      return { cartId: rows[0]?.id ?? null, lines };
    }
    const cartId = await this.resolve(owner, false, change);
    return { cartId, lines: cartId ? await this.lines(cartId) : [] };
  }

  /** With a delivery address (already checked), each seller's options include the carriers' quotes for it. */
  async view(owner: CartOwner, change: CartCookieChange = {}, to?: DeliveryTo): Promise<CartDto> {
    if (to) await this.choices.checkDestination(to);
    return this.render((await this.current(owner, change)).lines, to);
  }

  /** Adds to a line (creating the cart, and for a guest its cookie). */
  async add(owner: CartOwner, line: CartLine, change: CartCookieChange): Promise<CartDto> {
    // A signed-in buyer's cart is resolved before the transaction: resolving may merge a guest cart in its own.
    const buyerCart = owner.principal ? (await this.resolve(owner, true, change))! : undefined;
    const created: CartCookieChange = {};
    const { lines, views } = await this.dataSource.transaction(async (m) => {
      if (buyerCart) await lockCart(m, buyerCart);
      const cartId = buyerCart ?? (await this.lockGuestCart(owner.token, created, m));
      // A cart created just now has no lines to read.
      const current = created.cookie ? [] : await this.datedLines(cartId, m);
      const existing = current.find((l) => l.productId === line.productId);
      if (!existing && current.length >= MAX_CART_LINES) {
        throw ValidationFailedError.field('productId', `Giỏ hàng tối đa ${MAX_CART_LINES} sản phẩm (at most ${MAX_CART_LINES} lines)`);
      }
      // The product checked and every line's view for the answer, in one read.
      const views = await this.products.loadForSale([...new Set([...current.map((l) => l.productId), line.productId])], m);
      const quantity = (existing?.quantity ?? 0) + line.quantity;
      const addedAt = await this.setLine(m, cartId, { productId: line.productId, quantity }, 'quantity', views);
      // The cart as it now is, in `lines()` order, without reading it again.
      const after = existing
        ? current.map((l) => (l === existing ? { ...l, quantity } : l))
        : [...current, { productId: line.productId, quantity, addedAt }].sort(byAddedThenProduct);
      return { lines: after.map(({ productId, quantity: q }) => ({ productId, quantity: q })), views };
    });
    if (created.cookie) change.cookie = created.cookie;
    return this.render(lines, undefined, views);
  }

  /** Sets quantities (0 removes a line). */
  async update(owner: CartOwner, lines: CartLineDto[], change: CartCookieChange): Promise<CartDto> {
    const cartId = await this.resolve(owner, true, change);
    await this.dataSource.transaction(async (m) => {
      await lockCart(m, cartId!);
      for (const [i, line] of lines.entries()) {
        if (line.quantity === 0) await m.query(`DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2`, [cartId, line.productId]);
        else await this.setLine(m, cartId!, line, `items.${i}.quantity`);
      }
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM cart_items WHERE cart_id = $1`, [cartId]);
      if (n > MAX_CART_LINES) throw ValidationFailedError.field('items', `Giỏ hàng tối đa ${MAX_CART_LINES} sản phẩm (at most ${MAX_CART_LINES} lines)`);
    });
    return this.render(await this.lines(cartId!));
  }

  async removeLine(owner: CartOwner, productId: string, change: CartCookieChange): Promise<CartDto> {
    const cartId = await this.resolve(owner, false, change);
    if (cartId && isUuid(productId)) await this.dataSource.query(`DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2`, [cartId, productId]);
    return this.render(cartId ? await this.lines(cartId) : []);
  }

  async clear(owner: CartOwner, change: CartCookieChange): Promise<void> {
    const cartId = await this.resolve(owner, false, change);
    if (cartId) await this.dataSource.query(`DELETE FROM cart_items WHERE cart_id = $1`, [cartId]);
  }

  /**
   * Checkout's step: locks the cart (`lockCart`) and empties it in one statement, returning the lines
   * it held. A statement's snapshot is taken before it waits for the lock, so a line whose adding
   * committed during that wait is not deleted and stays in the cart for later; a line changed or
   * removed during the wait is deleted as it now is (or not at all). Either way the caller compares
   * the lines with those it priced, throws if they differ, and its rollback restores them. A double
   * click's second checkout finds nothing left to delete.
   */
  async lockAndEmpty(cartId: string, m: EntityManager): Promise<CartLine[]> {
    const [rows] = (await m.query(
      prepared(`DELETE FROM cart_items WHERE cart_id = (SELECT id FROM carts WHERE id = $1 FOR UPDATE) RETURNING product_id, quantity`),
      [cartId],
    )) as [Array<{ product_id: string; quantity: number }>, number];
    return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
  }

  async lines(cartId: string, db: DataSource | EntityManager = this.dataSource): Promise<CartLine[]> {
    return (await this.datedLines(cartId, db)).map(({ productId, quantity }) => ({ productId, quantity }));
  }

  /** The cart's lines in the order they were added (`byAddedThenProduct`). */
  private async datedLines(cartId: string, db: DataSource | EntityManager): Promise<Array<CartLine & { addedAt: Date }>> {
    const rows: Array<{ product_id: string; quantity: number; added_at: Date }> = await db.query(
      prepared(`SELECT product_id, quantity, added_at FROM cart_items WHERE cart_id = $1 ORDER BY added_at, product_id`),
      [cartId],
    );
    return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity, addedAt: r.added_at }));
  }

  /**
   * Each seller's sales terms and payment methods, for a cart grouped by seller: one read each
   * whatever the number of sellers (default terms take the seller's province from the views).
   */
  async sellerConditions(
    bySeller: ReadonlyMap<string, ReadonlyArray<{ view: SaleView }>>,
  ): Promise<{ terms: Map<string, SalesTermsDto>; methods: Map<string, PaymentMethodCode[]> }> {
    const sellerIds = [...bySeller.keys()];
    const homeProvinces = new Map([...bySeller].map(([id, lines]) => [id, lines[0].view.enterpriseProvinceCode]));
    return { terms: await this.terms.many(sellerIds, homeProvinces), methods: await this.payments.availableTo(sellerIds) };
  }

  /** The cart grouped by seller, with each line's problems, sales terms, shipping options and payment methods. */
  async render(lines: CartLine[], to?: DeliveryTo, known?: SaleView[]): Promise<CartDto> {
    const views = new Map((known ?? (await this.products.loadForSale(lines.map((l) => l.productId)))).map((p) => [p.id, p]));
    const bySeller = new Map<string, { view: SaleView; quantity: number }[]>();
    for (const l of lines) {
      const view = views.get(l.productId);
      if (!view) continue;
      const list = bySeller.get(view.enterpriseId) ?? [];
      list.push({ view, quantity: l.quantity });
      bySeller.set(view.enterpriseId, list);
    }
    const { terms, methods } = await this.sellerConditions(bySeller);
    const sellers: CartSellerDto[] = [];
    for (const [enterpriseId, items] of bySeller) {
      const salesTerms = terms.get(enterpriseId)!;
      const rendered = items.map(({ view, quantity }) => ({
        productId: view.id,
        name: view.name,
        slug: view.slug,
        sku: view.sku,
        unit: view.unit,
        thumbnailUrl: view.thumbnailUrl,
        unitPriceVnd: view.priceVnd,
        quantity,
        lineTotalVnd: view.priceVnd * quantity,
        stockQuantity: view.visible ? view.stockQuantity : 0,
        minOrderQuantity: view.minOrderQuantity,
        problems: lineProblems(view, quantity),
      }));
      sellers.push({
        enterpriseId,
        enterpriseName: items[0].view.enterpriseName,
        enterpriseSlug: items[0].view.enterpriseSlug,
        items: rendered,
        itemsSubtotalVnd: rendered.reduce((s, i) => s + i.lineTotalVnd, 0),
        salesTerms,
        shippingOptions: await this.choices.options(enterpriseId, salesTerms, items, to),
        paymentMethods: methods.get(enterpriseId)!,
      });
    }
    const all = sellers.flatMap((s) => s.items);
    return {
      sellers,
      itemCount: all.reduce((s, i) => s + i.quantity, 0),
      itemsTotalVnd: all.reduce((s, i) => s + i.lineTotalVnd, 0),
      checkoutReady: all.length > 0 && all.every((i) => i.problems.length === 0),
    };
  }

  /**
   * A line's quantity must be within stock and at least the minimum order; the product visible.
   * `views`: the product's view if the caller has already read it. Returns the line's `added_at`.
   */
  private async setLine(m: EntityManager, cartId: string, line: CartLine, field: string, views?: SaleView[]): Promise<Date> {
    const view = views ? views.find((v) => v.id === line.productId) : (await this.products.loadForSale([line.productId], m))[0];
    if (!view?.visible) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    if (line.quantity < view.minOrderQuantity) {
      throw ValidationFailedError.field(field, `Đặt tối thiểu ${view.minOrderQuantity} ${view.unit} (minimum order ${view.minOrderQuantity})`);
    }
    if (line.quantity > view.stockQuantity) throw new OutOfStockError(view.id, view.name, view.stockQuantity);
    const now = this.clock.now();
    // The line and the cart's last change in one statement.
    const [row] = await m.query(
      prepared(`WITH touched AS (UPDATE carts SET updated_at = $4 WHERE id = $1)
       INSERT INTO cart_items (cart_id, product_id, quantity, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
       RETURNING added_at`),
      [cartId, line.productId, line.quantity, now],
    );
    return row.added_at as Date;
  }
}

/**
 * Two requests on one cart (a double click, two tabs) wait for each other here. The lines are read
 * by a later statement on purpose: a join locked with `FOR UPDATE OF carts` would, after waiting,
 * still return the lines of its first snapshot (read committed re-checks only the locked row), so
 * the second click would not see the first's change.
 */
async function lockCart(m: EntityManager, cartId: string): Promise<void> {
  await m.query(prepared(`SELECT id FROM carts WHERE id = $1 FOR UPDATE`), [cartId]);
}

/** The order `lines()` reads a cart in. */
function byAddedThenProduct(a: { addedAt: Date; productId: string }, b: { addedAt: Date; productId: string }): number {
  const t = a.addedAt.getTime() - b.addedAt.getTime();
  return t !== 0 ? t : a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}

export function lineProblems(view: Pick<SaleView, 'visible' | 'stockQuantity' | 'minOrderQuantity'>, quantity: number): string[] {
  if (!view.visible) return ['unavailable'];
  const problems: string[] = [];
  if (quantity > view.stockQuantity) problems.push('insufficient_stock');
  if (quantity < view.minOrderQuantity) problems.push('below_minimum');
  return problems;
}
