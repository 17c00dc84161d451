import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, vietnamDate } from '@tradefloor/core';
import { ENTERPRISE_KINDS, type EnterpriseKind } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import { CERTIFICATION_TYPES } from '../entities/product.entity';
import type { CommuneStatsDto, CountsByKindDto, StatsOverviewDto } from './statistics.dto';

/** A seller as the storefront's home features it. */
export interface LeadingEnterprise {
  id: string;
  slug: string;
  name: string;
  kind: EnterpriseKind;
  communeName: string | null;
  products: number;
  ocopProducts: number;
  bestOcopStars: number | null;
}

const OTHER_CERTIFICATIONS = CERTIFICATION_TYPES.filter((t) => t !== 'typical_rural_industrial');

/**
 * Each OCOP product once, with its best certificate valid on $1 (same choice as ProductViews:
 * most stars, then the latest decision), so the statistics agree with what product pages show.
 */
const BEST_VALID_CERTIFICATE = `
  best AS (
    SELECT DISTINCT ON (oc.product_id) oc.product_id, oc.stars, oc.potential_five_star
    FROM ocop_certificates oc
    WHERE oc.status = 'valid' AND oc.valid_until >= $1::date
    ORDER BY oc.product_id, oc.stars DESC, oc.decision_date DESC, oc.id
  )`;

const ON_FLOOR = `p.status = 'published' AND e.status = 'verified'`;

/** `count(*) FILTER (WHERE kind = 'household') AS "prefix_household", …` — kinds are constants, not input. */
function countsByKind(prefix: string, expr = 'count(*)'): string {
  return ENTERPRISE_KINDS.map((k) => `${expr} FILTER (WHERE kind = '${k}')::int AS "${prefix}_${k}"`).join(',\n         ');
}

function byKind(row: Record<string, number>, prefix: string): CountsByKindDto {
  return Object.fromEntries(ENTERPRISE_KINDS.map((k: EnterpriseKind) => [k, row[`${prefix}_${k}`]])) as unknown as CountsByKindDto;
}

/** Province statistics in a few aggregate queries (no per-row work in Node). */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async overview(): Promise<StatsOverviewDto> {
    const asOf = vietnamDate(this.clock.now());
    const [row] = await this.dataSource.query(
      `WITH ${BEST_VALID_CERTIFICATE},
       ent AS (
         SELECT count(*)::int AS verified,
         ${countsByKind('e')}
         FROM enterprises WHERE status = 'verified'),
       prod AS (
         SELECT count(*)::int AS published,
                count(*) FILTER (WHERE p.certifications @> '[{"type":"typical_rural_industrial"}]'::jsonb)::int AS typical,
                count(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM jsonb_array_elements(p.certifications) c WHERE c->>'type' = ANY($2::text[])))::int AS other
         FROM products p JOIN enterprises e ON e.id = p.enterprise_id
         WHERE ${ON_FLOOR}),
       ocop AS (
         SELECT b.stars, b.potential_five_star, p.enterprise_id, e.kind, (${ON_FLOOR}) AS listed
         FROM best b JOIN products p ON p.id = b.product_id JOIN enterprises e ON e.id = p.enterprise_id),
       oc AS (
         SELECT count(*)::int AS ocop_products,
                count(*) FILTER (WHERE stars = 5)::int AS five,
                count(*) FILTER (WHERE stars < 5 AND potential_five_star)::int AS potential,
                count(*) FILTER (WHERE stars = 4 AND NOT potential_five_star)::int AS four,
                count(*) FILTER (WHERE stars = 3 AND NOT potential_five_star)::int AS three,
                count(*) FILTER (WHERE listed)::int AS ocop_listed,
                count(DISTINCT enterprise_id)::int AS subjects,
         ${countsByKind('s', 'count(DISTINCT enterprise_id)')}
         FROM ocop)
       SELECT * FROM ent, prod, oc`,
      [asOf, OTHER_CERTIFICATIONS],
    );
    return {
      enterprises: { verified: row.verified, byKind: byKind(row, 'e') },
      products: { published: row.published, typicalRuralIndustrial: row.typical, withOtherCertification: row.other },
      ocop: {
        products: row.ocop_products,
        fiveStar: row.five,
        potentialFiveStar: row.potential,
        fourStar: row.four,
        threeStar: row.three,
        published: row.ocop_listed,
        subjects: row.subjects,
        subjectsByKind: byKind(row, 's'),
      },
      asOf,
    };
  }

  /**
   * The storefront's featured sellers: verified enterprises ranked by their published products with
   * a valid OCOP certificate, then by published products — what a buyer would call the province's
   * leading producers. One aggregate; callers cache it.
   */
  async leadingEnterprises(limit: number): Promise<LeadingEnterprise[]> {
    const asOf = vietnamDate(this.clock.now());
    const rows: Array<{
      id: string;
      slug: string;
      name: string;
      kind: EnterpriseKind;
      commune_name: string | null;
      products: number;
      ocop: number;
      best_stars: number | null;
    }> = await this.dataSource.query(
      `WITH ${BEST_VALID_CERTIFICATE}
         SELECT e.id, e.slug, e.display_name AS name, e.kind, c.name AS commune_name,
                count(*)::int AS products, count(b.product_id)::int AS ocop, max(b.stars)::int AS best_stars
         FROM enterprises e
         JOIN products p ON p.enterprise_id = e.id AND p.status = 'published'
         LEFT JOIN best b ON b.product_id = p.id
         LEFT JOIN communes c ON c.code = e.commune_code
         WHERE e.status = 'verified'
         GROUP BY e.id, c.name
         ORDER BY ocop DESC, products DESC, e.display_name, e.id
         LIMIT $2`,
      [asOf, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      communeName: r.commune_name,
      products: r.products,
      ocopProducts: r.ocop,
      bestOcopStars: r.best_stars,
    }));
  }

  /** Every commune of the reference data (zeros included), in code order. */
  async communes(): Promise<CommuneStatsDto[]> {
    const rows: Array<{ code: string; name: string; enterprises: number; published: number; ocop: number }> = await this.dataSource.query(
      `WITH ${BEST_VALID_CERTIFICATE},
       ent AS (SELECT commune_code AS code, count(*)::int AS n FROM enterprises WHERE status = 'verified' GROUP BY 1),
       pub AS (
         SELECT COALESCE(p.origin_commune_code, e.commune_code) AS code, count(*)::int AS n
         FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${ON_FLOOR} GROUP BY 1),
       oc AS (
         SELECT COALESCE(p.origin_commune_code, e.commune_code) AS code, count(*)::int AS n
         FROM best b JOIN products p ON p.id = b.product_id JOIN enterprises e ON e.id = p.enterprise_id GROUP BY 1)
       SELECT c.code, c.name, COALESCE(ent.n, 0) AS enterprises, COALESCE(pub.n, 0) AS published, COALESCE(oc.n, 0) AS ocop
       FROM communes c
       LEFT JOIN ent ON ent.code = c.code LEFT JOIN pub ON pub.code = c.code LEFT JOIN oc ON oc.code = c.code
       ORDER BY c.code`,
      [vietnamDate(this.clock.now())],
    );
    return rows.map((r) => ({ communeCode: r.code, communeName: r.name, enterprises: r.enterprises, publishedProducts: r.published, ocopProducts: r.ocop }));
  }
}
