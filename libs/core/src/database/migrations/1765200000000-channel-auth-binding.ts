import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketplace authorisation, bound to who started it (security review, issue 18 §2):
 * - an authorisation `state` records the user who started the flow and a hash of their browser's
 *   key (cookie); the return must match both;
 * - one marketplace shop belongs to one enterprise: a unique index over the connections that are
 *   not disconnected. Where two enterprises already hold the same shop, the earliest connection
 *   keeps it and the later ones lose their tokens and must be reconnected (`needs_reauth`);
 * - an index to purge old states.
 */
export class ChannelAuthBinding1765200000000 implements MigrationInterface {
  name = 'ChannelAuthBinding1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_auth_states ADD COLUMN user_id uuid REFERENCES users(id) ON DELETE CASCADE, ADD COLUMN browser_hash text`);
    await q.query(`CREATE INDEX channel_auth_states_expiry_idx ON channel_auth_states (expires_at)`);
    await q.query(`
      WITH ranked AS (
        SELECT id, row_number() OVER (PARTITION BY channel, shop_id ORDER BY created_at, id) AS n
        FROM channel_connections WHERE shop_id IS NOT NULL AND status <> 'disconnected'
      )
      UPDATE channel_connections c
      SET status = 'needs_reauth', shop_id = NULL, secrets = NULL, access_expires_at = NULL, updated_at = now(),
          last_error = 'Cửa hàng này đã được kết nối với một doanh nghiệp khác; hãy kết nối lại cửa hàng của bạn (this shop is connected to another enterprise; reconnect your own shop)'
      FROM ranked r WHERE c.id = r.id AND r.n > 1`);
    await q.query(
      `CREATE UNIQUE INDEX channel_connections_shop_owner_idx ON channel_connections (channel, shop_id) WHERE shop_id IS NOT NULL AND status <> 'disconnected'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX channel_connections_shop_owner_idx`);
    await q.query(`DROP INDEX channel_auth_states_expiry_idx`);
    await q.query(`ALTER TABLE channel_auth_states DROP COLUMN browser_hash, DROP COLUMN user_id`);
  }
}
