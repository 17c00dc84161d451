import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseDocument } from '../documents/enterprise-document';
import { foldedFields, type ProductDocument } from '../documents/product-document';
import type { IndexChange, IndexKind, PeerIndexChange, RebuildProgress, RebuildSource, SearchEngine, Settle } from '../engine/search-engine';
import {
  emptyFacets,
  type EnterpriseSearchParams,
  type EnterpriseSearchResult,
  type Facets,
  type PeerHitData,
  type PeerSearchParams,
  type PeerSearchResult,
  hitRating,
  type ProductHitData,
  type ProductSearchParams,
  type ProductSearchResult,
} from '../engine/search-types';
import { foldedText } from '../text/vietnamese';
import { CANDIDATE_CAP, estimateStatement, facetsStatement, hitsStatement, queryCte, type Statement } from './pg-queries';
import { searchWithCorrection } from '../text/query-correction';

const PRODUCT_COLUMNS = `id, slug, name, price_vnd, unit, ocop_stars, enterprise_id, enterprise_name, enterprise_kind, commune_code,
  province_code, thumbnail_url, category_ids, certifications, in_stock, published_at, name_folded, keywords_folded,
  enterprise_folded, description_folded, exact_name, exact_text, rating_average, rating_count, hash`;

const PRODUCT_RECORD = `id uuid, slug text, name text, price_vnd bigint, unit text, ocop_stars smallint, enterprise_id uuid,
  enterprise_name text, enterprise_kind text, commune_code text, province_code text, thumbnail_url text, category_ids uuid[],
  certifications text[], in_stock boolean, published_at bigint, name_folded text, keywords_folded text, enterprise_folded text,
  description_folded text, exact_name text, exact_text text, rating_average numeric, rating_count integer, hash text`;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Browsing (no query) counts facets over every visible product that passes the filters: exact,
 * but a scan of most of the table. The counts barely change from one second to the next, so they
 * are kept this long per filter combination. Writes through this engine clear the cache; writes
 * made by another process (the worker) show up in the counts within this delay.
 */
const BROWSE_FACETS_TTL_MS = 5_000;
const BROWSE_FACETS_MAX_ENTRIES = 500;

const settled: Settle = () => Promise.resolve();

/** The live table of an index (a fixed name chosen here, never input). */
function tableOf(kind: IndexKind): string {
  return kind === 'products' ? 'search_products' : 'search_enterprises';
}

interface Counts {
  total: number;
  facets: Facets;
  approximate: boolean;
}

/**
 * PostgreSQL engine: the search_products / search_enterprises tables (filled by the same index
 * jobs as Meilisearch) with stored folded and exact tsvectors. Typos and joined syllables are
 * handled by correcting unknown words against the indexed vocabulary when full-text matching
 * finds nothing (text/query-correction.ts), then searching again.
 */
export class PgEngine implements SearchEngine {
  readonly kind = 'postgres' as const;

  private readonly browseCounts = new Map<string, { expires: number; counts: Promise<Counts> }>();

  constructor(private readonly dataSource: DataSource) {}

  async prepare(): Promise<void> {
    // The schema comes from migrations; nothing to apply at start.
  }

  searchProducts(params: ProductSearchParams): Promise<ProductSearchResult> {
    return searchWithCorrection(this.dataSource, params, (p) => this.runProductSearch(p));
  }

  private async runProductSearch(params: ProductSearchParams): Promise<ProductSearchResult> {
    const [hits, counts] = await Promise.all([this.run(hitsStatement(params)), this.counts(params)]);
    return {
      hits: (hits as Array<Omit<ProductHitData, 'rating'> & { priceVnd: string; ocopStars: number; ratingAverage: string; ratingCount: number }>).map(
        ({ ratingAverage, ratingCount, ...h }) => ({
          ...h,
          priceVnd: Number(h.priceVnd),
          ocopStars: h.ocopStars > 0 ? h.ocopStars : null,
          rating: hitRating(ratingAverage, ratingCount),
        }),
      ),
      ...counts,
    };
  }

  private counts(params: ProductSearchParams): Promise<Counts> {
    if (params.query) return this.countMatches(params);
    const key = JSON.stringify([params.filters, params.facets]);
    const now = Date.now();
    const cached = this.browseCounts.get(key);
    if (cached && cached.expires > now) return cached.counts;
    if (this.browseCounts.size >= BROWSE_FACETS_MAX_ENTRIES) this.browseCounts.clear();
    // The promise is cached, so concurrent identical browses share one scan.
    const counts = this.countMatches(params);
    this.browseCounts.set(key, { expires: now + BROWSE_FACETS_TTL_MS, counts });
    counts.catch(() => this.browseCounts.delete(key));
    return counts;
  }

