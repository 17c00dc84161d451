import { DomainEvents } from '@tradefloor/core';
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';
import { createUser, type TestUser } from './auth';

/** Trà Vinh ward (Vĩnh Long province, code 86) used as the default address in fixtures. */
export const PHUONG_TRA_VINH = '29242';
export const XA_HUNG_HOA = '29362';
export const XA_CAU_KE = '29308';

export interface FixtureEnterprise {
  id: string;
  slug: string;
  owner: TestUser;
}

export interface FixtureProduct {
  id: string;
  slug: string;
  name: string;
}

const suffix = () => randomBytes(3).toString('hex');

export async function categoryId(t: TestApp, slug: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM categories WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no category ${slug}`);
  return row.id;
}

/**
 * Inserts a verified enterprise owned by a new business user, straight into the database and
 * with its change event published (for suites whose subject is not enterprise management).
 */
export async function createVerifiedEnterprise(
  t: TestApp,
  overrides: Partial<{ displayName: string; kind: string; communeCode: string; status: string; owner: TestUser }> = {},
): Promise<FixtureEnterprise> {
  const owner = overrides.owner ?? (await createUser(t, 'business'));
  const displayName = overrides.displayName ?? `HTX Nông nghiệp ${suffix()}`;
  const slug = `dn-${suffix()}${suffix()}`;
  const events = t.app.get(DomainEvents);
  const id = await t.dataSource.transaction(async (m) => {
    const [row] = await m.query(
      `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id, verified_at, phone)
       VALUES ($1, $2, $3, $3, '86', $4, $5, $6, now(), '0912345678') RETURNING id`,
      [slug, overrides.kind ?? 'cooperative', displayName, overrides.communeCode ?? PHUONG_TRA_VINH, overrides.status ?? 'verified', owner.id],
    );
    await m.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'owner')`, [row.id, owner.id]);
    await events.publish(m, 'enterprise.changed', { enterpriseId: row.id });
    return row.id as string;
  });
  return { id, slug, owner };
}

export interface ProductFixtureInput {
  name: string;
  categorySlug?: string;
  priceVnd?: number;
  stockQuantity?: number;
  unit?: string;
  description?: string;
  status?: string;
  sku?: string;
  gtin?: string | null;
  communeCode?: string | null;
  certifications?: Array<{ type: string; name?: string }>;
  /** Adds a valid OCOP certificate with these stars (decided today). */
  ocopStars?: 3 | 4 | 5;
  potentialFiveStar?: boolean;
}

/** Inserts a product (published by default) with its change event, straight into the database. */
export async function createProduct(t: TestApp, enterpriseId: string, input: ProductFixtureInput): Promise<FixtureProduct> {
  const category = await categoryId(t, input.categorySlug ?? 'trai-cay');
  const slug = `sp-${suffix()}${suffix()}`;
  const events = t.app.get(DomainEvents);
  const id = await t.dataSource.transaction(async (m) => {
    const [row] = await m.query(
      `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, gtin, price_vnd, unit, stock_quantity,
                             origin_commune_code, certifications, status, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, CASE WHEN $13 = 'published' THEN now() END)
       RETURNING id`,
      [
        enterpriseId,
        category,
        input.name,
        slug,
        input.description ?? `<p>${input.name} — đặc sản Trà Vinh.</p>`,
        input.sku ?? `SKU-${suffix()}`,
        input.gtin ?? null,
        input.priceVnd ?? 50_000,
        input.unit ?? 'kg',
        input.stockQuantity ?? 100,
        input.communeCode === undefined ? null : input.communeCode,
        JSON.stringify(input.certifications ?? []),
        input.status ?? 'published',
      ],
    );
    if (input.ocopStars) {
      await m.query(
        `INSERT INTO ocop_certificates (product_id, stars, potential_five_star, score, decision_number, issuing_body, decision_date, valid_until)
         VALUES ($1, $2, $3, $4, $5, 'UBND tỉnh Vĩnh Long', current_date, current_date + interval '36 months')`,
        [row.id, input.ocopStars, input.potentialFiveStar ?? false, input.ocopStars === 5 ? 92 : input.ocopStars === 4 ? 78 : 60, `QĐ-${suffix()}`],
      );
    }
    await events.publish(m, 'product.changed', { productId: row.id });
    return row.id as string;
  });
  return { id, slug, name: input.name };
}
