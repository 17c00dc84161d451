import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One optional photo per review (issue 17), through the catalog's image pipeline. A photo is a
 * buyer's picture of a parcel or a product and may show a person or a home: it is stored privately
 * and shown only once staff approve it (`photo_status`), while the review itself is published.
 */
export class ReviewPhotos1766120002000 implements MigrationInterface {
  name = 'ReviewPhotos1766120002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reviews
        ADD COLUMN photo_key text,
        ADD COLUMN photo_thumb_key text,
        ADD COLUMN photo_status text CHECK (photo_status IN ('pending','approved','rejected')),
        ADD COLUMN photo_at timestamptz,
        ADD CONSTRAINT reviews_photo_complete CHECK ((photo_key IS NULL) = (photo_status IS NULL) AND (photo_key IS NULL) = (photo_thumb_key IS NULL))`);
    await q.query(`CREATE INDEX reviews_photo_pending_idx ON reviews (photo_at) WHERE photo_status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reviews_photo_pending_idx`);
    await q.query(
      `ALTER TABLE reviews DROP CONSTRAINT reviews_photo_complete, DROP COLUMN photo_key, DROP COLUMN photo_thumb_key, DROP COLUMN photo_status, DROP COLUMN photo_at`,
    );
  }
}
