import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { enterprisePagePath, SitemapRegistry } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

/** Verified enterprises' public profiles in /sitemap.xml. */
@Injectable()
export class EnterpriseSitemap implements OnModuleInit {
  constructor(
    private readonly sitemap: SitemapRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sitemap.register('enterprises', async () => {
      const rows: Array<{ slug: string; updated_at: Date }> = await this.dataSource.query(
        `SELECT slug, updated_at FROM enterprises WHERE status = 'verified' ORDER BY verified_at DESC NULLS LAST LIMIT 5000`,
      );
      return rows.map((r) => ({ loc: enterprisePagePath(r.slug), lastmod: r.updated_at }));
    });
  }
}
