import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner sync, disconnecting:
 * - a connection being disconnected keeps its secrets (`disconnecting`) until its listings are
 *   unlisted on the marketplace; `listings.unlist_failed_at` marks items that could not be removed
 *   there, so the seller sees what is still live under a channel we no longer manage;
 * - indexes for an enterprise with many listings (bench:sync-pages, 100,000 listings): the seller's
 *   table walks (enterprise, channel, updated_at) instead of sorting every listing per view, and the
 *   per-state counts read (enterprise, channel, state, selected) from the index alone.
 */
export class PartnerSyncUnlist1764820000000 implements MigrationInterface {
  name = 'PartnerSyncUnlist1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await q.query(`ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check
      CHECK (status IN ('pending','active','needs_reauth','disconnecting','disconnected'))`);
    await q.query(`ALTER TABLE listings ADD COLUMN unlist_failed_at timestamptz`);
    await q.query(`CREATE INDEX listings_unlist_failed_idx ON listings (enterprise_id, channel, unlist_failed_at DESC) WHERE unlist_failed_at IS NOT NULL`);
    await q.query(`CREATE INDEX listings_enterprise_page_idx ON listings (enterprise_id, channel, updated_at DESC, id)`);
    await q.query(`CREATE INDEX listings_enterprise_state_idx ON listings (enterprise_id, channel, state) INCLUDE (selected)`);
    await q.query(`DROP INDEX listings_enterprise_channel_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX listings_enterprise_channel_idx ON listings (enterprise_id, channel)`);
    await q.query(`DROP INDEX listings_enterprise_state_idx`);
    await q.query(`DROP INDEX listings_enterprise_page_idx`);
    await q.query(`DROP INDEX listings_unlist_failed_idx`);
    await q.query(`ALTER TABLE listings DROP COLUMN unlist_failed_at`);
    await q.query(`UPDATE channel_connections SET status = 'disconnected', secrets = NULL WHERE status = 'disconnecting'`);
    await q.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await q.query(
      `ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check CHECK (status IN ('pending','active','needs_reauth','disconnected'))`,
    );
  }
}