  private async countMatches(params: ProductSearchParams): Promise<Counts> {
    const facets: Facets = emptyFacets();
    let total = 0;
    for (const row of (await this.run(facetsStatement(params))) as Array<{ facet: string; value: string; n: number }>) {
      if (row.facet === '_total') total = row.n;
      else if (row.facet === 'ocopStars' && row.value === '0') continue;
      else facets[row.facet as keyof Facets][row.value] = row.n;
    }
    if (total <= CANDIDATE_CAP) return { total, facets, approximate: false };
    // Counting stopped at CANDIDATE_CAP + 1 matches: the facet counts cover those matches only,
    // and the total is the planner's estimate (never below what was actually counted).
    const [{ 'QUERY PLAN': plan }] = (await this.run(estimateStatement(params))) as Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>;
    return { total: Math.max(total, Math.round(plan[0].Plan['Plan Rows'])), facets, approximate: true };
  }

  searchEnterprises(params: EnterpriseSearchParams): Promise<EnterpriseSearchResult> {
    return searchWithCorrection(this.dataSource, params, (p) => this.runEnterpriseSearch(p));
  }

  private async runEnterpriseSearch(p: EnterpriseSearchParams): Promise<EnterpriseSearchResult> {
    const values: unknown[] = [];
    const add = (v: unknown) => (values.push(v), `$${values.length}`);
    const where: string[] = [];
    let cte = '';
    let from = 'search_enterprises se';
    let order = 'se.name, se.id';
    if (p.query) {
      cte = queryCte(p.query, add);
      from = 'search_enterprises se, q';
      where.push('se.tsv @@ q.fq');
      order = `${p.query.hasMarks ? '(se.tsv_exact @@ q.eq) DESC, ' : ''}ts_rank_cd(se.tsv, q.fq, 1) DESC, se.id`;
    }
    if (p.kind) where.push(`se.kind = ${add(p.kind)}`);
    if (p.communeCode) where.push(`se.commune_code = ${add(p.communeCode)}`);
    if (p.provinceCode) where.push(`se.province_code = ${add(p.provinceCode)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = add(p.pageSize);
    const offset = add((p.page - 1) * p.pageSize);
    const rows: Array<{ id: string; slug: string; name: string; kind: string; communeCode: string; total: number }> = await this.dataSource.query(
      `${cte} SELECT se.id, se.slug, se.name, se.kind, se.commune_code AS "communeCode", count(*) OVER ()::int AS total
       FROM ${from} ${w} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      values,
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && p.page > 1) {
      const [c] = await this.dataSource.query(`${cte} SELECT count(*)::int AS n FROM ${from} ${w}`, values.slice(0, -2));
      total = c.n;
    }
    return { hits: rows.map(({ total: _t, ...h }) => h), total };
  }

