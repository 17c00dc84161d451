import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutOfStockError, ProductViews, SALE_VIEW_COLUMNS, SALE_VIEW_SOURCE, saleViewOf, type SaleView } from '@tradefloor/catalog';
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
/** How often `add` works an addition out again when the cart changed under it, before it waits for the cart's lock. */
const OPTIMISTIC_ADD_ATTEMPTS = 3;

type DatedLine = CartLine & { addedAt: Date };

/**
 * `add` in one statement: the cart (found by `$1`, see `addLine`) with its version and lines, the
 * views of its products and of `$2`; then, only if adding `$3` of `$2` is allowed (visible, within
 * minimum and stock, at most `$4` lines) and the cart's row still has the version read after any
 * wait for its lock, the row updated (the version moves on) and the line written. The rows of the
 * CTEs come back as JSON; `added_at` is null when nothing was written. The version is the row's
 * `xmin` (the transaction that last wrote it): every change of a cart's lines updates its `carts`
 * row first (`touchCart`), so an unchanged version means unchanged lines.
 */
const addLine = (cartIs: string) =>
  prepared(`WITH cart AS (
    SELECT c.id, c.xmin::text AS version FROM carts c WHERE ${cartIs}
  ), lines AS (
    SELECT i.product_id, i.quantity, i.added_at FROM cart_items i JOIN cart ON i.cart_id = cart.id
  ), views AS (
    SELECT ${SALE_VIEW_COLUMNS} FROM ${SALE_VIEW_SOURCE} WHERE p.id = ANY (array_append(ARRAY(SELECT product_id FROM lines), $2::uuid))
  ), wanted AS (
    SELECT v.id, COALESCE(l.quantity, 0) + $3 AS quantity FROM views v LEFT JOIN lines l ON l.product_id = v.id
    WHERE v.id = $2 AND v.visible AND COALESCE(l.quantity, 0) + $3 BETWEEN v.min_order_quantity AND v.stock_quantity
      AND (l.product_id IS NOT NULL OR (SELECT count(*) FROM lines) < $4)
  ), touched AS (
    UPDATE carts SET updated_at = $5 FROM cart
    WHERE carts.id = cart.id AND carts.xmin::text = cart.version AND EXISTS (SELECT 1 FROM wanted)
    RETURNING carts.id
  ), written AS (
    INSERT INTO cart_items (cart_id, product_id, quantity, added_at) SELECT touched.id, wanted.id, wanted.quantity, $5 FROM touched, wanted
    ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity
    RETURNING added_at
  )
  SELECT (SELECT json_agg(json_build_object('productId', product_id, 'quantity', quantity, 'addedAt', added_at) ORDER BY added_at, product_id) FROM lines) AS lines,
         (SELECT json_agg(views) FROM views) AS views,
         (SELECT added_at FROM written) AS added_at
  FROM cart`);
const ADD_LINE_BY_TOKEN = addLine(`c.token_hash = $1 AND c.user_id IS NULL`);
const ADD_LINE_BY_ID = addLine(`c.id = $1::uuid`);

interface AddLineRow {
  lines: Array<{ productId: string; quantity: number; addedAt: string }> | null;
  views: Array<Record<string, unknown>> | null;
  added_at: Date | null;
}

/** A cart's lines (in `lines()` order) and its products' sale views, in one statement. */
const cartForSale = (cartIs: string) =>
  prepared(`WITH cart AS (
    SELECT c.id FROM carts c WHERE ${cartIs}
  ), lines AS (
    SELECT i.product_id, i.quantity, i.added_at FROM cart_items i JOIN cart ON i.cart_id = cart.id
  )
  SELECT cart.id AS cart_id,
         (SELECT json_agg(json_build_object('productId', product_id, 'quantity', quantity) ORDER BY added_at, product_id) FROM lines) AS lines,
         (SELECT json_agg(v) FROM (SELECT ${SALE_VIEW_COLUMNS} FROM ${SALE_VIEW_SOURCE} WHERE p.id = ANY (ARRAY(SELECT product_id FROM lines))) v) AS views
  FROM cart`);
const CART_FOR_SALE_BY_TOKEN = cartForSale(`c.token_hash = $1 AND c.user_id IS NULL`);
const CART_FOR_SALE_BY_ID = cartForSale(`c.id = $1::uuid`);

