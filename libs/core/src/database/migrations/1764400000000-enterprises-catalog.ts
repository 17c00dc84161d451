import type { MigrationInterface, QueryRunner } from 'typeorm';
import { seedCategories, seedVinhLongCommunes } from './seed/reference-data';

/** Administrative units, enterprises (sellers), categories, products, images and OCOP certificates. */
export class EnterprisesCatalog1764400000000 implements MigrationInterface {
  name = 'EnterprisesCatalog1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is STABLE; an IMMUTABLE wrapper naming the dictionary lets indexes and
    // generated columns use it (search.md).
    await q.query(`
      CREATE OR REPLACE FUNCTION tf_fold(input text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
      $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(input, 'đ', 'd'), 'Đ', 'D'))) $$`);

    await q.query(`
      CREATE TABLE provinces (
        code text PRIMARY KEY,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE communes (
        code text PRIMARY KEY,
        province_code text NOT NULL REFERENCES provinces(code),
        name text NOT NULL,
        name_folded text GENERATED ALWAYS AS (tf_fold(name)) STORED
      )`);
    await q.query(`CREATE INDEX communes_province_idx ON communes (province_code)`);
    await q.query(`
      CREATE TABLE commune_legacy_mappings (
        id serial PRIMARY KEY,
        old_code text,
        old_name text NOT NULL,
        old_district_name text NOT NULL,
        old_province_name text NOT NULL,
        new_code text NOT NULL REFERENCES communes(code),
        old_name_folded text GENERATED ALWAYS AS (tf_fold(old_name || ' ' || old_district_name)) STORED,
        UNIQUE (old_name, old_district_name, old_province_name, new_code)
      )`);

    await q.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('household','company','private_enterprise','cooperative','cooperative_group')),
        legal_form text CHECK (legal_form IN ('llc','jsc','partnership')),
        legal_name text NOT NULL,
        display_name text NOT NULL,
        tax_code text,
        personal_id text,
        representative text,
        phone text,
        email text,
        website text,
        street text,
        province_code text NOT NULL REFERENCES provinces(code),
        commune_code text NOT NULL REFERENCES communes(code),
        legacy_address text,
        description text NOT NULL DEFAULT '',
        logo_url text,
        founding_year int,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','pending_verification','verified','rejected','suspended')),
        rejection_reason text,
        suspension_reason text,
        owner_id uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name_folded text GENERATED ALWAYS AS (tf_fold(display_name || ' ' || legal_name)) STORED
      )`);
    await q.query(`CREATE UNIQUE INDEX enterprises_tax_code_key ON enterprises (tax_code) WHERE tax_code IS NOT NULL`);
    await q.query(`CREATE INDEX enterprises_status_idx ON enterprises (status, kind)`);
    await q.query(`CREATE INDEX enterprises_commune_idx ON enterprises (commune_code)`);
    await q.query(`CREATE INDEX enterprises_owner_idx ON enterprises (owner_id)`);
    await q.query(`CREATE INDEX enterprises_name_trgm ON enterprises USING gin (name_folded gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE enterprise_members (
        enterprise_id uuid NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner','staff')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enterprise_id, user_id)
      )`);
    await q.query(`CREATE INDEX enterprise_members_user_idx ON enterprise_members (user_id)`);

    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES categories(id),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        ocop_group text CHECK (ocop_group IN ('food','beverage','herbal','handicraft','ornamental','tourism')),
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX categories_parent_idx ON categories (parent_id)`);

    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        category_id uuid NOT NULL REFERENCES categories(id),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        sku text NOT NULL,
        gtin text,
        price_vnd bigint NOT NULL CHECK (price_vnd > 0),
        price_max_vnd bigint CHECK (price_max_vnd IS NULL OR price_max_vnd >= price_vnd),
        unit text NOT NULL,
        min_order_quantity int NOT NULL DEFAULT 1 CHECK (min_order_quantity >= 1),
        stock_quantity int NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
        weight_grams int CHECK (weight_grams IS NULL OR weight_grams > 0),
        origin_commune_code text REFERENCES communes(code),
        certifications jsonb NOT NULL DEFAULT '[]'::jsonb,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','pending_review','published','rejected','unlisted','archived')),
        rejection_reason text,
        submitted_at timestamptz,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enterprise_id, sku)
      )`);
    await q.query(`CREATE INDEX products_enterprise_idx ON products (enterprise_id, status)`);
    await q.query(`CREATE INDEX products_status_idx ON products (status, updated_at)`);
    await q.query(`CREATE INDEX products_category_idx ON products (category_id)`);

    await q.query(`
      CREATE TABLE product_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        storage_key text NOT NULL,
        thumbnail_key text NOT NULL,
        mime_type text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        bytes int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX product_images_product_idx ON product_images (product_id, position)`);

    await q.query(`
      CREATE TABLE ocop_certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id),
        stars smallint NOT NULL CHECK (stars IN (3,4,5)),
        potential_five_star boolean NOT NULL DEFAULT false,
        score numeric(5,2) NOT NULL CHECK (score >= 0 AND score <= 100),
        decision_number text NOT NULL,
        issuing_body text NOT NULL,
        decision_date date NOT NULL,
        valid_until date NOT NULL,
        product_group text,
        status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','expired','revoked')),
        revoked_at timestamptz,
        revocation_reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ocop_certificates_product_idx ON ocop_certificates (product_id, status)`);
    await q.query(`CREATE INDEX ocop_certificates_expiry_idx ON ocop_certificates (valid_until) WHERE status = 'valid'`);

    await seedVinhLongCommunes(q);
    await seedCategories(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'ocop_certificates',
      'product_images',
      'products',
      'categories',
      'enterprise_members',
      'enterprises',
      'commune_legacy_mappings',
      'communes',
      'provinces',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION tf_fold(text)`);
  }
}
