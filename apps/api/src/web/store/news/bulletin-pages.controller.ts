import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { BulletinCategoryService, BulletinQueryService, ViewCounter } from '@tradefloor/news-bulletin';
import { Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cacheTags, onCachedHit } from '../../cache/cache-hints';
import { jsonLd } from '../../html/html';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { absoluteUrl, articleBody, bulletinFeedLink, bulletinListView, newsArticleLd, type CategoryRef } from './bulletin.view';
import { notFoundPage, unavailableForLegalReasonsPage } from '../../html/error-page.view';
import { queryPage, queryText } from '../../kit/query';
import { bulletinUrl } from '../../kit/urls';
import { RelatedLinks } from './related-links';

const PAGE_SIZE = 12;
const SLUG = /^[\p{L}\p{N}-]{1,200}$/u;

/** /tin-tuc (list with category, tag and text filters) and /tin-tuc/:slug (one published bulletin). */
@ApiExcludeController()
@Controller('tin-tuc')
export class BulletinPagesController {
  constructor(
    private readonly queries: BulletinQueryService,
    private readonly categories: BulletinCategoryService,
    private readonly views: ViewCounter,
    private readonly related: RelatedLinks,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly takedowns: Takedowns,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const filters = { category: queryText(req.query, 'category', 100), tag: queryText(req.query, 'tag', 50), q: queryText(req.query, 'q', 100) };
    const page = queryPage(req.query);
    const all = await this.categories.list();
    const category = filters.category ? all.find((c) => c.slug === filters.category) : undefined;
    if (filters.category && !category) return sendPage(reply, notFoundPage(ctx), 404);

    const result = await this.queries.list({ ...filters, category: category?.slug, page, pageSize: PAGE_SIZE });
    const names = new Map<string, CategoryRef>(all.map((c) => [c.id, { slug: c.slug, name: c.name }]));
    const title = category ? `${category.name} — ${t('news.title')}` : filters.tag ? `${t('news.tag')}: ${filters.tag}` : t('news.title');
    const body = bulletinListView(ctx, {
      title,
      filters,
      category,
      categories: all,
      names,
      items: result.items,
      total: result.total,
      page,
      pageSize: PAGE_SIZE,
    });
    const path = category ? `/tin-tuc?category=${encodeURIComponent(category.slug)}` : '/tin-tuc';
    sendPage(reply, layout(ctx, { title, description: t('news.description'), path, structuredData: bulletinFeedLink(ctx) }, body));
  }

  @Get(':slug')
  async show(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    if (!SLUG.test(slug)) return sendPage(reply, notFoundPage(ctx), 404);
    const b = await this.queries.getPublished(slug).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (!b) {
      const notice = await this.takedowns.noticeForSlug('bulletin', slug);
      return notice ? sendPage(reply, unavailableForLegalReasonsPage(ctx, notice), 451) : sendPage(reply, notFoundPage(ctx), 404);
    }
    // Reached by id: one address per article for readers and search engines.
    if (b.slug !== slug) return void reply.redirect(bulletinUrl(b.slug), 301);

    // Counted exactly like GET /api/v1/bulletins/:slug: in memory, once per visitor per hour.
    this.views.record(b.id, req.ip, req.headers['user-agent']);
    const bulletinId = b.id;
    onCachedHit(req, (r) => this.views.record(bulletinId, r.ip, r.headers['user-agent']));
    // Related products and enterprises are shown by name: their changes drop this page too.
    cacheTags(
      req,
      `bulletin:${b.id}`,
      `bulletin-category:${b.categoryId}`,
      ...b.relatedProductIds.map((id) => `product:${id}`),
      ...b.relatedEnterpriseIds.map((id) => `enterprise:${id}`),
    );
    const base = this.config.publicBaseUrl;
    const [category, products, enterprises] = await Promise.all([
      this.categories.find(b.categoryId),
      this.related.products(b.relatedProductIds),
      this.related.enterprises(b.relatedEnterpriseIds),
    ]);
    const parts = {
      bulletin: b,
      category: category ? { slug: category.slug, name: category.name } : undefined,
      products,
      enterprises,
      coverUrl: b.coverImageUrl ? absoluteUrl(base, b.coverImageUrl) : null,
    };
    const page = layout(
      ctx,
      {
        title: b.title,
        description: b.summary.slice(0, 300),
        path: bulletinUrl(b.slug),
        ogType: 'article',
        image: parts.coverUrl ?? undefined,
        structuredData: jsonLd(newsArticleLd(base, ctx.t('site.name'), parts)),
      },
      articleBody(ctx, parts),
    );
    sendPage(reply, page);
  }
}
