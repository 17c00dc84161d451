import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { DomainError, ValidationFailedError } from '@tradefloor/core';
import { performance } from 'node:perf_hooks';
import { SEARCH_ENGINE, SearchUnavailableError, type SearchEngine } from '../engine/search-engine';
import { MAX_RESULT_WINDOW, type ProductFilters } from '../engine/search-types';
import { highlight } from '../text/highlight';
import { parseQuery, type ParsedQuery } from '../text/query';
import { foldedText } from '../text/vietnamese';
import type { EnterpriseSearchQueryDto, ProductSearchQueryDto } from './search-query.dto';
import type { EnterpriseSearchResponseDto, ProductSearchResponseDto, SuggestResponseDto } from './search-response.dto';

export class SearchUnavailableHttpError extends DomainError {
  constructor() {
    super('SEARCH_UNAVAILABLE', 'Tìm kiếm tạm thời không khả dụng, vui lòng thử lại (search temporarily unavailable)', HttpStatus.SERVICE_UNAVAILABLE);
  }
}

const SUGGEST_PRODUCTS = 10;
const SUGGEST_OTHERS = 5;

/** The HTTP-facing search: validation beyond the DTOs, engine call, highlighting, timing. */
@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly views: ProductViews,
  ) {}

  async searchProducts(dto: ProductSearchQueryDto): Promise<ProductSearchResponseDto> {
    const started = performance.now();
    const page = dto.page ?? 1;
    const pageSize = dto.pageSize ?? 20;
    checkWindow(page, pageSize);
    if (dto.priceMin !== undefined && dto.priceMax !== undefined && dto.priceMin > dto.priceMax) {
      throw ValidationFailedError.field('priceMin', 'Giá tối thiểu lớn hơn giá tối đa (priceMin is greater than priceMax)');
    }
    const query = parseQuery(dto.q);
    const result = await this.guard(() =>
      this.engine.searchProducts({ query, filters: filtersOf(dto), sort: dto.sort ?? 'relevance', page, pageSize, facets: true }),
    );
    const tokens = result.matchedTokens ?? query?.folded ?? [];
    return {
      hits: result.hits.map((h) => ({ ...h, highlight: { name: highlight(h.name, tokens, query?.prefixLast ?? false) } })),
      total: result.total,
      page,
      pageSize,
      facets: result.facets,
      approximate: result.approximate ?? false,
      processingTimeMs: elapsed(started),
    };
  }

  async suggest(q: string | undefined): Promise<SuggestResponseDto> {
    const started = performance.now();
    const query = parseQuery(q);
    if (!query) return { products: [], categories: [], enterprises: [], processingTimeMs: elapsed(started) };
    const [products, enterprises, categories] = await Promise.all([
      this.guard(() => this.engine.searchProducts({ query, filters: {}, sort: 'relevance', page: 1, pageSize: SUGGEST_PRODUCTS, facets: false })),
      this.guard(() => this.engine.searchEnterprises({ query, page: 1, pageSize: SUGGEST_OTHERS })),
      this.matchingCategories(query),
    ]);
    const tokens = products.matchedTokens ?? query.folded;
    return {
      products: products.hits.map((h) => ({ id: h.id, slug: h.slug, name: h.name, highlight: { name: highlight(h.name, tokens, query.prefixLast) } })),
      categories,
      enterprises: enterprises.hits.map((e) => ({ id: e.id, slug: e.slug, name: e.name })),
      processingTimeMs: elapsed(started),
    };
  }

  async searchEnterprises(dto: EnterpriseSearchQueryDto): Promise<EnterpriseSearchResponseDto> {
    const started = performance.now();
    const page = dto.page ?? 1;
    const pageSize = dto.pageSize ?? 20;
    checkWindow(page, pageSize);
    const query = parseQuery(dto.q);
    const result = await this.guard(() =>
      this.engine.searchEnterprises({
        query,
        kind: dto.kind,
        communeCode: dto.commune?.length === 5 ? dto.commune : undefined,
        provinceCode: dto.commune?.length === 2 ? dto.commune : undefined,
        page,
        pageSize,
      }),
    );
    const tokens = result.matchedTokens ?? query?.folded ?? [];
    return {
      hits: result.hits.map((h) => ({ ...h, highlight: { name: highlight(h.name, tokens, query?.prefixLast ?? false) } })),
      total: result.total,
      page,
      pageSize,
      processingTimeMs: elapsed(started),
    };
  }

  /** Categories whose name contains every query word (the last one as a prefix). */
  private async matchingCategories(query: ParsedQuery) {
    const all = await this.views.categories();
    const last = query.folded.length - 1;
    return all
      .filter((c) => {
        const words = foldedText(c.name).split(' ');
        return query.folded.every((t, i) => words.some((w) => w === t || (i === last && query.prefixLast && w.startsWith(t))));
      })
      .slice(0, SUGGEST_OTHERS)
      .map((c) => ({ id: c.id, slug: c.slug, name: c.name }));
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof SearchUnavailableError) throw new SearchUnavailableHttpError();
      throw err;
    }
  }
}

function checkWindow(page: number, pageSize: number): void {
  if (page * pageSize > MAX_RESULT_WINDOW) {
    throw ValidationFailedError.field('page', `Chỉ xem được ${MAX_RESULT_WINDOW} kết quả đầu tiên (page × pageSize must be at most ${MAX_RESULT_WINDOW})`);
  }
}

function filtersOf(dto: ProductSearchQueryDto): ProductFilters {
  return {
    categoryId: dto.category,
    communeCode: dto.commune?.length === 5 ? dto.commune : undefined,
    provinceCode: dto.commune?.length === 2 ? dto.commune : undefined,
    ocopMin: dto.ocopMin,
    certification: dto.certification,
    priceMin: dto.priceMin,
    priceMax: dto.priceMax,
    enterpriseId: dto.enterprise,
    enterpriseKind: dto.enterpriseKind,
    inStock: dto.inStock,
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
