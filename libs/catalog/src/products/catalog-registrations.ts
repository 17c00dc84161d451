import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { productPagePath, SitemapRegistry } from '@tradefloor/core';
import { EnterpriseProductsDirectory } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import { PublicProducts } from './public-products.service';

/** What the catalog contributes to other contexts at start-up: enterprise profiles' product lists, sitemap entries. */
@Injectable()
export class CatalogRegistrations implements OnModuleInit {
  constructor(
    private readonly directory: EnterpriseProductsDirectory,
    private readonly publicProducts: PublicProducts,
    private readonly sitemap: SitemapRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.directory.register((enterpriseId) => this.publicProducts.publishedProductsOf(enterpriseId));
    this.sitemap.register('products', async () => {
      const rows: Array<{ slug: string; updated_at: Date }> = await this.dataSource.query(
        `SELECT p.slug, p.updated_at FROM products p JOIN enterprises e ON e.id = p.enterprise_id
         WHERE p.status = 'published' AND e.status = 'verified' ORDER BY p.published_at DESC NULLS LAST LIMIT 45000`,
      );
      return rows.map((r) => ({ loc: productPagePath(r.slug), lastmod: r.updated_at }));
    });
  }
}
