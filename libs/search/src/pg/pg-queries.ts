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
  // NOT MATERIALIZED: statements reference q several times, which would otherwise materialise it
  // and hide the tsqueries from the planner (no constant folding, generic selectivity, a CTE scan
  // joined into every branch).
  return `WITH q AS NOT MATERIALIZED (SELECT ${fq} AS fq, ${eq} AS eq)`;
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

function base(params: ProductSearchParams, p: Params): { cte: string; from: string; where: string; conditions: string[] } {
  const conditions = filterSql(params.filters, p);
  let cte = '';
  let from = 'search_products sp';
  if (params.query) {
    cte = queryCte(params.query, (v) => p.add(v));
    from = 'search_products sp, q';
    conditions.unshift('sp.tsv @@ q.fq');
  }
  return { cte, from, where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', conditions };
}

/**
 * Ranking and facet counting stop at this many matches. It equals MAX_RESULT_WINDOW, so every
 * page a client can reach is cut from a candidate set at least that large.
 */
export const CANDIDATE_CAP = MAX_RESULT_WINDOW;

/** Indexed (search_products_name_tsv_idx): the product's name, folded and exact tokens. */
const NAME_TSV = `to_tsvector('simple'::regconfig, sp.exact_name)`;

const RANK = `ts_rank_cd(sp.tsv, q.fq, 1)`;

/**
 * The folded name starts with the query's words, as whole words (the last one may be partial
 * while typing): "Dừa sáp Cầu Kè" for "dừa sáp", not "Mật hoa dừa sáp". Such names rank first
 * within their tier (issue 12 §4). Tokens are letters and digits only, so no LIKE wildcard can
 * come from the query; the pattern is a bound parameter and an index (text_pattern_ops) serves it.
 */
function namePrefix(q: ParsedQuery, p: Params): string {
  const words = q.folded.join(' ');
  if (q.prefixLast) return `sp.name_folded LIKE ${p.add(`${words}%`)}`;
  return `(sp.name_folded = ${p.add(words)} OR sp.name_folded LIKE ${p.add(`${words} %`)})`;
}

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
    case 'rating':
      // Unrated products (0, 0) come after every rated one; ties keep the default order.
      return `sp.rating_average DESC, sp.rating_count DESC, ${q ? `${RANK} DESC, sp.id` : 'sp.ocop_stars DESC, sp.published_at DESC, sp.id'}`;
    default:
      if (!q) return 'sp.ocop_stars DESC, sp.published_at DESC, sp.id';
      // Exact-diacritic matches form the first tier; full-text rank orders within each tier.
      // Within the exact tier, an exact match in the name outranks one in a category or description.
      return q.hasMarks ? `(sp.tsv_exact @@ q.eq) DESC, ts_rank(sp.tsv_exact, q.eq) DESC, ${RANK} DESC, sp.id` : `${RANK} DESC, sp.id`;
  }
}

export const HIT_COLUMNS = `sp.id, sp.slug, sp.name, sp.price_vnd AS "priceVnd", sp.unit, sp.ocop_stars AS "ocopStars",
  sp.enterprise_id AS "enterpriseId", sp.enterprise_name AS "enterpriseName", sp.commune_code AS "communeCode",
  sp.thumbnail_url AS "thumbnailUrl", sp.rating_average AS "ratingAverage", sp.rating_count AS "ratingCount"`;
const HIT_NAMES = `c.id, c.slug, c.name, c."priceVnd", c.unit, c."ocopStars", c."enterpriseId", c."enterpriseName", c."communeCode", c."thumbnailUrl", c."ratingAverage", c."ratingCount"`;

