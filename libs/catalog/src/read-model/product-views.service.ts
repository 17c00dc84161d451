import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, htmlToText, prepared, vietnamDate } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CategoryEntity } from '../entities/category.entity';
import { mediaUrl } from './media-url';
import type { ProductView, SaleView } from './product-view';
import { SALE_VIEW_COLUMNS, SALE_VIEW_SOURCE, saleViewOf } from './sale-view-sql';

interface Row {
  id: string;
  slug: string;
  name: string;
  description: string;
  sku: string;
  gtin: string | null;
  price_vnd: string;
  price_max_vnd: string | null;
  unit: string;
  min_order_quantity: number;
  stock_quantity: number;
  weight_grams: number | null;
  status: ProductView['status'];
  visible: boolean;
  certifications: ProductView['certifications'];
  enterprise_id: string;
  enterprise_slug: string;
  enterprise_name: string;
  enterprise_kind: ProductView['enterpriseKind'];
  enterprise_status: ProductView['enterpriseStatus'];
  enterprise_phone: string | null;
  enterprise_commune_code: string;
  enterprise_commune_name: string | null;
  commune_code: string;
  commune_name: string | null;
  province_code: string | null;
  category_id: string;
  stars: number | null;
  potential_five_star: boolean | null;
  valid_until: string | null;
  decision_number: string | null;
  issuing_body: string | null;
  image_keys: string[] | null;
  thumbnail_keys: string[] | null;
  created_at: Date;
  published_at: Date | null;
  updated_at: Date;
}

const SELECT = `
  SELECT p.id, p.slug, p.name, p.description, p.sku, p.gtin, p.price_vnd, p.price_max_vnd, p.unit,
         p.min_order_quantity, p.stock_quantity, p.weight_grams, p.status, p.certifications, p.category_id,
         p.created_at, p.published_at, p.updated_at,
         (p.status = 'published' AND e.status = 'verified') AS visible,
         e.id AS enterprise_id, e.slug AS enterprise_slug, e.display_name AS enterprise_name,
         e.kind AS enterprise_kind, e.status AS enterprise_status, e.phone AS enterprise_phone,
         e.commune_code AS enterprise_commune_code, ec.name AS enterprise_commune_name,
         COALESCE(p.origin_commune_code, e.commune_code) AS commune_code, c.name AS commune_name, c.province_code,
         cert.stars, cert.potential_five_star, to_char(cert.valid_until, 'YYYY-MM-DD') AS valid_until,
         cert.decision_number, cert.issuing_body,
         img.image_keys, img.thumbnail_keys
  FROM products p
  JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN communes c ON c.code = COALESCE(p.origin_commune_code, e.commune_code)
  LEFT JOIN communes ec ON ec.code = e.commune_code
  LEFT JOIN LATERAL (
    SELECT oc.stars, oc.potential_five_star, oc.valid_until, oc.decision_number, oc.issuing_body FROM ocop_certificates oc
    WHERE oc.product_id = p.id AND oc.status = 'valid' AND oc.valid_until >= $1::date
    ORDER BY oc.stars DESC, oc.decision_date DESC LIMIT 1) cert ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(i.storage_key ORDER BY i.position) AS image_keys,
           array_agg(i.thumbnail_key ORDER BY i.position) AS thumbnail_keys
    FROM product_images i WHERE i.product_id = p.id) img ON true`;

