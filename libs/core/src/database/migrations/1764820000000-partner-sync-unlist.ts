import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner sync, disconnecting:
 * - a connection being disconnected keeps its secrets (`disconnecting`) until its listings are
 *   unlisted on the marketplace; `listings.unlist_failed_at` marks items that could not be removed
 *   there, so the seller sees what is still live under a channel we no longer manage.
 */
export class PartnerSyncUnlist1764820000000 implements MigrationInterface {
  name = 'PartnerSyncUnlist1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await q.query(`ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check
      CHECK (status IN ('pending','active','needs_reauth','disconnecting','disconnected'))`);
    await q.query(`ALTER TABLE listings ADD COLUMN unlist_failed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listings DROP COLUMN unlist_failed_at`);
    await q.query(`UPDATE channel_connections SET status = 'disconnected', secrets = NULL WHERE status = 'disconnecting'`);
    await q.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await q.query(`ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check CHECK (status IN ('pending','active','needs_reauth','disconnected'))`);
  }
}
