import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProductsDirectory, EnterpriseQueries, PublicEnterpriseQuery, ReferenceData, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { Reviews } from '@tradefloor/reviews';
import { SellerIdentity, Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cacheTags } from '../cache/cache-hints';
import { layout } from '../html/layout';
import { validateForm } from '../session/form-validation';
import { pageContext, sendPage } from '../kit/page-context';
import { directoryBody, directoryUrl, enterpriseJsonLd, profileBody, type DirectoryState } from './enterprise.view';
import { notFoundPage, unavailableForLegalReasonsPage } from '../html/error-page.view';
import type { FacetOption } from './cards.view';
import { enterpriseUrl } from '../kit/urls';

const PAGE_SIZE = 24;

/** `/doanh-nghiep`: the directory of verified sellers, and each one's public profile with its products. */
@ApiExcludeController()
@Controller('doanh-nghiep')
export class EnterprisePagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly takedowns: Takedowns,
    private readonly identity: SellerIdentity,
    private readonly queries: EnterpriseQueries,
    private readonly reference: ReferenceData,
    private readonly products: EnterpriseProductsDirectory,
    private readonly reviews: Reviews,
  ) {}

  @Get()
  async directory(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const state: DirectoryState = {};
    for (const key of ['q', 'kind', 'commune', 'page'] as const) {
      const v = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key];
      if (typeof v === 'string' && v.trim()) state[key] = v.trim();
    }
    // An unknown commune (an old link, a typo) is dropped with a notice rather than refused.
    const commune = state.commune ? await this.reference.commune(state.commune) : undefined;
    const unknownCommune = state.commune !== undefined && !commune;
    if (unknownCommune) delete state.commune;
    const { value, errors } = await validateForm(PublicEnterpriseQuery, { ...state, pageSize: String(PAGE_SIZE) }, ctx.lang);
    const bad = Object.keys(errors).length > 0;
    const [list, counts] = bad
      ? [undefined, []]
      : await Promise.all([
          this.queries.publicList({ ...value, page: value.page ?? 1, pageSize: PAGE_SIZE }),
          this.queries.publicCommunes({ kind: value.kind, q: value.q }),
        ]);
    const communes: FacetOption[] = counts.map((c) => ({ value: c.code, name: c.name, count: c.count }));
    if (commune && !communes.some((c) => c.value === commune.code)) communes.push({ value: commune.code, name: commune.name, count: 0 });
    const notice = unknownCommune ? t('ent.communeUnknown') : undefined;
    const body = directoryBody(ctx, state, list, communes, errors, notice, bad ? t('search.badInput') : undefined);
    sendPage(
      reply,
      layout(ctx, { title: t('ent.title'), description: t('ent.description'), path: directoryUrl(state, { page: state.page }) }, body),
      bad ? 400 : 200,
    );
  }

  @Get(':slug')
  async profile(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    let enterprise: EnterpriseEntity;
    try {
      enterprise = await this.queries.publicBySlug(slug);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      const notice = await this.takedowns.noticeForSlug('enterprise', slug);
      if (notice) sendPage(reply, unavailableForLegalReasonsPage(ctx, notice), 451);
      else sendPage(reply, notFoundPage(ctx, ctx.t('ent.notFound')), 404);
      return;
    }
    cacheTags(req, `enterprise:${enterprise.id}`, `products-of:${enterprise.id}`);
    // The seller rating moves with product.changed of its products, which drops `products-of:<id>`.
    const [products, commune, province, claim, sellerReviews] = await Promise.all([
      this.products.list(enterprise.id),
      this.reference.commune(enterprise.communeCode),
      this.reference.province(enterprise.provinceCode),
      this.identity.claim(enterprise.id),
      this.reviews.enterpriseReviews(enterprise.id, { page: 1, pageSize: 1 }),
    ]);
    const address = [enterprise.street, commune?.name, province?.name].filter(Boolean).join(', ');
    const path = enterpriseUrl(enterprise.slug);
    const description =
      enterprise.description
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 160) || ctx.t('ent.description');
    sendPage(
      reply,
      layout(
        ctx,
        {
          title: enterprise.displayName,
          description,
          path,
          ogType: 'profile',
          structuredData: enterpriseJsonLd(enterprise, address, `${this.config.publicBaseUrl}${path}`),
        },
        profileBody(ctx, enterprise, address, products, claim.verifiedIdentity, sellerReviews.rating),
      ),
    );
  }
}
