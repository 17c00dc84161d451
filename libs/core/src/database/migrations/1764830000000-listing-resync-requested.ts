import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner sync, one job chain per listing: a change reviewed while a listing's job holds its lease
 * sets `resync_requested` instead of enqueueing a second job; the running job sees it when it
 * releases the lease (same UPDATE) and syncs once more with the latest product state.
 */
export class ListingResyncRequested1764830000000 implements MigrationInterface {
  name = 'ListingResyncRequested1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listings ADD COLUMN resync_requested boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listings DROP COLUMN resync_requested`);
  }
}
