import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductViews, StatisticsService, type StatsOverviewDto } from '@tradefloor/catalog';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import { SearchService } from '@tradefloor/search';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, jsonLd } from '../html/html';
import { layout, searchForm, type PageContext } from '../html/layout';
import { pageContext, sendPage } from '../kit/page-context';
import { formatCount, formatDate } from '../kit/format';
import { productGrid } from './cards.view';
import { bulletinUrl } from '../kit/urls';

const FEATURED = 8;
const NEWS = 4;
const EVENTS = 3;
/** Province figures change slowly and cost an aggregate over every product: keep them a minute. */
const FIGURES_TTL_MS = 60_000;

type SearchHits = Awaited<ReturnType<SearchService['searchProducts']>>['hits'];
type EventsQuery = Parameters<BulletinQueryService['events']>[0];

/** The storefront home: search, featured OCOP products, categories, news, events and figures. */
@ApiExcludeController()
@Controller()
export class HomePageController {
  private readonly logger = new Logger(HomePageController.name);
  private figures: { at: number; value: StatsOverviewDto } | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly search: SearchService,
    private readonly views: ProductViews,
    private readonly statistics: StatisticsService,
    private readonly bulletins: BulletinQueryService,
  ) {}

  @Get('/')
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    // Independent reads in parallel: one search, the category table, two bulletin queries, one aggregate.
    const [featured, categories, news, events, figures] = await Promise.all([
      this.featured(),
      this.views.categories(),
      this.bulletins.latestPublished(NEWS),
      this.bulletins.events({ page: 1, pageSize: EVENTS } as EventsQuery),
      this.provinceFigures(),
    ]);
    const body = html`<section class="hero">
<h1>${t('site.name')}</h1>
<p>${t('site.tagline')}</p>
${searchForm(t)}
</section>
${
  featured.length
    ? html`<section aria-labelledby="featured-h"><h2 id="featured-h">${t('home.featured')}</h2>
${productGrid(
  ctx,
  featured.map((h) => ({ ...h, highlightedName: undefined })),
)}
<p><a href="/tim-kiem?ocopMin=4&amp;sort=ocop">${t('home.allProducts')}</a></p></section>`
    : ''
}
<section aria-labelledby="cat-h"><h2 id="cat-h">${t('home.categories')}</h2>
<ul class="chips">${categories.filter((c) => c.parentId === null).map((c) => html`<li><a href="/tim-kiem?category=${c.id}">${c.name}</a></li>`)}</ul></section>
<div class="two-col">
<section aria-labelledby="news-h"><h2 id="news-h">${t('home.news')}</h2>
${news.length ? html`<ul class="list">${news.map((b) => html`<li><a href="${bulletinUrl(b.slug)}">${b.title}</a> <span class="muted">${formatDate(b.publishedAt)}</span></li>`)}</ul>` : html`<p class="muted">${t('home.noNews')}</p>`}
<p><a href="/tin-tuc">${t('home.allNews')}</a></p></section>
<section aria-labelledby="events-h"><h2 id="events-h">${t('home.events')}</h2>
${events.items.length ? html`<ul class="list">${events.items.map((e) => html`<li><a href="${bulletinUrl(e.slug)}">${e.title}</a> <span class="muted">${formatDate(e.eventStartsAt)}${e.eventLocation ? html` · ${e.eventLocation}` : ''}</span></li>`)}</ul>` : html`<p class="muted">${t('home.noEvents')}</p>`}
<p><a href="/su-kien">${t('home.allEvents')}</a></p></section>
</div>
${figures ? this.figuresSection(ctx, figures) : ''}`;
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

  private figuresSection(ctx: PageContext, f: StatsOverviewDto) {
    const { t } = ctx;
    const items: Array<[string, number]> = [
      [t('fig.enterprises'), f.enterprises.verified],
      [t('fig.products'), f.products.published],
      [t('fig.ocop'), f.ocop.products],
      [t('fig.ocop5'), f.ocop.fiveStar],
      [t('fig.ocop4'), f.ocop.fourStar],
      [t('fig.ocop3'), f.ocop.threeStar],
    ];
    return html`<section aria-labelledby="fig-h"><h2 id="fig-h">${t('home.figures')}</h2>
<dl class="figures">${items.map(([name, n]) => html`<div class="figure"><dt>${name}</dt><dd><b>${formatCount(n)}</b></dd></div>`)}</dl></section>`;
  }

  /** 4–5 star OCOP products from the search index; the home page still renders if search is down. */
  private async featured(): Promise<SearchHits> {
    try {
      const res = await this.search.searchProducts({ ocopMin: 4, sort: 'ocop', page: 1, pageSize: FEATURED } as Parameters<SearchService['searchProducts']>[0]);
      return res.hits;
    } catch (err) {
      this.logger.warn(`featured products unavailable: ${(err as Error).message}`);
      return [];
    }
  }

  private async provinceFigures(): Promise<StatsOverviewDto> {
    const now = Date.now();
    if (!this.figures || now - this.figures.at > FIGURES_TTL_MS) this.figures = { at: now, value: await this.statistics.overview() };
    return this.figures.value;
  }
}
