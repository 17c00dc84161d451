import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (issue 17), owned by libs/orders: carts (a guest's by the hash of an opaque cookie token,
 * a buyer's by user id), orders split into one sub-order per enterprise with a snapshot of each
 * line, the sub-order's history, and each seller's sales terms. Money is integer VND.
 * `stock_released_at` records the one release of a cancelled/expired sub-order's stock.
 */
export class Orders1766030000000 implements MigrationInterface {
  name = 'Orders1766030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text UNIQUE,
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (token_hash IS NOT NULL OR user_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX carts_updated_idx ON carts (updated_at)`);
    await q.query(`
      CREATE TABLE cart_items (
        cart_id uuid NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        quantity int NOT NULL CHECK (quantity > 0),
        added_at timestamptz NOT NULL,
        PRIMARY KEY (cart_id, product_id)
      )`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        buyer_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        buyer_name text NOT NULL,
        buyer_phone text NOT NULL,
        buyer_email text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_buyer_idx ON orders (buyer_user_id, created_at DESC) WHERE buyer_user_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE sub_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        code text NOT NULL UNIQUE,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        seller_kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('placed','confirmed','packed','shipped','delivered','completed','cancelled','expired',
                                               'return_requested','returned','return_refused')),
        payment_method text NOT NULL CHECK (payment_method IN ('cod','vietqr')),
        payment_state text NOT NULL CHECK (payment_state IN ('awaiting','paid_confirmed_by_seller','cod_on_delivery','cod_collected')),
        province_code text NOT NULL,
        commune_code text NOT NULL,
        street text NOT NULL,
        recipient_name text NOT NULL,
        recipient_phone text NOT NULL,
        note text,
        shipping_carrier text NOT NULL,
        shipping_service text NOT NULL,
        shipping_fee_vnd bigint NOT NULL CHECK (shipping_fee_vnd >= 0),
        items_subtotal_vnd bigint NOT NULL CHECK (items_subtotal_vnd >= 0),
        total_vnd bigint NOT NULL CHECK (total_vnd >= 0),
        prices_include_vat boolean NOT NULL,
        cancel_reason text,
        cancelled_by text CHECK (cancelled_by IN ('buyer','seller','system')),
        return_reason text,
        return_refusal_reason text,
        placed_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        packed_at timestamptz,
        shipped_at timestamptz,
        delivered_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        expired_at timestamptz,
        return_requested_at timestamptz,
        returned_at timestamptz,
        return_refused_at timestamptz,
        paid_at timestamptz,
        expires_at timestamptz NOT NULL,
        stock_released_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sub_orders_order_idx ON sub_orders (order_id)`);
    await q.query(`CREATE INDEX sub_orders_inbox_idx ON sub_orders (enterprise_id, status, placed_at DESC)`);
    await q.query(`CREATE INDEX sub_orders_expiry_idx ON sub_orders (expires_at) WHERE status = 'placed'`);
    await q.query(`CREATE INDEX sub_orders_closed_idx ON sub_orders (closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE sub_order_items (
        sub_order_id uuid NOT NULL REFERENCES sub_orders(id) ON DELETE CASCADE,
        position int NOT NULL,
        product_id uuid NOT NULL,
        product_name text NOT NULL,
        sku text NOT NULL,
        unit text NOT NULL,
        unit_price_vnd bigint NOT NULL CHECK (unit_price_vnd >= 0),
        quantity int NOT NULL CHECK (quantity > 0),
        line_total_vnd bigint NOT NULL CHECK (line_total_vnd >= 0),
        PRIMARY KEY (sub_order_id, position)
      )`);
    await q.query(`
      CREATE TABLE sub_order_events (
        id bigserial PRIMARY KEY,
        sub_order_id uuid NOT NULL REFERENCES sub_orders(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        action text NOT NULL,
        actor_role text NOT NULL,
        actor_id uuid,
        note text,
        at timestamptz NOT NULL,
        buyer_notified_at timestamptz,
        seller_notified_at timestamptz
      )`);
    await q.query(`CREATE INDEX sub_order_events_sub_order_idx ON sub_order_events (sub_order_id, id)`);
    await q.query(`
      CREATE TABLE seller_sales_terms (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id) ON DELETE CASCADE,
        delivery_policy text NOT NULL,
        returns_policy text NOT NULL,
        prices_include_vat boolean NOT NULL,
        seller_delivery_fee_vnd bigint NOT NULL CHECK (seller_delivery_fee_vnd >= 0),
        delivery_province_codes text[] NOT NULL DEFAULT '{}',
        delivery_commune_codes text[] NOT NULL DEFAULT '{}',
        confirm_within_hours int NOT NULL CHECK (confirm_within_hours BETWEEN 1 AND 336),
        updated_by uuid,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['seller_sales_terms', 'sub_order_events', 'sub_order_items', 'sub_orders', 'orders', 'cart_items', 'carts']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