  /**
   * Peer floors' products (search_peer_products): folded full text, name first; a province and
   * stars filter; the province facet counted without the province filter (one pass, no cap: the
   * table holds what peers publish, not the province's 100k).
   */
  async searchPeerProducts(p: PeerSearchParams): Promise<PeerSearchResult> {
    const values: unknown[] = [];
    const add = (v: unknown) => (values.push(v), `$${values.length}`);
    const where: string[] = [];
    let cte = '';
    let from = 'search_peer_products pp';
    let rank = '';
    if (p.query) {
      cte = queryCte(p.query, add);
      from = 'search_peer_products pp, q';
      where.push('pp.tsv @@ q.fq');
      rank = 'ts_rank_cd(pp.tsv, q.fq, 1) DESC, ';
    }
    if (p.ocopMin !== undefined) where.push(`pp.ocop_stars >= ${add(p.ocopMin)}`);
    const facetWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (p.provinceCode) where.push(`pp.province_code = ${add(p.provinceCode)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = {
      relevance: p.query ? `${rank}pp.ocop_stars DESC` : 'pp.ocop_stars DESC, pp.modified_at DESC',
      price_asc: 'pp.price_vnd ASC NULLS LAST',
      price_desc: 'pp.price_vnd DESC NULLS LAST',
      newest: 'pp.modified_at DESC',
      ocop: 'pp.ocop_stars DESC',
    }[p.sort];
    const facetValues = [...values];
    const limit = add(p.pageSize);
    const offset = add((p.page - 1) * p.pageSize);
    const [rows, facets] = await Promise.all([
      this.dataSource.query(
        `${cte} SELECT pp.id, pp.peer_id AS "peerId", pp.peer_name AS "peerName", pp.remote_id AS "remoteId", pp.name, pp.seller_name AS "sellerName",
           pp.province_code AS "provinceCode", pp.price_vnd AS "priceVnd", pp.ocop_stars AS "ocopStars", pp.ocop_certificate AS "ocopCertificate",
           pp.ocop_valid_until AS "ocopValidUntil", pp.image_url AS "imageUrl", pp.page_url AS "pageUrl", count(*) OVER ()::int AS total
         FROM ${from} ${w} ORDER BY ${order}, pp.id LIMIT ${limit} OFFSET ${offset}`,
        values,
      ) as Promise<Array<PeerHitData & { total: number; priceVnd: string | null; ocopStars: number; sellerName: string; provinceCode: string }>>,
      this.dataSource.query(
        `${cte} SELECT pp.province_code AS code, count(*)::int AS n FROM ${from} ${facetWhere} GROUP BY pp.province_code ORDER BY n DESC, code`,
        facetValues,
      ) as Promise<Array<{ code: string; n: number }>>,
    ]);
    let total = rows[0]?.total ?? 0;
    if (!rows.length && p.page > 1) {
      const [c] = await this.dataSource.query(`${cte} SELECT count(*)::int AS n FROM ${from} ${w}`, values.slice(0, -2));
      total = c.n;
    }
    return {
      hits: rows.map(({ total: _t, ...h }) => ({
        ...h,
        sellerName: h.sellerName || null,
        provinceCode: h.provinceCode || null,
        priceVnd: h.priceVnd === null ? null : Number(h.priceVnd),
        ocopStars: h.ocopStars > 0 ? h.ocopStars : null,
      })),
      total,
      provinces: Object.fromEntries(facets.filter((f) => f.code).map((f) => [f.code, f.n])),
    };
  }

  async applyPeerProducts(change: PeerIndexChange, tx: EntityManager): Promise<Settle> {
    if (change.removePeers.length) await tx.query(`DELETE FROM search_peer_products WHERE peer_id = ANY($1::uuid[])`, [change.removePeers]);
    if (change.remove.length) await tx.query(`DELETE FROM search_peer_products WHERE id = ANY($1::text[])`, [change.remove]);
    if (!change.upsert.length) return settled;
    const records = change.upsert.map((d) => ({
      id: d.id,
      peer_id: d.peerId,
      peer_name: d.peerName,
      remote_id: d.remoteId,
      name: d.name,
      seller_name: d.sellerName,
      province_code: d.provinceCode,
      price_vnd: d.priceVnd,
      ocop_stars: d.ocopStars,
      ocop_certificate: d.ocopCertificate,
      ocop_valid_until: d.ocopValidUntil,
      image_url: d.imageUrl,
      page_url: d.pageUrl,
      modified_at: d.modifiedAt,
      name_folded: foldedText(d.name),
      keywords_folded: foldedText(`${d.keywords} ${d.sellerName}`),
      description_folded: foldedText(d.descriptionText),
      hash: d.hash,
    }));
    const columns = Object.keys(records[0]);
    await tx.query(
      `INSERT INTO search_peer_products (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(id text, peer_id uuid, peer_name text, remote_id text, name text,
         seller_name text, province_code text, price_vnd bigint, ocop_stars smallint, ocop_certificate text, ocop_valid_until text, image_url text,
         page_url text, modified_at bigint, name_folded text, keywords_folded text, description_folded text, hash text)
       ON CONFLICT (id) DO UPDATE SET ${columns
         .filter((c) => c !== 'id')
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}`,
      [JSON.stringify(records)],
    );
    return settled;
  }

  /** Written in the indexer's transaction, which holds the documents' locks (document-locks.ts). */
  async applyProducts(change: IndexChange<ProductDocument>, tx: EntityManager): Promise<Settle> {
    await this.upsertProducts(change.upsert, 'search_products', tx);
    if (change.remove.length) await tx.query(`DELETE FROM search_products WHERE id = ANY($1::uuid[])`, [change.remove]);
    this.browseCounts.clear();
    return settled;
  }

  async applyEnterprises(change: IndexChange<EnterpriseDocument>, tx: EntityManager): Promise<Settle> {
    await this.upsertEnterprises(change.upsert, 'search_enterprises', tx);
    if (change.remove.length) await tx.query(`DELETE FROM search_enterprises WHERE id = ANY($1::uuid[])`, [change.remove]);
    return settled;
  }

  async count(kind: IndexKind): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${tableOf(kind)}`);
    return row.n;
  }

  async hashesOf(kind: IndexKind, ids: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; hash: string }> = await this.dataSource.query(`SELECT id, hash FROM ${tableOf(kind)} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.hash]));
  }

  async indexedIds(kind: IndexKind): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM ${tableOf(kind)}`);
    return new Set(rows.map((r) => r.id));
  }