/** A guest's first addition in one statement: the cart and its line, only if adding `$3` of `$2` is allowed. */
const NEW_CART_WITH_LINE = prepared(`WITH views AS (
    SELECT ${SALE_VIEW_COLUMNS} FROM ${SALE_VIEW_SOURCE} WHERE p.id = $2
  ), wanted AS (
    SELECT v.id FROM views v WHERE v.visible AND $3 BETWEEN v.min_order_quantity AND v.stock_quantity
  ), cart AS (
    INSERT INTO carts (token_hash, created_at, updated_at) SELECT $1, $4, $4 FROM wanted RETURNING id
  ), written AS (
    INSERT INTO cart_items (cart_id, product_id, quantity, added_at) SELECT cart.id, $2, $3, $4 FROM cart RETURNING added_at
  )
  SELECT (SELECT json_agg(views) FROM views) AS views, (SELECT added_at FROM written) AS added_at`);

/** A line's whole quantity, written under the cart's lock (after `touchCart`). */
const UPSERT_LINE = `INSERT INTO cart_items (cart_id, product_id, quantity, added_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity RETURNING added_at`;

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
          // The buyer's cart row is updated first (its version changes, see CartSnapshot), then the lines.
          await m.query(
            `WITH touched AS (UPDATE carts SET updated_at = $3 WHERE id = $2 RETURNING id)
             INSERT INTO cart_items (cart_id, product_id, quantity, added_at)
             SELECT touched.id, i.product_id, i.quantity, i.added_at FROM touched, cart_items i WHERE i.cart_id = $1
             ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = LEAST(cart_items.quantity + EXCLUDED.quantity, 100000)`,
            [guest, row.id, now],
          );
          await m.query(`DELETE FROM carts WHERE id = $1`, [guest]);
        });
      }
      // Signed in: the guest cookie has served its purpose (merged, or pointing at nothing).
      if (owner.token) change.cookie = null;
      return (row?.id as string | undefined) ?? null;
    }
    if (guest) return guest;
    return create ? this.newGuestCart(change) : null;
  }

  /** A new guest cart and the cookie token that finds it (only its hash is stored). */
  private async newGuestCart(change: CartCookieChange): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const [row] = await this.dataSource.query(prepared(`INSERT INTO carts (token_hash, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id`), [
      tokenHash(token),
      this.clock.now(),
    ]);
    change.cookie = token;
    return row.id as string;
  }

  /**
   * The caller's cart (without creating one) with the sale views of its products, in one statement for a guest (the
   * common case) and after `resolve` for a buyer: what checkout and the cart page start from.
   */
  async currentForSale(owner: CartOwner, change: CartCookieChange = {}): Promise<{ cartId: string | null; lines: CartLine[]; views: SaleView[] }> {
    // A guest's cart is found by its token in the same statement; a buyer's is resolved first (it may merge a guest cart).
    const byToken = !owner.principal && owner.token ? tokenHash(owner.token) : undefined;
    const key = byToken ?? (await this.resolve(owner, false, change));
    if (!key) return { cartId: null, lines: [], views: [] };
    const [row]: Array<{ cart_id: string; lines: CartLine[] | null; views: Array<Record<string, unknown>> | null }> = await this.dataSource.query(
      byToken ? CART_FOR_SALE_BY_TOKEN : CART_FOR_SALE_BY_ID,
      [key],
    );
    return row ? { cartId: row.cart_id, lines: row.lines ?? [], views: (row.views ?? []).map(saleViewOf) } : { cartId: null, lines: [], views: [] };
  }

  /** The cart's lines in the order they were added, with the time each was. */
  private async datedLines(cartId: string, m: EntityManager): Promise<DatedLine[]> {
    const rows: Array<{ product_id: string; quantity: number; added_at: Date }> = await m.query(
      `SELECT product_id, quantity, added_at FROM cart_items WHERE cart_id = $1 ORDER BY added_at, product_id`,
      [cartId],
    );
    return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity, addedAt: r.added_at }));
  }

  /** With a delivery address (already checked), each seller's options include the carriers' quotes for it. */
  async view(owner: CartOwner, change: CartCookieChange = {}, to?: DeliveryTo): Promise<CartDto> {
    if (to) await this.choices.checkDestination(to);
    const { lines, views } = await this.currentForSale(owner, change);
    return this.render(lines, to, views);
  }

  /**
   * Adds to a line (creating the cart, and for a guest its cookie) in one statement, without a lock
   * held across round trips: it reads the cart (lines and version) and the products, and writes the
   * line only if the addition is allowed and the cart's row still has the version read (`ADD_LINE`),
   * or creates a guest's cart with its line (`NEW_CART_WITH_LINE`). What it read says why nothing
   * was written: a refusal (the same checks, `checkAddition`), or a concurrent change of the cart
   * (a double click, another tab) — then the addition is worked out again from the cart as it now
   * is, and when the cart keeps changing, under the cart's lock instead (`addLocked`).
   */
  async add(owner: CartOwner, line: CartLine, change: CartCookieChange): Promise<CartDto> {
    // A signed-in buyer's cart is resolved first: resolving may merge a guest cart into it.
    const buyerCart = owner.principal ? (await this.resolve(owner, true, change))! : undefined;
    const key = buyerCart ?? (owner.token ? tokenHash(owner.token) : undefined);
    for (let attempt = 1; attempt <= OPTIMISTIC_ADD_ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const [row]: AddLineRow[] = key
        ? await this.dataSource.query(buyerCart ? ADD_LINE_BY_ID : ADD_LINE_BY_TOKEN, [key, line.productId, line.quantity, MAX_CART_LINES, now])
        : [];
      // A buyer's cart deleted since it was resolved (the buyer's data erased meanwhile): the locked path resolves again.
      if (!row && buyerCart) break;
      if (!row) return this.addToNewGuestCart(line, now, change);
      const lines = (row.lines ?? []).map((l) => ({ ...l, addedAt: new Date(l.addedAt) }));
      const views = (row.views ?? []).map(saleViewOf);
      const { existing, quantity } = checkAddition(lines, line, views);
      if (row.added_at) return this.renderAdded(lines, existing, { productId: line.productId, quantity, addedAt: row.added_at }, views);
    }
    return this.addLocked(owner, line, change);
  }

  /** A guest's first addition: the cart and its line in one statement, if the addition is allowed; sets the cookie. */
  private async addToNewGuestCart(line: CartLine, now: Date, change: CartCookieChange): Promise<CartDto> {
    const token = randomBytes(32).toString('base64url');
    const [row]: Array<{ views: Array<Record<string, unknown>> | null; added_at: Date | null }> = await this.dataSource.query(NEW_CART_WITH_LINE, [
      tokenHash(token),
      line.productId,
      line.quantity,
      now,
    ]);
    const views = (row.views ?? []).map(saleViewOf);
    const { quantity } = checkAddition([], line, views);
    // Allowed, so written (a new cart has no concurrent writer).
    change.cookie = token;
    return this.renderAdded([], undefined, { productId: line.productId, quantity, addedAt: row.added_at! }, views);
  }

  /** `add` under the cart's lock, for a cart that kept changing: waits its turn instead of retrying. */
  private async addLocked(owner: CartOwner, line: CartLine, change: CartCookieChange): Promise<CartDto> {
    const cartId = (await this.resolve(owner, true, change))!;
    const { lines, existing, quantity, views, addedAt } = await this.dataSource.transaction(async (m) => {
      await touchCart(m, cartId, this.clock.now());
      const locked = await this.datedLines(cartId, m);
      // The product checked and every line's view for the answer, in one read.
      const read = await this.products.loadForSale([...new Set([...locked.map((l) => l.productId), line.productId])], m);
      const checked = checkAddition(locked, line, read);
      const [row] = await m.query(UPSERT_LINE, [cartId, line.productId, checked.quantity, this.clock.now()]);
      return { lines: locked, views: read, ...checked, addedAt: row.added_at as Date };
    });
    return this.renderAdded(lines, existing, { productId: line.productId, quantity, addedAt }, views);
  }

  /** The cart as it is after an addition, in `lines()` order, without reading it again. */
  private renderAdded(before: DatedLine[], existing: DatedLine | undefined, added: DatedLine, views: SaleView[]): Promise<CartDto> {
    const after = existing ? before.map((l) => (l === existing ? { ...l, quantity: added.quantity } : l)) : [...before, added].sort(byAddedThenProduct);
    return this.render(undated(after), undefined, views);
  }

  /** Sets quantities (0 removes a line). */
  async update(owner: CartOwner, lines: CartLineDto[], change: CartCookieChange): Promise<CartDto> {
    const cartId = await this.resolve(owner, true, change);
    await this.dataSource.transaction(async (m) => {
      await touchCart(m, cartId!, this.clock.now());
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
    if (cartId && isUuid(productId)) {
      await this.dataSource.query(
        `WITH touched AS (UPDATE carts SET updated_at = $3 WHERE id = $1 RETURNING id)
         DELETE FROM cart_items WHERE cart_id = (SELECT id FROM touched) AND product_id = $2`,
        [cartId, productId, this.clock.now()],
      );
    }
    return this.render(cartId ? await this.lines(cartId) : []);
  }

  async clear(owner: CartOwner, change: CartCookieChange): Promise<void> {
    const cartId = await this.resolve(owner, false, change);
    if (cartId) {
      await this.dataSource.query(
        `WITH touched AS (UPDATE carts SET updated_at = $2 WHERE id = $1 RETURNING id) DELETE FROM cart_items WHERE cart_id = (SELECT id FROM touched)`,
        [cartId, this.clock.now()],
      );
    }
  }

  /** The cart's lines in the order they were added (`byAddedThenProduct`). */
  async lines(cartId: string, db: DataSource | EntityManager = this.dataSource): Promise<CartLine[]> {
    const rows: Array<{ product_id: string; quantity: number }> = await db.query(
      prepared(`SELECT product_id, quantity FROM cart_items WHERE cart_id = $1 ORDER BY added_at, product_id`),
      [cartId],
    );
    return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
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

  /** Sets a line's quantity in `update`'s transaction, after `touchCart` (checked as `checkLine` says). */
  private async setLine(m: EntityManager, cartId: string, line: CartLine, field: string): Promise<void> {
    checkLine((await this.products.loadForSale([line.productId], m))[0], line.quantity, field);
    await m.query(UPSERT_LINE, [cartId, line.productId, line.quantity, this.clock.now()]);
  }
}

/**
 * The line an addition makes (quantities summed), checked as `ADD_LINE` checks it in SQL: at most
 * MAX_CART_LINES lines, then `checkLine`. Throws the refusal the buyer sees.
 */
function checkAddition(lines: DatedLine[], line: CartLine, views: SaleView[]): { existing: DatedLine | undefined; quantity: number } {
  const existing = lines.find((l) => l.productId === line.productId);
  if (!existing && lines.length >= MAX_CART_LINES) {
    throw ValidationFailedError.field('productId', `Giỏ hàng tối đa ${MAX_CART_LINES} sản phẩm (at most ${MAX_CART_LINES} lines)`);
  }
  const quantity = (existing?.quantity ?? 0) + line.quantity;
  checkLine(
    views.find((v) => v.id === line.productId),
    quantity,
    'quantity',
  );
  return { existing, quantity };
}

/** A line's quantity must be within stock and at least the minimum order; the product visible. */
function checkLine(view: SaleView | undefined, quantity: number, field: string): void {
  if (!view?.visible) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
  if (quantity < view.minOrderQuantity) {
    throw ValidationFailedError.field(field, `Đặt tối thiểu ${view.minOrderQuantity} ${view.unit} (minimum order ${view.minOrderQuantity})`);
  }
  if (quantity > view.stockQuantity) throw new OutOfStockError(view.id, view.name, view.stockQuantity);
}

/**
 * The first statement of every transaction that changes a cart's lines (checkout's order statement
 * does the same in its first CTE): updating the cart's row locks it (two requests on one cart wait
 * for each other here) and moves its version on, which `add`'s compare-and-set relies on (ADD_LINE). The lines are read by a later statement on
 * purpose: a statement that waited for the lock still sees the lines of its first snapshot (read
 * committed re-checks only the locked row), so the second click would not see the first's change.
 */
async function touchCart(m: EntityManager, cartId: string, now: Date): Promise<void> {
  await m.query(`UPDATE carts SET updated_at = $2 WHERE id = $1`, [cartId, now]);
}

const undated = (lines: DatedLine[]): CartLine[] => lines.map(({ productId, quantity }) => ({ productId, quantity }));

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
