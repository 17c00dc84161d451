import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductPageViews, ProductViews, PublicProducts } from '@tradefloor/catalog';
import { APP_CONFIG, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { ListingsService } from '@tradefloor/partner-sync';
import { Reviews } from '@tradefloor/reviews';
import { SearchService } from '@tradefloor/search';
import { BatchesService } from '@tradefloor/traceability';
import { Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cacheTags, onCachedHit } from '../cache/cache-hints';
import { layout, type PageContext } from '../html/layout';
import { pageContext, sendPage } from '../kit/page-context';
import { productBody, productJsonLd } from './product.view';
import { productReviewsPage } from './reviews/review-pages.view';
import { queryPage } from '../kit/query';
import type { CardProduct } from './cards.view';
import { notFoundPage, unavailableForLegalReasonsPage } from '../html/error-page.view';
import { productUrl } from '../kit/urls';

/** Products in each "more from" section. */
const RELATED = 4;
/** Latest published reviews shown on the product page, and per page of its review list. */
const REVIEWS_SHOWN = 10;

/** `/san-pham/:slug`: a published product with its seller, certificates, traceability and partner links. */
@ApiExcludeController()
@Controller('san-pham')
export class ProductPageController {
  private readonly logger = new Logger(ProductPageController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly takedowns: Takedowns,
    private readonly products: PublicProducts,
    private readonly views: ProductViews,
    private readonly listings: ListingsService,
    private readonly batches: BatchesService,
    private readonly pageViews: ProductPageViews,
    private readonly search: SearchService,
    private readonly reviews: Reviews,
  ) {}

  @Get(':slug')
  async page(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const product = await this.publicProduct(slug, ctx, reply);
    if (!product) return;
    // Counted in memory, written in batches (statistics); a HEAD request is not a view.
    if (req.method === 'GET') this.pageViews.record(product.id);
    const productId = product.id;
    onCachedHit(req, () => this.pageViews.record(productId));
    cacheTags(req, `product:${product.id}`, `enterprise:${product.enterprise.id}`, ...product.categoryPath.map((c) => `category:${c.id}`));
    // bySlug has just checked visibility, so the batches and listings shown belong to a public product.
    const leafCategory = product.categoryPath.at(-1)?.id;
    // Reviews change the page through product.changed (reviews publishes it with every rating change), under the product's tag.
    const [view, links, batches, sameEnterprise, sameCategory, reviews] = await Promise.all([
      this.views.get(product.id),
      this.listings.publicLinks(product.id),
      this.batches.recentPublic(product.id),
      this.related({ enterprise: product.enterprise.id }, product.id),
      leafCategory ? this.related({ category: leafCategory }, product.id) : [],
      this.reviews.productReviews(product.id, { page: 1, pageSize: REVIEWS_SHOWN }),
    ]);
    const shownAbove = new Set(sameEnterprise.map((p) => p.slug));
    const absolute = (url: string) => (url.startsWith('/') ? `${this.config.publicBaseUrl}${url}` : url);
    const path = productUrl(product.slug);
    const description = (view?.descriptionText ?? product.name).replace(/\s+/g, ' ').slice(0, 160);
    sendPage(
      reply,
      layout(
        ctx,
        {
          title: product.name,
          description,
          path,
          ogType: 'product',
          image: product.images[0] ? absolute(product.images[0].url) : undefined,
          structuredData: productJsonLd(
            product,
            { sku: view?.sku, descriptionText: view?.descriptionText, rating: reviews.rating },
            `${this.config.publicBaseUrl}${path}`,
            absolute,
          ),
        },
        productBody(ctx, product, {
          links,
          batches,
          ocopCertificate: view ? { decisionNumber: view.ocopDecisionNumber, issuingBody: view.ocopIssuingBody } : null,
          sameEnterprise,
          sameCategory: sameCategory.filter((p) => !shownAbove.has(p.slug)).slice(0, RELATED),
          reviews,
        }),
      ),
    );
  }

  /** `/san-pham/:slug/danh-gia?page=`: every published review, under the product's cache tag like the product page. */
  @Get(':slug/danh-gia')
  async reviewList(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const product = await this.publicProduct(slug, ctx, reply);
    if (!product) return;
    cacheTags(req, `product:${product.id}`);
    const reviews = await this.reviews.productReviews(product.id, { page: queryPage(req.query), pageSize: REVIEWS_SHOWN });
    sendPage(reply, productReviewsPage(ctx, product, reviews));
  }

  /** The published product of `slug`, or its 404 / 451 page already sent (undefined). */
  private async publicProduct(slug: string, ctx: PageContext, reply: FastifyReply) {
    try {
      return await this.products.bySlug(slug);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      const notice = await this.takedowns.noticeForSlug('product', slug);
      if (notice) sendPage(reply, unavailableForLegalReasonsPage(ctx, notice), 451);
      else sendPage(reply, notFoundPage(ctx, ctx.t('product.notFound')), 404);
      return undefined;
    }
  }

  /** Other products for the "more from" sections, from the search index; none if search is down. */
  private async related(filter: { enterprise?: string; category?: string }, exceptId: string): Promise<CardProduct[]> {
    try {
      const res = await this.search.searchProducts({ ...filter, sort: 'newest', page: 1, pageSize: RELATED * 2 } as Parameters<
        SearchService['searchProducts']
      >[0]);
      return res.hits
        .filter((h) => h.id !== exceptId)
        .slice(0, RELATED)
        .map((h) => ({ ...h, highlightedName: undefined }));
    } catch (err) {
      this.logger.warn(`related products unavailable: ${(err as Error).message}`);
      return [];
    }
  }
}