  private async upsertProducts(docs: ProductDocument[], target: string, db: Queryable): Promise<void> {
    if (!docs.length) return;
    const records = docs.map((d) => {
      const f = foldedFields(d);
      return {
        id: d.id,
        slug: d.slug,
        name: d.name,
        price_vnd: d.priceVnd,
        unit: d.unit,
        ocop_stars: d.ocopStars,
        enterprise_id: d.enterpriseId,
        enterprise_name: d.enterpriseName,
        enterprise_kind: d.enterpriseKind,
        commune_code: d.communeCode,
        province_code: d.provinceCode,
        thumbnail_url: d.thumbnailUrl,
        category_ids: d.categoryIds,
        certifications: d.certifications,
        in_stock: d.inStock,
        published_at: d.publishedAt,
        name_folded: f.name,
        keywords_folded: f.keywords,
        enterprise_folded: f.enterprise,
        description_folded: f.description,
        exact_name: f.exactName,
        exact_text: f.exactText,
        rating_average: d.ratingAverage,
        rating_count: d.ratingCount,
        hash: d.hash,
      };
    });
    const updates = PRODUCT_COLUMNS.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== 'id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    // `target` is one of two table names chosen by this class, never input.
    await db.query(
      `INSERT INTO ${target} (${PRODUCT_COLUMNS}) SELECT ${PRODUCT_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(${PRODUCT_RECORD})
       ON CONFLICT (id) DO UPDATE SET ${updates}`,
      [JSON.stringify(records)],
    );
    this.browseCounts.clear();
  }

  private async upsertEnterprises(docs: EnterpriseDocument[], target: string, db: Queryable): Promise<void> {
    if (!docs.length) return;
    const records = docs.map((d) => ({
      id: d.id,
      slug: d.slug,
      name: d.name,
      kind: d.kind,
      commune_code: d.communeCode,
      province_code: d.provinceCode,
      name_folded: foldedText(d.name),
      description_folded: foldedText(d.descriptionText),
      exact_text: d.exactName,
      hash: d.hash,
    }));
    await db.query(
      `INSERT INTO ${target} (id, slug, name, kind, commune_code, province_code, name_folded, description_folded, exact_text, hash)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, slug text, name text, kind text, commune_code text, province_code text,
         name_folded text, description_folded text, exact_text text, hash text)
       ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, kind = EXCLUDED.kind, commune_code = EXCLUDED.commune_code,
         province_code = EXCLUDED.province_code, name_folded = EXCLUDED.name_folded, description_folded = EXCLUDED.description_folded,
         exact_text = EXCLUDED.exact_text, hash = EXCLUDED.hash`,
      [JSON.stringify(records)],
    );
  }

  async indexedHashes(kind: IndexKind): Promise<Map<string, string>> {
    const rows: Array<{ id: string; hash: string }> = await this.dataSource.query(`SELECT id, hash FROM ${tableOf(kind)}`);
    return new Map(rows.map((r) => [r.id, r.hash]));
  }

  /** Fills `<table>_next` copies, then renames them over the live tables in one transaction. */
  async rebuild(source: RebuildSource, progress: RebuildProgress): Promise<{ products: number; enterprises: number }> {
    let products = 0;
    let enterprises = 0;
    await this.dataSource.query(`DROP TABLE IF EXISTS search_products_next, search_enterprises_next`);
    await this.dataSource.query(`CREATE TABLE search_products_next (LIKE search_products INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE search_enterprises_next (LIKE search_enterprises INCLUDING ALL)`);
    for await (const batch of source.products()) {
      await this.upsertProducts(batch, 'search_products_next', this.dataSource);
      progress('products', (products += batch.length));
    }
    for await (const batch of source.enterprises()) {
      await this.upsertEnterprises(batch, 'search_enterprises_next', this.dataSource);
      progress('enterprises', (enterprises += batch.length));
    }
    await this.dataSource.query(`ANALYZE search_products_next`);
    await this.dataSource.transaction(async (m) => {
      for (const t of ['search_products', 'search_enterprises']) {
        await m.query(`LOCK TABLE ${t} IN ACCESS EXCLUSIVE MODE`);
        await m.query(`ALTER TABLE ${t} RENAME TO ${t}_old`);
        await m.query(`ALTER TABLE ${t}_next RENAME TO ${t}`);
        await m.query(`DROP TABLE ${t}_old`);
      }
    });
    this.browseCounts.clear();
    return { products, enterprises };
  }

  private run(s: Statement): Promise<unknown[]> {
    return this.dataSource.query(s.sql, s.params);
  }
}