export interface CategorySummary {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

const CATEGORY_LIST_TTL_MS = 30_000;

/** Where a read runs: the pool, or a caller's transaction (so a reader holding locks in it needs one connection only). */
export type ReadScope = DataSource | EntityManager;

const VISIBLE = `p.status = 'published' AND e.status = 'verified'`;

/** How many products' enterprises `enterpriseIdsOf` holds before it starts over (about 100 bytes each). */
const OWNERS_HELD = 200_000;

/** `loadForSale`'s read: in every cart answer and checkout, so prepared once per connection. */
const SALE_VIEWS = prepared(`SELECT ${SALE_VIEW_COLUMNS} FROM ${SALE_VIEW_SOURCE} WHERE p.id = ANY($1::uuid[])`);

/** Denormalised product views for other contexts, one query per batch. */
@Injectable()
export class ProductViews {
  private categoryList?: { at: number; list: Promise<ReadonlyArray<CategorySummary>> };
  /** Product id → its enterprise (`enterpriseIdsOf`). */
  private readonly ownerOf = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Views of these products (any status). `db`: a transaction to read in (default: the pool). */
  async load(ids: string[], db: ReadScope = this.dataSource): Promise<ProductView[]> {
    if (!ids.length) return [];
    const rows: Row[] = await db.query(`${SELECT} WHERE p.id = ANY($2::uuid[])`, [vietnamDate(this.clock.now()), ids]);
    return this.toViews(rows, db);
  }

  /**
   * The light views selling needs (cart, checkout) of these products (any status), in one query:
   * no category path, description, OCOP or image list — only the first thumbnail.
   */
  async loadForSale(ids: string[], db: ReadScope = this.dataSource): Promise<SaleView[]> {
    if (!ids.length) return [];
    const rows: Array<Record<string, unknown>> = await db.query(SALE_VIEWS, [ids]);
    return rows.map(saleViewOf);
  }

  /**
   * The enterprises these products belong to (distinct): read once per product and then held, since
   * a product never moves to another enterprise. It runs in every stock reservation's transaction
   * (the page cache's tags), where it was one statement of each checkout.
   */
  async enterpriseIdsOf(ids: string[], db: ReadScope = this.dataSource): Promise<string[]> {
    const missing = ids.filter((id) => !this.ownerOf.has(id));
    if (missing.length) {
      const rows: Array<{ id: string; enterprise_id: string }> = await db.query(prepared(`SELECT id, enterprise_id FROM products WHERE id = ANY($1::uuid[])`), [
        missing,
      ]);
      if (this.ownerOf.size + rows.length > OWNERS_HELD) this.ownerOf.clear();
      for (const r of rows) this.ownerOf.set(r.id, r.enterprise_id);
    }
    return [...new Set(ids.map((id) => this.ownerOf.get(id)).filter((e) => e !== undefined))];
  }

