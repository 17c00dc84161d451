import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takedowns (trust and safety): a product or bulletin taken down on request is `withheld` — a
 * status no owner transition leads out of, so every public surface that shows only `published`
 * content drops it at once, and reinstating restores the status it had. An enterprise taken down
 * is `suspended`, which already hides it and all its products. `takedowns` records the request,
 * its 24-hour deadline, each surface's confirmation, the appeal and the decision.
 */
export class Takedowns1765710000000 implements MigrationInterface {
  name = 'Takedowns1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP CONSTRAINT products_status_check`);
    await q.query(
      `ALTER TABLE products ADD CONSTRAINT products_status_check CHECK (status IN ('draft','pending_review','published','rejected','unlisted','archived','withheld'))`,
    );
    await q.query(`ALTER TABLE bulletins DROP CONSTRAINT bulletins_status_check`);
    await q.query(
      `ALTER TABLE bulletins ADD CONSTRAINT bulletins_status_check CHECK (status IN ('draft','pending_approval','scheduled','published','archived','withheld'))`,
    );
    await q.query(`
      CREATE TABLE takedowns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (subject_type IN ('product','enterprise','bulletin')),
        subject_id uuid NOT NULL,
        enterprise_id uuid,
        source text NOT NULL CHECK (source IN ('authority','rights_holder','complaint','internal')),
        requester text NOT NULL,
        reference text NOT NULL,
        legal_basis text NOT NULL,
        reason text NOT NULL,
        received_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','completed','reinstated')),
        previous_status text NOT NULL,
        surfaces jsonb NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        appeal_text text,
        appealed_at timestamptz,
        appealed_by uuid,
        decision text CHECK (decision IN ('upheld','reinstated')),
        decision_note text,
        decided_at timestamptz,
        decided_by uuid,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open takedown per subject: a second request for the same subject is recorded on the first.
    await q.query(`CREATE UNIQUE INDEX takedowns_open_subject_idx ON takedowns (subject_type, subject_id) WHERE status <> 'reinstated'`);
    await q.query(`CREATE INDEX takedowns_deadline_idx ON takedowns (deadline_at) WHERE status = 'in_progress'`);
    await q.query(`CREATE INDEX takedowns_enterprise_idx ON takedowns (enterprise_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE takedowns`);
    await q.query(`ALTER TABLE bulletins DROP CONSTRAINT bulletins_status_check`);
    await q.query(
      `ALTER TABLE bulletins ADD CONSTRAINT bulletins_status_check CHECK (status IN ('draft','pending_approval','scheduled','published','archived'))`,
    );
    await q.query(`ALTER TABLE products DROP CONSTRAINT products_status_check`);
    await q.query(
      `ALTER TABLE products ADD CONSTRAINT products_status_check CHECK (status IN ('draft','pending_review','published','rejected','unlisted','archived'))`,
    );
  }
}
