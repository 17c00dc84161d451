import { Inject, Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import { federationConfig } from '../federation-config';
import { decodeCursor, encodeCursor } from './cursor';
import { bulletinItem, enterpriseItem, productItem, tombstone, type FeedElement } from './feed-items';
import { FeedLog, type FeedEntry, type FeedKind } from './feed-log';

export const FEED_VERSION = '1';
export const FEED_PAGE_MAX = 500;
export const FEED_PAGE_DEFAULT = 100;

export interface FeedPage {
  '@context': 'https://schema.org';
  '@type': 'DataFeed';
  version: string;
  name: string;
  provider: Record<string, unknown>;
  dataFeedElement: FeedElement[];
  /** Position after the last element (or the cursor asked with when the page is empty); null on an empty first page. */
  nextCursor: string | null;
  hasMore: boolean;
}

const NAMES: Record<FeedKind, string> = {
  product: 'Sản phẩm (products)',
  enterprise: 'Doanh nghiệp, hợp tác xã, hộ kinh doanh (sellers)',
  bulletin: 'Bản tin và sự kiện (bulletins and events)',
};

/**
 * The open feed (docs/open-feed.md): the change log's page, each entry rendered from its owner's
 * read model at the time of serving — a subject not public any more is a tombstone whatever the
 * log says, so a takedown or suspension is visible in the feed from its commit on.
 */
@Injectable()
export class OpenFeed {
  private readonly provinceCode?: string;

  constructor(
    private readonly log: FeedLog,
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly bulletins: BulletinQueryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    this.provinceCode = federationConfig(config).provinceCode;
  }

  async page(kind: FeedKind, q: { cursor?: string; updatedSince?: Date; limit?: number }): Promise<FeedPage> {
    const after = q.cursor ? decodeCursor(kind, q.cursor) : undefined;
    const limit = Math.min(q.limit ?? FEED_PAGE_DEFAULT, FEED_PAGE_MAX);
    const { entries, more } = await this.log.page(kind, { after, since: after ? undefined : q.updatedSince, limit });
    const last = entries[entries.length - 1];
    const base = this.config.publicBaseUrl;
    return {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      version: FEED_VERSION,
      name: NAMES[kind],
      provider: { '@type': 'Organization', name: 'Sàn giao dịch thương mại điện tử tỉnh', url: base, areaServed: this.provinceCode },
      dataFeedElement: await this.render(kind, entries),
      nextCursor: last ? encodeCursor(kind, last) : (q.cursor ?? null),
      hasMore: more,
    };
  }

  private async render(kind: FeedKind, entries: FeedEntry[]): Promise<FeedElement[]> {
    const ids = entries.map((e) => e.id);
    const items = new Map<string, Record<string, unknown>>();
    const base = this.config.publicBaseUrl;
    if (kind === 'product') {
      const views = (await this.products.load(ids)).filter((v) => v.visible);
      const sellers = new Map((await this.enterprises.load([...new Set(views.map((v) => v.enterpriseId))])).map((e) => [e.id, e]));
      for (const v of views) items.set(v.id, productItem(base, v, sellers.get(v.enterpriseId)));
    } else if (kind === 'enterprise') {
      for (const e of await this.enterprises.load(ids)) if (e.public) items.set(e.id, enterpriseItem(base, e));
    } else {
      for (const b of await this.bulletins.loadMany(ids)) if (b.status === 'published') items.set(b.id, bulletinItem(base, b));
    }
    return entries.map((e): FeedElement => {
      const item = items.get(e.id);
      return item ? { '@type': 'DataFeedItem', identifier: e.id, dateModified: e.changedAt, status: 'live', item } : tombstone(e.id, e.changedAt);
    });
  }
}
