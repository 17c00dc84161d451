import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { BulletinCategoryService, BulletinQueryService, ViewCounter } from '@tradefloor/news-bulletin';
import { Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unavailableForLegalReasonsPage } from '../cards.view';
import { cacheTags, onCachedHit } from '../../cache/cache-hints';
import { html, jsonLd } from '../../html/html';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { absoluteUrl, articleBody, bulletinListItem, bulletinPath, newsArticleLd, type CategoryRef } from './bulletin.view';
import { notFoundPage } from '../../html/error-page.view';
import { queryPage, queryText } from '../../kit/format';
import { pager } from '../../kit/pager';
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
    const query = (p: number) => listQuery({ ...filters, page: p });
    const body = html`<h1>${title}</h1>
<form class="search-form" role="search" action="/tin-tuc" method="get">
<label class="skip" for="news-q">${t('news.search.label')}</label>
<input id="news-q" name="q" type="search" value="${filters.q}" placeholder="${t('news.search.label')}">
${category ? html`<input type="hidden" name="category" value="${category.slug}">` : ''}
<button type="submit">${t('news.search.submit')}</button>
</form>
<nav aria-label="${t('news.categories')}"><ul class="chips">
<li><a href="/tin-tuc"${!category ? html` aria-current="page"` : ''}>${t('news.all')}</a></li>
${all.map((c) => html`<li><a href="/tin-tuc?category=${encodeURIComponent(c.slug)}"${category?.id === c.id ? html` aria-current="page"` : ''}>${c.name}</a></li>`)}
</ul></nav>
<p class="muted" role="status">${result.total} ${t('news.results')}</p>
${
  result.items.length
    ? html`<ul class="news-list">${result.items.map((b) => bulletinListItem(ctx, b, names.get(b.categoryId)))}</ul>`
    : html`<p>${t('news.empty')}</p>`
}
${pager(t, '/tin-tuc', query, page, result.total, PAGE_SIZE)}
<p><a href="/feeds/bulletins.rss" type="application/rss+xml">${t('news.rss')}</a></p>`;
    const path = category ? `/tin-tuc?category=${encodeURIComponent(category.slug)}` : '/tin-tuc';
    const feed = html`<link rel="alternate" type="application/rss+xml" title="${t('site.name')} — ${t('news.title')}" href="/feeds/bulletins.rss">`;
    sendPage(reply, layout(ctx, { title, description: t('news.description'), path, structuredData: feed }, body));
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
    if (b.slug !== slug) return void reply.redirect(bulletinPath(b.slug), 301);

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
        path: bulletinPath(b.slug),
        ogType: 'article',
        image: parts.coverUrl ?? undefined,
        structuredData: jsonLd(newsArticleLd(base, ctx.t('site.name'), parts)),
      },
      articleBody(ctx, parts),
    );
    sendPage(reply, page);
  }
}

function listQuery(f: { category: string; tag: string; q: string; page: number }): string {
  const params = new URLSearchParams();
  if (f.category) params.set('category', f.category);
  if (f.tag) params.set('tag', f.tag);
  if (f.q) params.set('q', f.q);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
