import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, NotFoundError } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { PublicProductDto, PublishedProductSummaryDto } from '../dto/product-output.dto';
import { CategoryEntity } from '../entities/category.entity';
import type { ProductView } from '../read-model/product-view';
import { ProductViews } from '../read-model/product-views.service';
import { ocopBadge } from './product-mapper';

/** What anyone may see: published products of verified (hence not suspended) enterprises. */
@Injectable()
export class PublicProducts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: ProductViews,
  ) {}

  async bySlug(slug: string): Promise<PublicProductDto> {
    const rows: Array<{ id: string }> = slug.length <= 200 ? await this.dataSource.query(`SELECT id FROM products WHERE slug = $1`, [slug]) : [];
    const view = rows.length ? await this.views.get(rows[0].id) : undefined;
    if (!view?.visible) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    const categories = await this.dataSource.getRepository(CategoryEntity).find();
    const byId = new Map(categories.map((c) => [c.id, c]));
    return {
      id: view.id,
      slug: view.slug,
      name: view.name,
      description: view.description,
      priceVnd: view.priceVnd,
      priceMaxVnd: view.priceMaxVnd,
      unit: view.unit,
      minOrderQuantity: view.minOrderQuantity,
      inStock: view.stockQuantity > 0,
      gtin: view.gtin,
      images: view.imageUrls.map((url, i) => ({ url, thumbnailUrl: view.thumbnailUrls[i] ?? url })),
      categoryPath: view.categoryIds.map((id) => ({ id, slug: byId.get(id)?.slug ?? '', name: byId.get(id)?.name ?? '' })),
      enterprise: {
        id: view.enterpriseId,
        slug: view.enterpriseSlug,
        name: view.enterpriseName,
        kind: view.enterpriseKind,
        phone: view.enterprisePhone,
        communeCode: view.enterpriseCommuneCode,
        communeName: view.enterpriseCommuneName,
      },
      originCommuneCode: view.communeCode,
      originCommuneName: view.communeName,
      ocop: ocopBadge(view),
      certifications: view.certifications,
      publishedAt: view.publishedAt,
    };
  }

  /**
   * The enterprise's visible products for its public profile page (registered with
   * enterprise-profile's EnterpriseProductsDirectory in catalog-registrations.ts): newest first.
   * Whether the enterprise is verified is the read model's `visible`, not a join here.
   */
  async publishedProductsOf(enterpriseId: string): Promise<PublishedProductSummaryDto[]> {
    if (!isUuid(enterpriseId)) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM products p WHERE p.enterprise_id = $1::uuid AND p.status = 'published'
       ORDER BY p.published_at DESC NULLS LAST, p.id`,
      [enterpriseId],
    );
    const views = await this.views.load(rows.map((r) => r.id));
    const order = new Map(rows.map((r, i) => [r.id, i]));
    return views
      .filter((v) => v.visible)
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((v: ProductView) => ({
        id: v.id,
        slug: v.slug,
        name: v.name,
        priceVnd: v.priceVnd,
        unit: v.unit,
        thumbnailUrl: v.thumbnailUrl,
        ocopStars: v.ocopStars,
      }));
  }
}
