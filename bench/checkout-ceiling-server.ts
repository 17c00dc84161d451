import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type PoolClient } from 'pg';

/**
 * The ceiling of the checkout bench: the least work a correct cart and checkout must do, as a bare
 * node:http server on a pg pool — no Nest, Fastify, validation library, ORM, sales terms, shipping
 * options, audit or page cache. It is not the floor's design; it answers "how fast can the bench's
 * buyer flow go on this machine at all", so the API's figures can be read against it.
 *
 * Per guest it keeps the rules that make the result comparable: the product is published by a
 * verified enterprise and the quantity within its minimum order and stock at the cart; checkout
 * takes the cart's lines under the cart's lock, reserves stock in id order with a conditional
 * UPDATE (no oversell: the bench counts), and writes the order, its sub-orders, their lines and a
 * mail job per sub-order with a NOTIFY, durably, in one transaction. Cart addition: one statement;
 * checkout: five (BEGIN, take lines, reserve, write, COMMIT). Its own tables live in schema
 * `bench_ceiling`; stock is the real `products` table's.
 *
 * Run by bench/checkout.ts as `node dist/bench/checkout-ceiling-server.js` with DATABASE_URL and
 * PORT; sends 'ready' over IPC once listening.
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

interface SubOrderInput {
  enterpriseId: string;
  paymentMethod: string;
  address: Record<string, unknown>;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function answer(res: ServerResponse, status: number, body: unknown, cookie?: string): void {
  const json = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) };
  if (cookie) headers['set-cookie'] = `tf_cart=${cookie}; Path=/; HttpOnly; SameSite=Lax`;
  res.writeHead(status, headers);
  res.end(json);
}

const cartToken = (req: IncomingMessage) => /(?:^|;\s*)tf_cart=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

async function addToCart(req: IncomingMessage, res: ServerResponse, body: { productId?: unknown; quantity?: unknown }): Promise<void> {
  if (typeof body.productId !== 'string' || !Number.isInteger(body.quantity) || (body.quantity as number) < 1)
    return answer(res, 400, { code: 'VALIDATION_FAILED' });
  const existing = cartToken(req);
  const token = existing ?? randomBytes(32).toString('base64url');
  const { rows } = await pool.query(ADD, [hash(token), body.productId, body.quantity]);
  if (!rows.length) return answer(res, 409, { code: 'OUT_OF_STOCK' }, existing ? undefined : token);
  const items = rows.map((r) => ({ productId: r.product_id, name: r.name, quantity: r.quantity, lineTotalVnd: Number(r.price_vnd) * r.quantity }));
  answer(res, 200, { items, itemsTotalVnd: items.reduce((s, i) => s + i.lineTotalVnd, 0) }, existing ? undefined : token);
}

async function checkout(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
  const token = cartToken(req);
  const subOrders = body.subOrders as SubOrderInput[] | undefined;
  if (!token || !Array.isArray(subOrders) || !subOrders.length || typeof body.buyerPhone !== 'string') return answer(res, 400, { code: 'VALIDATION_FAILED' });
  const db: PoolClient = await pool.connect();
  try {
    await db.query('BEGIN');
    const lines = (await db.query(TAKE_LINES, [hash(token)])).rows as Array<{ product_id: string; quantity: number }>;
    if (!lines.length) {
      await db.query('ROLLBACK');
      return answer(res, 409, { code: 'CART_EMPTY' });
    }
    const reserved = (await db.query(RESERVE, [lines.map((l) => l.product_id), lines.map((l) => l.quantity)])).rows as Array<{
      id: string;
      enterprise_id: string;
      name: string;
      price_vnd: string;
    }>;
    if (reserved.length !== lines.length) {
      await db.query('ROLLBACK');
      return answer(res, 409, { code: 'OUT_OF_STOCK' });
    }
    const quantity = new Map(lines.map((l) => [l.product_id, l.quantity]));
    const orderId = randomUUID();
    const code = `TF${randomBytes(5).toString('hex').toUpperCase()}`;
    const subs = subOrders.map((s) => {
      const items = reserved.filter((r) => r.enterprise_id === s.enterpriseId);
      const total = items.reduce((sum, r) => sum + Number(r.price_vnd) * quantity.get(r.id)!, 0);
      return { id: randomUUID(), enterprise_id: s.enterpriseId, payment_method: s.paymentMethod, address: s.address, total, items };
    });
    if (subs.reduce((n, s) => n + s.items.length, 0) !== lines.length) {
      await db.query('ROLLBACK');
      return answer(res, 400, { code: 'VALIDATION_FAILED' });
    }
    const items = subs.flatMap((s) =>
      s.items.map((r) => ({ sub_order_id: s.id, product_id: r.id, name: r.name, price: Number(r.price_vnd), quantity: quantity.get(r.id) })),
    );
    const bodies = subs.map(({ items: _items, ...row }) => row);
    await db.query(WRITE, [orderId, code, body.buyerName, body.buyerEmail, body.buyerPhone, JSON.stringify(bodies), JSON.stringify(items)]);
    await db.query('COMMIT');
    answer(res, 201, {
      orderCode: code,
      subOrders: subs.map((s) => ({ id: s.id, enterpriseId: s.enterprise_id, status: 'placed', itemsTotalVnd: s.total, items: s.items.length })),
    });
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => Promise<void>> = {
  '/api/v1/cart/items': addToCart,
  '/api/v1/checkout': checkout,
};

async function main(): Promise<void> {
  await pool.query(SCHEMA);
  createServer((req, res) => {
    const route = req.method === 'POST' ? routes[req.url ?? ''] : undefined;
    if (!route) return answer(res, 404, { code: 'NOT_FOUND' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(res, 400, { code: 'VALIDATION_FAILED' });
      }
      route(req, res, body).catch((err: Error) => answer(res, 500, { code: 'INTERNAL_ERROR', message: err.message }));
    });
  }).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
}

main().catch((err: Error) => {
  process.stderr.write(`checkout ceiling server failed: ${err.stack}\n`);
  process.exit(1);
});
