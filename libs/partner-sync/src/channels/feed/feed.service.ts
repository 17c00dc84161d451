import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, NotFoundError, UnauthorizedError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { FeedDto } from './feed.controller';

const CSV_COLUMNS = ['sku', 'name', 'description', 'priceVnd', 'stock', 'unit', 'weightGrams', 'category', 'ocopStars', 'imageUrls', 'url'] as const;

function csvCell(v: unknown): string {
  const s = Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v);
  // Quote every cell; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

@Injectable()
export class FeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async build(slug: string, token?: string): Promise<FeedDto> {
    const enterprise = await this.enterprises.bySlug(slug);
    const [conn] = enterprise
      ? await this.dataSource.query(
          `SELECT c.enterprise_id, c.feed_token_hash FROM channel_connections c WHERE c.enterprise_id = $1 AND c.channel = 'feed' AND c.status = 'active'`,
          [enterprise.id],
        )
      : [];
    if (!enterprise || !conn) throw new NotFoundError('Nguồn cấp sản phẩm', 'FEED_NOT_FOUND');
    if (conn.feed_token_hash) {
      const given = createHash('sha256')
        .update(token ?? '')
        .digest('hex');
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(conn.feed_token_hash))) {
        throw new UnauthorizedError('Mã truy cập nguồn cấp không đúng (invalid feed token)', 'INVALID_FEED_TOKEN');
      }
    }
    const ids = await this.views.idsOfEnterprise(conn.enterprise_id);
    const items = (await this.views.load(ids))
      .filter((v) => v.visible)
      .sort((a, b) => a.sku.localeCompare(b.sku))
      .map((v) => ({
        sku: v.sku,
        name: v.name,
        description: v.descriptionText,
        priceVnd: v.priceVnd,
        stock: v.stockQuantity,
        unit: v.unit,
        weightGrams: v.weightGrams,
        category: v.categoryNames.join(' > '),
        ocopStars: v.ocopStars,
        imageUrls: v.imageUrls.map((u) => `${this.config.publicBaseUrl}${u}`),
        url: `${this.config.publicBaseUrl}/api/v1/products/${v.id}`,
      }));
    return { enterprise: enterprise.displayName, generatedAt: this.clock.now().toISOString(), items };
  }

  toCsv(feed: FeedDto): string {
    const lines = [CSV_COLUMNS.join(',')];
    for (const item of feed.items) lines.push(CSV_COLUMNS.map((c) => csvCell(item[c])).join(','));
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }
}
