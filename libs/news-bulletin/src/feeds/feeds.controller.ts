import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, Clock, type ResolvedConfig } from '@tradefloor/core';
import { BulletinQueryService } from '../bulletins/bulletin-query.service';
import { bulletinUrl } from '../bulletins/bulletin.mapper';
import { CategoryService } from '../categories/category.service';
import { renderAtom } from './atom';
import type { FeedChannel, FeedItem } from './feed-item';
import { renderRss } from './rss';

const FEED_SIZE = 50;

@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly queries: BulletinQueryService,
    private readonly categories: CategoryService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('bulletins.rss')
  @Header('Content-Type', 'application/rss+xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0: the latest 50 published bulletins', schema: { type: 'string' } })
  async rss(): Promise<string> {
    return renderRss(this.channel('bulletins.rss'), await this.items());
  }

  @Get('bulletins.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'Atom 1.0: the latest 50 published bulletins', schema: { type: 'string' } })
  async atom(): Promise<string> {
    return renderAtom(this.channel('bulletins.atom'), await this.items(), this.clock.now());
  }

  private channel(file: string): FeedChannel {
    const base = this.config.publicBaseUrl;
    return {
      title: 'Bản tin — Sàn giao dịch thương mại điện tử tỉnh',
      description: 'Tin tức, OCOP, xúc tiến thương mại, chính sách, truy xuất nguồn gốc và thông báo',
      siteUrl: `${base}/`,
      selfUrl: `${base}/feeds/${file}`,
    };
  }

  private async items(): Promise<FeedItem[]> {
    const [bulletins, categories] = await Promise.all([this.queries.latestPublished(FEED_SIZE), this.categories.map()]);
    return bulletins.map((b) => ({
      id: b.id,
      title: b.title,
      url: bulletinUrl(this.config.publicBaseUrl, b.slug),
      summary: b.summary,
      body: b.body,
      author: b.authorByline,
      category: categories.get(b.categoryId)?.name ?? null,
      publishedAt: b.publishedAt ?? b.updatedAt,
      updatedAt: b.updatedAt,
    }));
  }
}
