import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, likeWords, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { In, type DataSource, type FindOptionsWhere } from 'typeorm';
import { ProductAccess } from '../access/product-access.service';
import type { ProductDto, ProductListDto } from '../dto/product-output.dto';
import { ProductEntity, type ProductStatus } from '../entities/product.entity';
import { ProductImageEntity } from '../entities/product-image.entity';
import type { ProductView } from '../read-model/product-view';
import { ProductViews } from '../read-model/product-views.service';
import { ocopBadge, toProductDto } from './product-mapper';
import { ProductScreeningGate } from './product-screening-gate';

/** Owner and moderator views of products (any status). */
@Injectable()
export class ProductQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProductAccess,
    private readonly enterprises: EnterpriseAccess,
    private readonly views: ProductViews,
    private readonly screening: ProductScreeningGate,
  ) {}

  /** Members and admins of the enterprise, and editors (who moderate), see any product by id. */
  async getForManager(principal: Principal, id: string): Promise<ProductDto> {
    let product: ProductEntity | null;
    if (principal.role === 'editor') {
      product = isUuid(id) ? await this.dataSource.getRepository(ProductEntity).findOneBy({ id }) : null;
      if (!product) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    } else {
      product = (await this.access.assertCanManage(principal, id)).product;
    }
    return (await this.toDtos([product]))[0];
  }

  async byId(id: string): Promise<ProductDto> {
    const product = await this.dataSource.getRepository(ProductEntity).findOneByOrFail({ id });
    return (await this.toDtos([product]))[0];
  }

  /** Products by id, any status, in the order given (unknown ids are left out). */
  async byIds(ids: string[]): Promise<ProductDto[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const rows = await this.dataSource.getRepository(ProductEntity).findBy({ id: In(valid) });
    const byId = new Map((await this.toDtos(rows)).map((d) => [d.id, d]));
    return valid.flatMap((id) => byId.get(id) ?? []);
  }

  async listForEnterprise(principal: Principal, enterpriseId: string, q: { status?: ProductStatus; page: number; pageSize: number }): Promise<ProductListDto> {
    await this.enterprises.assertCanManage(principal, enterpriseId);
    const where: FindOptionsWhere<ProductEntity> = { enterpriseId, ...(q.status ? { status: q.status } : {}) };
    const [items, total] = await this.dataSource.getRepository(ProductEntity).findAndCount({
      where,
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: await this.toDtos(items), total, page: q.page, pageSize: q.pageSize };
  }

  /** The moderation queue: oldest submission first. */
  async listForModeration(q: { status: ProductStatus; page: number; pageSize: number }): Promise<ProductListDto> {
    const [items, total] = await this.dataSource.getRepository(ProductEntity).findAndCount({
      where: { status: q.status },
      order: { submittedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const dtos = await this.toDtos(items);
    const findings = await this.screening.findings(dtos.map((d) => d.id));
    for (const d of dtos) d.screening = findings.get(d.id) ?? null;
    return { items: dtos, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Staff look-up of any product, whatever its status (the OCOP register covers products that are
   * not on sale): every word must occur, without regard to diacritics, in the product name, the
   * enterprise name or the SKU. An exact SKU comes first, then names in alphabetical order.
   */
  async findForStaff(q: { text: string; page: number; pageSize: number }): Promise<{ items: ProductView[]; total: number; page: number; pageSize: number }> {
    const words = likeWords(q.text);
    if (!words.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [q.text.trim(), q.pageSize, (q.page - 1) * q.pageSize];
    const where = words.map((w) => {
      params.push(w);
      const n = params.length;
      return `(p.name_folded LIKE '%' || tf_fold($${n}) || '%' OR e.name_folded LIKE '%' || tf_fold($${n}) || '%' OR p.sku ILIKE '%' || $${n} || '%')`;
    });
    const rows: Array<{ id: string; total: number }> = await this.dataSource.query(
      `SELECT p.id, count(*) OVER ()::int AS total FROM products p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE ${where.join(' AND ')}
       ORDER BY (lower(p.sku) = lower($1)) DESC, p.name, p.id LIMIT $2 OFFSET $3`,
      params,
    );
    const views = new Map((await this.views.load(rows.map((r) => r.id))).map((v) => [v.id, v]));
    const items = rows.map((r) => views.get(r.id)).filter((v): v is ProductView => v !== undefined);
    // Past the last page the window count is not available: count again.
    const total = rows[0]?.total ?? (q.page > 1 ? (await this.findForStaff({ ...q, page: 1 })).total : 0);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async toDtos(products: ProductEntity[]): Promise<ProductDto[]> {
    if (!products.length) return [];
    const ids = products.map((p) => p.id);
    const [images, views] = await Promise.all([
      this.dataSource.getRepository(ProductImageEntity).find({ where: { productId: In(ids) }, order: { position: 'ASC' } }),
      this.views.load(ids),
    ]);
    const viewById = new Map(views.map((v) => [v.id, v]));
    return products.map((p) =>
      toProductDto(
        p,
        images.filter((i) => i.productId === p.id),
        ocopBadge(viewById.get(p.id)),
      ),
    );
  }
}
