import type { EntityManager } from 'typeorm';
import type { PlannedCertificate, PlannedProduct } from './plan';

/**
 * Inserts products by slug (existing ones are kept), resolving enterprise and category by their
 * natural keys in SQL. Returns the ids of the rows actually created.
 */
export async function writeProducts(m: EntityManager, list: PlannedProduct[], now: Date): Promise<string[]> {
  if (!list.length) return [];
  const col = <T>(f: (p: PlannedProduct) => T) => list.map(f);
  const rows: Array<{ id: string }> = await m.query(
    `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, gtin, price_vnd, price_max_vnd, unit,
                           min_order_quantity, stock_quantity, weight_grams, origin_commune_code, certifications, status,
                           submitted_at, published_at, created_at, updated_at)
     SELECT e.id, c.id, u.name, u.slug, u.description, u.sku, u.gtin, u.price, u.price_max, u.unit,
            u.min_order, u.stock, u.weight, u.origin, u.certs::jsonb, u.status,
            CASE WHEN u.status <> 'draft' THEN $18::timestamptz - make_interval(days => u.age + 1) END,
            CASE WHEN u.status IN ('published', 'unlisted') THEN $18::timestamptz - make_interval(days => u.age) END,
            $18::timestamptz - make_interval(days => u.age + 3), $18::timestamptz - make_interval(days => u.age)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[],
                 $10::text[], $11::int[], $12::int[], $13::int[], $14::text[], $15::text[], $16::text[], $17::int[])
       AS u(enterprise_slug, category_slug, name, slug, description, sku, gtin, price, price_max, unit, min_order, stock, weight,
            origin, certs, status, age)
     JOIN enterprises e ON e.slug = u.enterprise_slug
     JOIN categories c ON c.slug = u.category_slug
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      col((p) => p.enterpriseSlug),
      col((p) => p.categorySlug),
      col((p) => p.name),
      col((p) => p.slug),
      col((p) => p.description),
      col((p) => p.sku),
      col((p) => p.gtin),
      col((p) => p.priceVnd),
      col((p) => p.priceMaxVnd),
      col((p) => p.unit),
      col((p) => p.minOrderQuantity),
      col((p) => p.stockQuantity),
      col((p) => p.weightGrams),
      col((p) => p.originCommuneCode),
      col((p) => JSON.stringify(p.certifications)),
      col((p) => p.status),
      col((p) => p.ageDays),
      now,
    ],
  );
  return rows.map((r) => r.id);
}

/**
 * Inserts certificates not yet present for (product, decision number). Dates count back from the
 * seeding day so that the demo's certificates are valid (36 months) whenever it is loaded; the
 * issuing body follows the 2025 merger (Trà Vinh's decisions before July 2025, Vĩnh Long's after).
 * Returns the ids of the products that received a certificate.
 */
export async function writeCertificates(m: EntityManager, list: PlannedCertificate[], today: string, now: Date): Promise<string[]> {
  if (!list.length) return [];
  const col = <T>(f: (c: PlannedCertificate) => T) => list.map(f);
  const rows: Array<{ product_id: string }> = await m.query(
    `WITH u AS (
       SELECT u.*, ($10::date - u.days_ago) AS decided
       FROM unnest($1::text[], $2::int[], $3::boolean[], $4::numeric[], $5::text[], $6::int[], $7::text[], $8::text[])
         AS u(product_slug, stars, potential, score, decision_number, days_ago, status, reason))
     INSERT INTO ocop_certificates (product_id, stars, potential_five_star, score, decision_number, issuing_body, decision_date,
                                    valid_until, product_group, status, revoked_at, revocation_reason, created_at)
     SELECT p.id, u.stars, u.potential, u.score, u.decision_number,
            CASE WHEN u.decided < DATE '2025-07-01' THEN 'UBND tỉnh Trà Vinh' ELSE 'UBND tỉnh Vĩnh Long' END,
            u.decided, (u.decided + interval '36 months')::date, c.ocop_group, u.status,
            CASE WHEN u.status = 'revoked' THEN $9::timestamptz - interval '30 days' END, u.reason, $9::timestamptz
     FROM u JOIN products p ON p.slug = u.product_slug JOIN categories c ON c.id = p.category_id
     WHERE NOT EXISTS (SELECT 1 FROM ocop_certificates oc WHERE oc.product_id = p.id AND oc.decision_number = u.decision_number)
     RETURNING product_id`,
    [
      col((c) => c.productSlug),
      col((c) => c.stars),
      col((c) => c.potentialFiveStar),
      col((c) => c.score),
      col((c) => c.decisionNumber),
      col((c) => c.decisionDaysAgo),
      col((c) => c.status),
      col((c) => c.revocationReason),
      now,
      today,
    ],
  );
  return [...new Set(rows.map((r) => r.product_id))];
}
