import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/**
 * The checkout ceiling's shop: the least work a correct cart and checkout must do, on a pg pool —
 * no sales terms, shipping options, audit, page cache or order answer read back. It is not the
 * floor's design; it answers "how fast can the bench's buyer flow go on this machine at all", so
 * the API's figures can be read against it. Two servers put it on the network: a bare node:http
 * one (checkout-ceiling-server.ts) and one on the floor's own HTTP stack
 * (checkout-ceiling-nest.ts), whose difference is the cost of that stack.
 *
 * Per guest it keeps the rules that make the result comparable: the product is published by a
 * verified enterprise and the quantity within its minimum order and stock at the cart; checkout
 * takes the cart's lines under the cart's lock, reserves stock in id order with a conditional
 * UPDATE (no oversell: the bench counts), and writes the order, its sub-orders, their lines and a
 * mail job per sub-order with a NOTIFY, durably, in one transaction. Cart addition: one statement;
 * checkout: five (BEGIN, take lines, reserve, write, COMMIT). Its own tables live in schema
 * `bench_ceiling`; stock is the real `products` table's.
 */
const SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS bench_ceiling;
  CREATE TABLE IF NOT EXISTS bench_ceiling.carts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), token_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS bench_ceiling.cart_items (cart_id uuid NOT NULL REFERENCES bench_ceiling.carts ON DELETE CASCADE, product_id uuid NOT NULL,
    quantity int NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (cart_id, product_id));
  CREATE TABLE IF NOT EXISTS bench_ceiling.orders (id uuid PRIMARY KEY, code text NOT NULL UNIQUE, buyer_name text NOT NULL, buyer_email text NOT NULL,
    buyer_phone text NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS bench_ceiling.sub_orders (id uuid PRIMARY KEY, order_id uuid NOT NULL REFERENCES bench_ceiling.orders, enterprise_id uuid NOT NULL,
    status text NOT NULL, payment_method text NOT NULL, address jsonb NOT NULL, items_total_vnd bigint NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS bench_ceiling.sub_order_items (sub_order_id uuid NOT NULL REFERENCES bench_ceiling.sub_orders, product_id uuid NOT NULL,
    name text NOT NULL, unit_price_vnd bigint NOT NULL, quantity int NOT NULL, PRIMARY KEY (sub_order_id, product_id));
  CREATE TABLE IF NOT EXISTS bench_ceiling.jobs (id bigserial PRIMARY KEY, name text NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`;

/** One statement: the guest's cart (created without a cookie), the line added within stock and minimum, and the cart's lines. */
const ADD = `
  WITH cart AS (
    SELECT id FROM bench_ceiling.carts WHERE token_hash = $1 FOR UPDATE
  ), created AS (
    INSERT INTO bench_ceiling.carts (token_hash) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM cart) RETURNING id
  ), target AS (
    SELECT id FROM cart UNION ALL SELECT id FROM created
  ), product AS (
    SELECT p.id, p.name, p.price_vnd FROM products p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.id = $2 AND p.status = 'published' AND e.status = 'verified' AND $3 BETWEEN p.min_order_quantity AND p.stock_quantity
  ), line AS (
    INSERT INTO bench_ceiling.cart_items (cart_id, product_id, quantity) SELECT target.id, product.id, $3 FROM target, product
    ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = bench_ceiling.cart_items.quantity + EXCLUDED.quantity
    RETURNING product_id, quantity
  )
  SELECT line.product_id, line.quantity, product.name, product.price_vnd FROM line, product
  UNION ALL
  SELECT i.product_id, i.quantity, p.name, p.price_vnd FROM bench_ceiling.cart_items i JOIN target ON target.id = i.cart_id JOIN products p ON p.id = i.product_id
  WHERE i.product_id <> $2 AND EXISTS (SELECT 1 FROM line)`;

const TAKE_LINES = `DELETE FROM bench_ceiling.cart_items WHERE cart_id = (SELECT id FROM bench_ceiling.carts WHERE token_hash = $1 FOR UPDATE) RETURNING product_id, quantity`;

const RESERVE = `
  WITH locked AS MATERIALIZED (SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
  UPDATE products p SET stock_quantity = p.stock_quantity - l.quantity
  FROM unnest($1::uuid[], $2::int[]) AS l(id, quantity), locked
  WHERE p.id = l.id AND locked.id = l.id AND p.stock_quantity >= l.quantity
  RETURNING p.id, p.enterprise_id, p.name, p.price_vnd`;

/** The order, its sub-orders, their lines and one mail job per sub-order, with the worker's NOTIFY. */
const WRITE = `
  WITH o AS (
    INSERT INTO bench_ceiling.orders (id, code, buyer_name, buyer_email, buyer_phone) VALUES ($1, $2, $3, $4, $5)
  ), s AS (
    INSERT INTO bench_ceiling.sub_orders (id, order_id, enterprise_id, status, payment_method, address, items_total_vnd)
    SELECT x.id, $1, x.enterprise_id, 'placed', x.payment_method, x.address, x.total FROM jsonb_to_recordset($6::jsonb)
      AS x(id uuid, enterprise_id uuid, payment_method text, address jsonb, total bigint)
  ), i AS (
    INSERT INTO bench_ceiling.sub_order_items (sub_order_id, product_id, name, unit_price_vnd, quantity)
    SELECT x.sub_order_id, x.product_id, x.name, x.price, x.quantity FROM jsonb_to_recordset($7::jsonb)
      AS x(sub_order_id uuid, product_id uuid, name text, price bigint, quantity int)
  ), j AS (
    INSERT INTO bench_ceiling.jobs (name, data) SELECT 'order.mail', jsonb_build_object('subOrderId', x.id) FROM jsonb_to_recordset($6::jsonb) AS x(id uuid)
  )
  SELECT pg_notify('bench_ceiling_jobs', '')`;

export interface SubOrderInput {
  enterpriseId: string;
  paymentMethod: string;
  address: object;
}

export interface CheckoutInput {
  buyerName?: string;
  buyerEmail?: string;
  buyerPhone: string;
  subOrders: SubOrderInput[];
}

/** What a server sends back: status, JSON body and, for a new guest cart, its cookie token. */
export interface ShopAnswer {
  status: number;
  body: unknown;
  cookie?: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The guest cart's token in a Cookie header, if any. */
export const cartToken = (cookieHeader: string | undefined): string | undefined => /(?:^|;\s*)tf_cart=([^;]+)/.exec(cookieHeader ?? '')?.[1];

export const cartCookie = (token: string): string => `tf_cart=${token}; Path=/; HttpOnly; SameSite=Lax`;

export class CeilingShop {
  constructor(private readonly pool: Pool) {}

  /** Creates the ceiling's own tables (idempotent). */
  async prepare(): Promise<void> {
    await this.pool.query(SCHEMA);
  }

  async addToCart(existing: string | undefined, productId: string, quantity: number): Promise<ShopAnswer> {
    const token = existing ?? randomBytes(32).toString('base64url');
    const cookie = existing ? undefined : token;
    const { rows } = await this.pool.query(ADD, [hash(token), productId, quantity]);
    if (!rows.length) return { status: 409, body: { code: 'OUT_OF_STOCK' }, cookie };
    const items = rows.map((r) => ({ productId: r.product_id, name: r.name, quantity: r.quantity, lineTotalVnd: Number(r.price_vnd) * r.quantity }));
    return { status: 200, body: { items, itemsTotalVnd: items.reduce((s, i) => s + i.lineTotalVnd, 0) }, cookie };
  }

  async checkout(token: string, input: CheckoutInput): Promise<ShopAnswer> {
    const db: PoolClient = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const answer = await this.placeIn(db, token, input);
      await db.query(answer.status === 201 ? 'COMMIT' : 'ROLLBACK');
      return answer;
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      db.release();
    }
  }

  private async placeIn(db: PoolClient, token: string, input: CheckoutInput): Promise<ShopAnswer> {
    const lines = (await db.query(TAKE_LINES, [hash(token)])).rows as Array<{ product_id: string; quantity: number }>;
    if (!lines.length) return { status: 409, body: { code: 'CART_EMPTY' } };
    const reserved = (await db.query(RESERVE, [lines.map((l) => l.product_id), lines.map((l) => l.quantity)])).rows as Array<{
      id: string;
      enterprise_id: string;
      name: string;
      price_vnd: string;
    }>;
    if (reserved.length !== lines.length) return { status: 409, body: { code: 'OUT_OF_STOCK' } };
    const quantity = new Map(lines.map((l) => [l.product_id, l.quantity]));
    const subs = input.subOrders.map((s) => {
      const items = reserved.filter((r) => r.enterprise_id === s.enterpriseId);
      const total = items.reduce((sum, r) => sum + Number(r.price_vnd) * quantity.get(r.id)!, 0);
      return { id: randomUUID(), enterprise_id: s.enterpriseId, payment_method: s.paymentMethod, address: s.address, total, items };
    });
    if (subs.reduce((n, s) => n + s.items.length, 0) !== lines.length) return { status: 400, body: { code: 'VALIDATION_FAILED' } };
    const items = subs.flatMap((s) =>
      s.items.map((r) => ({ sub_order_id: s.id, product_id: r.id, name: r.name, price: Number(r.price_vnd), quantity: quantity.get(r.id) })),
    );
    const rows = subs.map(({ items: _items, ...row }) => row);
    const code = `TF${randomBytes(5).toString('hex').toUpperCase()}`;
    await db.query(WRITE, [randomUUID(), code, input.buyerName ?? '', input.buyerEmail ?? '', input.buyerPhone, JSON.stringify(rows), JSON.stringify(items)]);
    return {
      status: 201,
      body: {
        orderCode: code,
        subOrders: subs.map((s) => ({ id: s.id, enterpriseId: s.enterprise_id, status: 'placed', itemsTotalVnd: s.total, items: s.items.length })),
      },
    };
  }
}
