import type { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES: Array<[string, string, number]> = [
  ['tin-tuc', 'Tin tức', 1],
  ['ocop', 'OCOP', 2],
  ['xuc-tien-thuong-mai', 'Xúc tiến thương mại', 3],
  ['chinh-sach', 'Chính sách', 4],
  ['truy-xuat-nguon-goc', 'Truy xuất nguồn gốc', 5],
  ['thong-bao', 'Thông báo', 6],
];

/** News bulletins and events: categories, bulletins, revisions and the view de-duplication table. */
export class NewsBulletins1764500000000 implements MigrationInterface {
  name = 'NewsBulletins1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletin_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        description text,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX bulletin_categories_slug_key ON bulletin_categories (slug)`);
    for (const [slug, name, position] of CATEGORIES) {
      await q.query(`INSERT INTO bulletin_categories (slug, name, position) VALUES ($1, $2, $3)`, [slug, name, position]);
    }

    await q.query(`
      CREATE TABLE bulletins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL DEFAULT 'article' CHECK (kind IN ('article','event')),
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','pending_approval','scheduled','published','archived')),
        slug text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        cover_image_url text,
        category_id uuid NOT NULL REFERENCES bulletin_categories(id) ON DELETE RESTRICT,
        tags text[] NOT NULL DEFAULT '{}',
        tag_keys text[] NOT NULL DEFAULT '{}',
        author_byline text,
        related_enterprise_ids uuid[] NOT NULL DEFAULT '{}',
        related_product_ids uuid[] NOT NULL DEFAULT '{}',
        event_starts_at timestamptz,
        event_ends_at timestamptz,
        event_location text,
        event_organiser text,
        publish_at timestamptz,
        published_at timestamptz,
        archived_at timestamptz,
        rejection_reason text,
        search_text text NOT NULL DEFAULT '',
        view_count bigint NOT NULL DEFAULT 0,
        revision int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bulletins_event_fields CHECK (
          kind = 'article'
          OR (event_starts_at IS NOT NULL AND event_ends_at IS NOT NULL AND event_ends_at >= event_starts_at)),
        CONSTRAINT bulletins_scheduled_has_time CHECK (status <> 'scheduled' OR publish_at IS NOT NULL),
        CONSTRAINT bulletins_published_has_time CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX bulletins_slug_key ON bulletins (slug)`);
    await q.query(`CREATE INDEX bulletins_published_idx ON bulletins (published_at DESC, id) WHERE status = 'published'`);
    await q.query(`CREATE INDEX bulletins_category_idx ON bulletins (category_id)`);
    await q.query(`CREATE INDEX bulletins_tag_keys_idx ON bulletins USING gin (tag_keys)`);
    // search_text is folded (foldVietnamese) at write time; trigram index serves LIKE '%…%'.
    await q.query(`CREATE INDEX bulletins_search_idx ON bulletins USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX bulletins_scheduled_idx ON bulletins (publish_at) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX bulletins_events_idx ON bulletins (event_starts_at, event_ends_at) WHERE kind = 'event' AND status = 'published'`);

    await q.query(`
      CREATE TABLE bulletin_revisions (
        id bigserial PRIMARY KEY,
        bulletin_id uuid NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
        revision int NOT NULL,
        action text NOT NULL CHECK (action IN ('create','update')),
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        editor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        editor_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (bulletin_id, revision)
      )`);

    // One row per (bulletin, hashed visitor, hour): the insert that wins counts the view.
    await q.query(`
      CREATE TABLE bulletin_views (
        bulletin_id uuid NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
        visitor_hash text NOT NULL,
        hour timestamptz NOT NULL,
        PRIMARY KEY (bulletin_id, visitor_hash, hour)
      )`);
    await q.query(`CREATE INDEX bulletin_views_hour_idx ON bulletin_views (hour)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bulletin_views`);
    await q.query(`DROP TABLE bulletin_revisions`);
    await q.query(`DROP TABLE bulletins`);
    await q.query(`DROP TABLE bulletin_categories`);
  }
}
