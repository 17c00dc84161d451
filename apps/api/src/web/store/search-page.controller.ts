import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import { ProductSearchQueryDto, SearchService } from '@tradefloor/search';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../html/layout';
import { validateForm, domainFieldErrors } from '../session/form-validation';
import { pageContext, sendPage } from '../kit/page-context';
import { searchResultsView, type SearchFacets } from './search.view';
import { searchState, searchUrl } from './search-url';
import type { FacetOption } from './cards.view';

const PAGE_SIZE = 24;
/** Communes offered as a filter: the most populated ones (names come from the cached reference data). */
const COMMUNE_FACETS = 30;

type SearchResult = Awaited<ReturnType<SearchService['searchProducts']>>;

/** `/tim-kiem`: the product search with facets, sorting and paging; every state is a URL. */
@ApiExcludeController()
@Controller('tim-kiem')
export class SearchPageController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly search: SearchService,
    private readonly views: ProductViews,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const state = searchState(req.query);
    // The same DTO and rules as GET /api/v1/search/products; the page size is the page's own.
    const { value, errors } = await validateForm(ProductSearchQueryDto, { ...state, pageSize: String(PAGE_SIZE) }, ctx.lang);
    let result: SearchResult | undefined;
    let status = 200;
    let problem: string | undefined;
    if (Object.keys(errors).length) {
      status = 400;
      problem = t('search.badInput');
    } else {
      try {
        result = await this.search.searchProducts(value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        status = err.status === 503 ? 503 : 400;
        problem = status === 503 ? t('search.unavailable') : t('search.badInput');
        Object.assign(errors, domainFieldErrors(err, ctx.lang));
      }
    }
    // Which engine answered (failover): the page itself looks the same either way.
    if (result) void reply.header('x-search-engine', result.engine);
    const facets = await this.facets(result);
    const body = searchResultsView(ctx, { state, facets, errors, problem, result, pageSize: PAGE_SIZE });
    const title = state.q ? `${state.q} — ${t('search.title')}` : t('search.title');
    sendPage(reply, layout(ctx, { title, description: t('site.tagline'), path: searchUrl(state, { page: state.page }) }, body), status);
  }

  /** Facet counts with readable names: categories from the small category table, communes from reference data. */
  private async facets(result: SearchResult | undefined): Promise<SearchFacets> {
    const raw = result?.facets ?? { category: {}, commune: {}, ocopStars: {}, certification: {}, enterpriseKind: {} };
    const categories = await this.views.categories();
    const byCount = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1]);
    const category: FacetOption[] = categories
      .filter((c) => raw.category[c.id])
      .map((c) => ({ value: c.id, name: c.parentId ? `— ${c.name}` : c.name, count: raw.category[c.id] }));
    const communeCodes = byCount(raw.commune).slice(0, COMMUNE_FACETS);
    const commune = await Promise.all(
      communeCodes.map(async ([code, count]) => ({ value: code, name: (await this.reference.commune(code))?.name ?? code, count })),
    );
    commune.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const province = await Promise.all(
      byCount(result?.provinces ?? {}).map(async ([code, count]) => ({ value: code, name: (await this.reference.province(code))?.name ?? code, count })),
    );
    return { category, commune, ocopStars: raw.ocopStars, certification: raw.certification, enterpriseKind: raw.enterpriseKind, province };
  }
}