export function hitsStatement(params: ProductSearchParams): Statement {
  if (params.page * params.pageSize > MAX_RESULT_WINDOW) throw new Error('result window exceeded');
  const p = new Params();
  const b = base(params, p);
  const q = params.query;
  if (q && params.sort === 'relevance') {
    // Ranking every match costs ts_rank over tens of thousands of rows for a broad query
    // ("dừa": 24k matches). Rank a capped candidate set instead, gathered tier by tier with a
    // cheap, indexed criterion: exact diacritics in the name, exact anywhere, folded word in the
    // name, then any other match. The tiers are disjoint and run in order under one LIMIT (an
    // Append stops pulling rows once the limit is reached), so a broad query never touches the
    // later tiers, and a query matching fewer than CANDIDATE_CAP rows gets all of them: its
    // order is then exactly the full ranking.
    //
    // In the first tiers the name/exact match implies `tsv @@ fq` by construction (exact fields
    // hold every word's folded token too, from the same text). That condition stays as a guard,
    // written as a row filter (IS TRUE): as an index condition the planner would AND in a full
    // scan of the tsv index, which for a prefix ("dua:*") costs more than the whole tier.
    const filters = b.conditions.slice(1);
    const guarded = (extra: string[]) => `WHERE ${[...extra, '(sp.tsv @@ q.fq) IS TRUE', ...filters].join(' AND ')}`;
    const w = (extra: string[]) => `WHERE ${[...b.conditions, ...extra].join(' AND ')}`;
    const prefix = namePrefix(q, p);
    // Names starting with the query's words come first within their tier, so they are gathered first.
    const tiers = q.hasMarks
      ? [
          guarded([`${NAME_TSV} @@ q.eq`, prefix]),
          guarded([`${NAME_TSV} @@ q.eq`, `NOT (${prefix})`]),
          guarded(['sp.tsv_exact @@ q.eq', `NOT (${NAME_TSV} @@ q.eq)`]),
          guarded([`${NAME_TSV} @@ q.fq`, 'NOT (sp.tsv_exact @@ q.eq)']),
          w([`NOT (${NAME_TSV} @@ q.fq)`, 'NOT (sp.tsv_exact @@ q.eq)']),
        ]
      : [guarded([prefix]), guarded([`${NAME_TSV} @@ q.fq`, `NOT (${prefix})`]), w([`NOT (${NAME_TSV} @@ q.fq)`])];
    // Each candidate row carries its hit columns and sort keys, so the heap is visited once.
    const keys = q.hasMarks
      ? [`(sp.tsv_exact @@ q.eq) AS r0`, `${prefix} AS rp`, `ts_rank(sp.tsv_exact, q.eq) AS r1`, `${RANK} AS r2`]
      : [`${prefix} AS rp`, `${RANK} AS r2`];
    const order = q.hasMarks ? 'c.r0 DESC, c.rp DESC, c.r1 DESC, c.r2 DESC, c.id' : 'c.rp DESC, c.r2 DESC, c.id';
    const cap = p.add(CANDIDATE_CAP);
    const select = `SELECT ${HIT_COLUMNS}, ${keys.join(', ')} FROM ${b.from}`;
    // A selective query (say "mat ong" with 4+ stars: a few hundred matches) is cheaper to rank
    // whole, straight from the filtered bitmap, than tier by tier (the name tier would fetch every
    // name match before applying the filters). `n` counts the matches up to the cap; each branch
    // carries a one-time filter on it, so exactly one of them runs.
    const small = `(SELECT n FROM n) <= ${cap}`;
    const candidates =
      `(${select} ${b.where} AND ${small}) UNION ALL ` +
      `(SELECT * FROM (${tiers.map((t) => `(${select} ${t})`).join(' UNION ALL ')} LIMIT ${cap}) t WHERE NOT ${small})`;
    const limit = p.add(params.pageSize);
    const offset = p.add((params.page - 1) * params.pageSize);
    return {
      sql: `${b.cte}, n AS MATERIALIZED (SELECT count(*) AS n FROM (SELECT 1 FROM ${b.from} ${b.where} LIMIT ${cap} + 1) m)
        SELECT ${HIT_NAMES} FROM (${candidates}) c ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      params: p.values,
    };
  }
  const limit = p.add(params.pageSize);
  const offset = p.add((params.page - 1) * params.pageSize);
  return {
    sql: `${b.cte} SELECT ${HIT_COLUMNS} FROM ${b.from} ${b.where} ORDER BY ${orderBy(params)} LIMIT ${limit} OFFSET ${offset}`,
    params: p.values,
  };
}

/**
 * Total and facet counts over the same filtered set as the hits, in one pass over the matches
 * (GROUPING SETS for the scalar facets, one unnest per array facet). With a query, counting
 * stops after CANDIDATE_CAP + 1 matches: the `_total` row then equals CANDIDATE_CAP + 1, which
 * tells the engine the counts are partial (it estimates the total and flags the response as
 * approximate). Without a query (browsing) the counts are exact; the engine caches them briefly.
 */
export function facetsStatement(params: ProductSearchParams): Statement {
  const p = new Params();
  const b = base(params, p);
  const limit = params.query ? ` LIMIT ${p.add(CANDIDATE_CAP + 1)}` : '';
  if (!params.facets) {
    return {
      sql: `${b.cte ? `${b.cte},` : 'WITH'} f AS (SELECT 1 FROM ${b.from} ${b.where}${limit}) SELECT '_total' AS facet, NULL AS value, count(*)::int AS n FROM f`,
      params: p.values,
    };
  }
  const sql = `${b.cte ? `${b.cte},` : 'WITH'} f AS MATERIALIZED (
       SELECT sp.category_ids, sp.commune_code, sp.ocop_stars, sp.certifications, sp.enterprise_kind FROM ${b.from} ${b.where}${limit})
     SELECT CASE GROUPING(commune_code, ocop_stars, enterprise_kind)
              WHEN 7 THEN '_total' WHEN 3 THEN 'commune' WHEN 5 THEN 'ocopStars' ELSE 'enterpriseKind' END AS facet,
            COALESCE(commune_code, ocop_stars::text, enterprise_kind) AS value, count(*)::int AS n
       FROM f GROUP BY GROUPING SETS ((), (commune_code), (ocop_stars), (enterprise_kind))
     UNION ALL SELECT 'category', c::text, count(*)::int FROM f, unnest(f.category_ids) c GROUP BY c
     UNION ALL SELECT 'certification', c, count(*)::int FROM f, unnest(f.certifications) c GROUP BY c`;
  return { sql, params: p.values };
}

/** The planner's row estimate for the matches (used as the total when counting was capped). */
export function estimateStatement(params: ProductSearchParams): Statement {
  const p = new Params();
  const b = base(params, p);
  return { sql: `EXPLAIN (FORMAT JSON) ${b.cte} SELECT 1 FROM ${b.from} ${b.where}`, params: p.values };
}
