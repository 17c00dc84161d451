import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductViews, StatisticsService, type LeadingEnterprise, type StatsOverviewDto } from '@tradefloor/catalog';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import { ListingsService } from '@tradefloor/partner-sync';
import { SearchService } from '@tradefloor/search';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonLd } from '../html/html';
import { layout } from '../html/layout';
import { pageContext, sendPage } from '../kit/page-context';
import { homeBody } from './home.view';

const FEATURED = 8;
const NEWEST = 8;
const LEADING_ENTERPRISES = 6;
const NEWS = 4;
const EVENTS = 3;
/** Province figures change slowly and cost aggregates over every product: keep them a minute. */
const FIGURES_TTL_MS = 60_000;

type SearchResult = Awaited<ReturnType<SearchService['searchProducts']>>;
type SearchQuery = { ocopMin?: number; sort: 'ocop' | 'newest'; page: number; pageSize: number };
type EventsQuery = Parameters<BulletinQueryService['events']>[0];

interface SlowFigures {
  figures: StatsOverviewDto;
  enterprises: LeadingEnterprise[];
  marketplaces: Array<{ displayName: string; products: number }>;
}

/** Search hits as cards: the home page shows names plain, not highlighted. */
const cards = (result: SearchResult | undefined) => (result?.hits ?? []).map((h) => ({ ...h, highlightedName: undefined }));

/** The storefront home: categories, featured and new products, leading sellers, news, events, figures, marketplaces. */
@ApiExcludeController()
@Controller()
export class HomePageController {
  private readonly logger = new Logger(HomePageController.name);
  private figures: { at: number; value: SlowFigures } | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly search: SearchService,
    private readonly views: ProductViews,
    private readonly statistics: StatisticsService,
    private readonly bulletins: BulletinQueryService,
    private readonly listings: ListingsService,
  ) {}

  @Get('/')
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    // Independent reads in parallel: two searches, the category table, two bulletin queries, cached aggregates.
    const [featured, newest, categories, news, events, slow] = await Promise.all([
      this.products({ ocopMin: 4, sort: 'ocop', page: 1, pageSize: FEATURED }),
      this.products({ sort: 'newest', page: 1, pageSize: NEWEST }),
      this.views.categories(),
      this.bulletins.latestPublished(NEWS),
      this.bulletins.events({ page: 1, pageSize: EVENTS } as EventsQuery),
      this.slowFigures(),
    ]);
    // The newest-products search counts every published product per category (parents include children).
    const perCategory = newest?.facets.category;
    const body = homeBody(ctx, {
      categories: categories
        .filter((c) => c.parentId === null)
        .map((c) => ({ id: c.id, name: c.name, products: perCategory ? (perCategory[c.id] ?? 0) : null })),
      featured: cards(featured),
      newest: cards(newest),
      enterprises: slow.enterprises,
      news,
      events: events.items,
      figures: slow.figures,
      marketplaces: slow.marketplaces,
    });
    const site = jsonLd({
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: t('site.name'),
      url: this.config.publicBaseUrl,
      potentialAction: {
        '@type': 'SearchAction',
        target: `${this.config.publicBaseUrl}/tim-kiem?q={search_term_string}`,
        'query-input': 'required name=search_term_string',
      },
    });
    sendPage(reply, layout(ctx, { title: t('site.name'), description: t('site.tagline'), path: '/', structuredData: site }, body));
  }

  /** A product search for a home section; the home page still renders if search is down. */
  private async products(query: SearchQuery): Promise<SearchResult | undefined> {
    try {
      return await this.search.searchProducts(query as Parameters<SearchService['searchProducts']>[0]);
    } catch (err) {
      this.logger.warn(`home products unavailable: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Aggregates over every product, enterprise and listing change slowly: computed at most once a minute. */
  private async slowFigures(): Promise<SlowFigures> {
    const now = Date.now();
    if (!this.figures || now - this.figures.at > FIGURES_TTL_MS) {
      const [figures, enterprises, marketplaces] = await Promise.all([
        this.statistics.overview(),
        this.statistics.leadingEnterprises(LEADING_ENTERPRISES),
        this.listings.marketplaceReach(),
      ]);
      this.figures = { at: now, value: { figures, enterprises, marketplaces } };
    }
    return this.figures.value;
  }
}