  /** How many products are visible to the public (published, of a verified enterprise). */
  async countVisible(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${VISIBLE}`);
    return row.n;
  }

  /** Ids of every visible product in id order, `batchSize` at a time (cheaper than views when only ids matter). */
  async *visibleIds(batchSize = 10_000): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT p.id FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id > $1::uuid AND ${VISIBLE} ORDER BY p.id LIMIT $2`,
        [after, batchSize],
      );
      if (!rows.length) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1].id;
    }
  }

  async get(id: string): Promise<ProductView | undefined> {
    return (await this.load([id]))[0];
  }

  /** Every product (visible or not) in id order, `batchSize` at a time — for full reindexing. */
  async *stream(batchSize = 1000, onlyVisible = false): AsyncGenerator<ProductView[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `${SELECT} WHERE p.id > $2::uuid ${onlyVisible ? `AND ${VISIBLE}` : ''}
         ORDER BY p.id LIMIT $3`,
        [vietnamDate(this.clock.now()), after, batchSize],
      );
      if (!rows.length) return;
      yield this.toViews(rows);
      after = rows[rows.length - 1].id;
    }
  }

  /** Ids of all products of an enterprise (its visibility changes with the enterprise's status). */
  async idsOfEnterprise(enterpriseId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM products WHERE enterprise_id = $1`, [enterpriseId]);
    return rows.map((r) => r.id);
  }

  /** Ids of all products in a category or any of its sub-categories. */
  async idsInCategory(categoryId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE sub AS (SELECT id FROM categories WHERE id = $1 UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
       SELECT p.id FROM products p JOIN sub ON sub.id = p.category_id`,
      [categoryId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every category (a small table): for search suggestions and facet labels. Read on every search
   * page, changed only by an admin's rename: kept CATEGORY_LIST_TTL_MS in the process, and dropped
   * at once by a rename made here (another API process sees it within the TTL).
   */
  categories(): Promise<ReadonlyArray<CategorySummary>> {
    const now = Date.now();
    if (!this.categoryList || now - this.categoryList.at > CATEGORY_LIST_TTL_MS) {
      const list = this.loadCategories();
      this.categoryList = { at: now, list };
      // A failed read is not remembered.
      list.catch(() => {
        if (this.categoryList?.list === list) this.categoryList = undefined;
      });
    }
    return this.categoryList.list;
  }

  /** Drops the cached category list (after a rename). */
  forgetCategories(): void {
    this.categoryList = undefined;
  }

  private async loadCategories(): Promise<ReadonlyArray<CategorySummary>> {
    const all = await this.dataSource.getRepository(CategoryEntity).find({ order: { sortOrder: 'ASC' } });
    return Object.freeze(all.map((c) => Object.freeze({ id: c.id, slug: c.slug, name: c.name, parentId: c.parentId })));
  }

  private async toViews(rows: Row[], db: ReadScope = this.dataSource): Promise<ProductView[]> {
    const paths = await this.categoryPaths(db);
    return rows.map((r) => {
      const path = paths.get(r.category_id) ?? { ids: [r.category_id], names: [] };
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        description: r.description,
        descriptionText: htmlToText(r.description),
        sku: r.sku,
        gtin: r.gtin,
        priceVnd: Number(r.price_vnd),
        priceMaxVnd: r.price_max_vnd === null ? null : Number(r.price_max_vnd),
        unit: r.unit,
        minOrderQuantity: r.min_order_quantity,
        stockQuantity: r.stock_quantity,
        weightGrams: r.weight_grams,
        status: r.status,
        visible: r.visible,
        certifications: r.certifications,
        enterpriseId: r.enterprise_id,
        enterpriseSlug: r.enterprise_slug,
        enterpriseName: r.enterprise_name,
        enterpriseKind: r.enterprise_kind,
        enterpriseStatus: r.enterprise_status,
        enterprisePhone: r.enterprise_phone,
        enterpriseCommuneCode: r.enterprise_commune_code,
        enterpriseCommuneName: r.enterprise_commune_name,
        communeCode: r.commune_code,
        communeName: r.commune_name,
        provinceCode: r.province_code,
        categoryId: r.category_id,
        categoryIds: path.ids,
        categoryNames: path.names,
        ocopStars: (r.stars as ProductView['ocopStars']) ?? null,
        ocopPotentialFiveStar: r.potential_five_star ?? false,
        ocopValidUntil: r.valid_until,
        ocopDecisionNumber: r.decision_number ?? null,
        ocopIssuingBody: r.issuing_body ?? null,
        thumbnailUrl: r.thumbnail_keys?.[0] ? mediaUrl(r.thumbnail_keys[0]) : null,
        imageUrls: (r.image_keys ?? []).map(mediaUrl),
        thumbnailUrls: (r.thumbnail_keys ?? []).map(mediaUrl),
        createdAt: r.created_at,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Category ancestry, computed from the (small) category table once per batch. */
  private async categoryPaths(db: ReadScope): Promise<Map<string, { ids: string[]; names: string[] }>> {
    const all = await db.getRepository(CategoryEntity).find();
    const byId = new Map(all.map((c) => [c.id, c]));
    const out = new Map<string, { ids: string[]; names: string[] }>();
    for (const c of all) {
      const ids: string[] = [];
      const names: string[] = [];
      for (let cur: CategoryEntity | undefined = c; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
        ids.unshift(cur.id);
        names.unshift(cur.name);
        if (ids.length > 10) break;
      }
      out.set(c.id, { ids, names });
    }
    return out;
  }
}
