import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { DomainError, ValidationFailedError } from '@tradefloor/core';
import { performance } from 'node:perf_hooks';
import { SearchUnavailableError, type SearchEngine } from '../engine/search-engine';
import { emptyFacets, MAX_RESULT_WINDOW, type ProductFilters, type ProductSearchParams, type ProductSearchResult } from '../engine/search-types';
import { highlight } from '../text/highlight';
import { parseQuery, type ParsedQuery } from '../text/query';
import { knownWords } from '../text/query-correction';
import { foldedText, wordsOf } from '../text/vietnamese';
import type { DataSource } from 'typeorm';
import type { EnterpriseSearchQueryDto, ProductSearchQueryDto } from './search-query.dto';
import type { EnterpriseSearchResponseDto, ProductSearchResponseDto, SuggestResponseDto } from './search-response.dto';
import { SearchRouter, type EngineKind } from './search-router';

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
    private readonly router: SearchRouter,
    private readonly views: ProductViews,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async searchProducts(dto: ProductSearchQueryDto): Promise<ProductSearchResponseDto> {
    const started = performance.now();
    const page = dto.page ?? 1;
    const pageSize = dto.pageSize ?? 20;
    checkWindow(page, pageSize);
    if (dto.priceMin !== undefined && dto.priceMax !== undefined && dto.priceMin > dto.priceMax) {
      throw ValidationFailedError.field('priceMin', 'Giá tối thiểu lớn hơn giá tối đa (priceMin is greater than priceMax)');
    }
    if (dto.scope === 'other-provinces') return this.searchPeers(dto, page, pageSize, started);
    const strict = parseQuery(dto.q);
    const params: ProductSearchParams = { query: strict, filters: filtersOf(dto), sort: dto.sort ?? 'relevance', page, pageSize, facets: true };
    let { value: result, engine } = await this.read((e) => e.searchProducts(params));
    let query = strict;
    let relaxed: ProductSearchResponseDto['relaxed'] = null;
    if (result.total === 0 && strict && dto.q) {
      const looser = await this.relax(strict, params);
      if (looser) {
        ({ result, query, engine } = looser);
        const words = wordsOf(dto.q).map((w) => w.normalize('NFC'));
        relaxed = { query: looser.kept.map((i) => words[i]).join(' '), droppedWords: words.filter((_, i) => !looser.kept.includes(i)) };
      }
    }
    const tokens = result.matchedTokens ?? query?.folded ?? [];
    return {
      hits: result.hits.map((h) => ({ ...h, highlight: { name: highlight(h.name, tokens, query?.prefixLast ?? false) } })),
      total: result.total,
      page,
      pageSize,
      facets: result.facets,
      approximate: result.approximate ?? false,
      relaxed,
      engine,
      processingTimeMs: elapsed(started),
      // Peer products are searched only when the buyer asks: a local search costs what it did.
      scope: 'this-province',
      scopes: { 'this-province': result.total, 'other-provinces': null },
      peerHits: [],
      provinces: {},
    };
  }

  /**
   * "Các tỉnh khác": the peer floors' products, from their own index (never mixed with ours).
   * Only the filters a peer item has apply (q, province, ocopMin, sort); the others are ignored.
   * The index holds what the last pulls stored, so a peer that is down changes nothing here.
   */
  private async searchPeers(dto: ProductSearchQueryDto, page: number, pageSize: number, started: number): Promise<ProductSearchResponseDto> {
    const query = parseQuery(dto.q);
    const provinceCode = dto.province ?? (dto.commune?.length === 2 ? dto.commune : undefined);
    const { value: result, engine } = await this.read((e) =>
      e.searchPeerProducts({ query, provinceCode, ocopMin: dto.ocopMin, sort: dto.sort === 'rating' || !dto.sort ? 'relevance' : dto.sort, page, pageSize }),
    );
    const tokens = query?.folded ?? [];
    return {
      hits: [],
      total: result.total,
      page,
      pageSize,
      facets: emptyFacets(),
      approximate: false,
      relaxed: null,
      engine,
      processingTimeMs: elapsed(started),
      scope: 'other-provinces',
      scopes: { 'this-province': null, 'other-provinces': result.total },
      peerHits: result.hits.map(({ peerName, ...h }) => ({
        ...h,
        source: peerName,
        highlight: { name: highlight(h.name, tokens, query?.prefixLast ?? false) },
      })),
      provinces: result.provinces,
    };
  }

  /**
   * When neither the query as typed nor its correction finds anything: a looser query, so a buyer
   * never faces an empty page for one stray word. Words no indexed name contains are dropped
   * first; then words from the end, one at a time (what Meilisearch's "last" strategy does),
   * while at least one word remains. Returns the first looser query that finds something.
   */
  private async relax(
    q: ParsedQuery,
    params: ProductSearchParams,
  ): Promise<{ result: ProductSearchResult; query: ParsedQuery; kept: number[]; engine: EngineKind } | null> {
    if (q.folded.length < 2) return null;
    const known = await knownWords(this.dataSource, q);
    const kept = q.folded.map((_, i) => i).filter((i) => known[i]);
    const tries: number[][] = [];
    if (kept.length < q.folded.length && kept.length) tries.push([...kept]);
    while (kept.length > 1) {
      kept.pop();
      tries.push([...kept]);
    }
    for (const indexes of tries) {
      const query = subQuery(q, indexes);
      const { value: result, engine } = await this.read((e) => e.searchProducts({ ...params, query }));
      if (result.total > 0) return { result, query, kept: indexes, engine };
    }
    return null;
  }

  async suggest(q: string | undefined): Promise<SuggestResponseDto> {
    const started = performance.now();
    const query = parseQuery(q);
    if (!query) return { products: [], categories: [], enterprises: [], engine: null, processingTimeMs: elapsed(started) };
    const [{ value: products, engine }, { value: enterprises }, categories] = await Promise.all([
      this.read((e) => e.searchProducts({ query, filters: {}, sort: 'relevance', page: 1, pageSize: SUGGEST_PRODUCTS, facets: false })),
      this.read((e) => e.searchEnterprises({ query, page: 1, pageSize: SUGGEST_OTHERS })),
      this.matchingCategories(query),
    ]);
    const tokens = products.matchedTokens ?? query.folded;
    return {
      products: products.hits.map((h) => ({ id: h.id, slug: h.slug, name: h.name, highlight: { name: highlight(h.name, tokens, query.prefixLast) } })),
      categories,
      enterprises: enterprises.hits.map((e) => ({ id: e.id, slug: e.slug, name: e.name })),
      engine,
      processingTimeMs: elapsed(started),
    };
  }

  async searchEnterprises(dto: EnterpriseSearchQueryDto): Promise<EnterpriseSearchResponseDto> {
    const started = performance.now();
    const page = dto.page ?? 1;
    const pageSize = dto.pageSize ?? 20;
    checkWindow(page, pageSize);
    const query = parseQuery(dto.q);
    const { value: result, engine } = await this.read((e) =>
      e.searchEnterprises({
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
      engine,
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

  /** A read on the engine the router picks (failover); an unreachable backend is a 503. */
  private async read<T>(fn: (engine: SearchEngine) => Promise<T>): Promise<{ value: T; engine: EngineKind }> {
    try {
      return await this.router.run(fn);
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

/** The query reduced to some of its words (by position). */
function subQuery(q: ParsedQuery, indexes: number[]): ParsedQuery {
  const folded = indexes.map((i) => q.folded[i]);
  const exact = indexes.map((i) => q.exact[i]);
  return {
    folded,
    exact,
    hasMarks: exact.some((e, k) => e !== folded[k]),
    prefixLast: q.prefixLast && indexes[indexes.length - 1] === q.folded.length - 1,
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
