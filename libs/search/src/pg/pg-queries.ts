import { MAX_RESULT_WINDOW, type ProductFilters, type ProductSearchParams } from '../engine/search-types';
import type { ParsedQuery } from '../text/query';

/**
 * Pure builders of the PostgreSQL engine's statements (the bench runs the same statements
 * straight against PostgreSQL as its baseline). Every value, the query tokens included, is a
 * bound parameter; the only SQL text assembled here is fixed fragments chosen by code.
 *
 * The query tokens are letters and digits only (text/query.ts) and reach the tsquery through
 * websearch_to_tsquery (all words) and to_tsquery(quote_literal(last) || ':*') for the prefix on
 * the word being typed — PostgreSQL quotes the lexeme, no tsquery text is concatenated in JS.
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** CTE `q(fq, eq)`: the folded tsquery and the exact (diacritic-preserving) tsquery. */
export function queryCte(q: ParsedQuery, add: (value: unknown) => string): string {
  const head = q.prefixLast ? q.folded.slice(0, -1) : q.folded;
  let fq = head.length ? `websearch_to_tsquery('simple', ${add(head.join(' '))})` : '';
  if (q.prefixLast) {
    const prefix = `to_tsquery('simple', quote_literal(${add(q.folded[q.folded.length - 1])}) || ':*')`;
    fq = fq ? `(${fq} && ${prefix})` : prefix;
  }
  const eq = q.hasMarks ? `websearch_to_tsquery('simple', ${add(q.exact.join(' '))})` : `NULL::tsquery`;
  return `WITH q AS (SELECT ${fq} AS fq, ${eq} AS eq)`;
}

function filterSql(f: ProductFilters, p: Params): string[] {
  const out: string[] = [];
  if (f.categoryId) out.push(`sp.category_ids @> ARRAY[${p.add(f.categoryId)}::uuid]`);
  if (f.communeCode) out.push(`sp.commune_code = ${p.add(f.communeCode)}`);
  if (f.provinceCode) out.push(`sp.province_code = ${p.add(f.provinceCode)}`);
  if (f.ocopMin !== undefined) out.push(`sp.ocop_stars >= ${p.add(f.ocopMin)}::int`);
  if (f.certification) out.push(`sp.certifications @> ARRAY[${p.add(f.certification)}::text]`);
  if (f.priceMin !== undefined) out.push(`sp.price_vnd >= ${p.add(f.priceMin)}::bigint`);
  if (f.priceMax !== undefined) out.push(`sp.price_vnd <= ${p.add(f.priceMax)}::bigint`);
  if (f.enterpriseId) out.push(`sp.enterprise_id = ${p.add(f.enterpriseId)}::uuid`);
  if (f.enterpriseKind) out.push(`sp.enterprise_kind = ${p.add(f.enterpriseKind)}`);
  if (f.inStock !== undefined) out.push(`sp.in_stock = ${p.add(f.inStock)}::boolean`);
  return out;
}

function base(params: ProductSearchParams, p: Params): { cte: string; from: string; where: string } {
  const conditions = filterSql(params.filters, p);
  let cte = '';
  let from = 'search_products sp';
  if (params.query) {
    cte = queryCte(params.query, (v) => p.add(v));
    from = 'search_products sp, q';
    conditions.unshift('sp.tsv @@ q.fq');
  }
  return { cte, from, where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '' };
}

const RANK = `ts_rank_cd(sp.tsv, q.fq, 1)`;

function orderBy(params: ProductSearchParams): string {
  const q = params.query;
  switch (params.sort) {
    case 'price_asc':
      return 'sp.price_vnd ASC, sp.id';
    case 'price_desc':
      return 'sp.price_vnd DESC, sp.id';
    case 'newest':
      return 'sp.published_at DESC, sp.id';
    case 'ocop':
      return q ? `sp.ocop_stars DESC, ${RANK} DESC, sp.id` : 'sp.ocop_stars DESC, sp.published_at DESC, sp.id';
    default:
      if (!q) return 'sp.ocop_stars DESC, sp.published_at DESC, sp.id';
      // Exact-diacritic matches form the first tier; full-text rank orders within each tier.
      // Within the exact tier, an exact match in the name outranks one in a category or description.
      return q.hasMarks ? `(sp.tsv_exact @@ q.eq) DESC, ts_rank(sp.tsv_exact, q.eq) DESC, ${RANK} DESC, sp.id` : `${RANK} DESC, sp.id`;
  }
}

export const HIT_COLUMNS = `sp.id, sp.slug, sp.name, sp.price_vnd AS "priceVnd", sp.unit, sp.ocop_stars AS "ocopStars",
  sp.enterprise_id AS "enterpriseId", sp.enterprise_name AS "enterpriseName", sp.commune_code AS "communeCode",
  sp.thumbnail_url AS "thumbnailUrl"`;

export function hitsStatement(params: ProductSearchParams): Statement {
  if (params.page * params.pageSize > MAX_RESULT_WINDOW) throw new Error('result window exceeded');
  const p = new Params();
  const b = base(params, p);
  const limit = p.add(params.pageSize);
  const offset = p.add((params.page - 1) * params.pageSize);
  return {
    sql: `${b.cte} SELECT ${HIT_COLUMNS} FROM ${b.from} ${b.where} ORDER BY ${orderBy(params)} LIMIT ${limit} OFFSET ${offset}`,
    params: p.values,
  };
}

/** Total and facet counts over the same filtered set as the hits (so they always agree). */
export function facetsStatement(params: ProductSearchParams): Statement {
  const p = new Params();
  const b = base(params, p);
  const total = `SELECT '_total' AS facet, NULL AS value, count(*)::int AS n FROM f`;
  const sql = params.facets
    ? `${b.cte ? `${b.cte},` : 'WITH'} f AS MATERIALIZED (
         SELECT sp.category_ids, sp.commune_code, sp.ocop_stars, sp.certifications, sp.enterprise_kind FROM ${b.from} ${b.where})
       ${total}
       UNION ALL SELECT 'category', c::text, count(*)::int FROM f, unnest(f.category_ids) c GROUP BY c
       UNION ALL SELECT 'commune', commune_code, count(*)::int FROM f GROUP BY commune_code
       UNION ALL SELECT 'ocopStars', ocop_stars::text, count(*)::int FROM f WHERE ocop_stars > 0 GROUP BY ocop_stars
       UNION ALL SELECT 'certification', c, count(*)::int FROM f, unnest(f.certifications) c GROUP BY c
       UNION ALL SELECT 'enterpriseKind', enterprise_kind, count(*)::int FROM f GROUP BY enterprise_kind`
    : `${b.cte} SELECT '_total' AS facet, NULL AS value, count(*)::int AS n FROM ${b.from} ${b.where}`;
  return { sql, params: p.values };
}
