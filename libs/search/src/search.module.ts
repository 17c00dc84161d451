import { Module } from '@nestjs/common';
import { CatalogModule } from '@tradefloor/catalog';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { DataSource } from 'typeorm';
import { SEARCH_ENGINE, SEARCH_FAILOVER_ENGINE, type FailoverEngine, type SearchEngine } from './engine/search-engine';
import { AdminSearchController } from './http/admin-search.controller';
import { SearchRouter } from './http/search-router';
import { SearchController } from './http/search.controller';
import { SearchService } from './http/search.service';
import { SearchDriftCheck } from './indexing/drift-check.service';
import { PeerSearchIndex } from './indexing/peer-search-index';
import { SearchIndexer } from './indexing/search-indexer.service';
import { ProductRatings } from './indexing/product-ratings';
import { SearchMaintenance } from './indexing/search-maintenance.service';
import { MeiliEngine } from './meili/meili-engine';
import { PgEngine } from './pg/pg-engine';
import { SearchRanking } from './ranking/search-ranking';

/** Chooses the engine from SEARCH_ENGINE (meilisearch by default, postgres as the fallback). */
export function createSearchEngine(config: ResolvedConfig, dataSource: DataSource): SearchEngine {
  return config.searchEngine === 'postgres' ? new PgEngine(dataSource) : MeiliEngine.fromConfig(config, dataSource);
}

/** With Meilisearch active and SEARCH_FAILOVER=postgres, the PostgreSQL engine kept beside it. */
export function createFailoverEngine(config: ResolvedConfig, dataSource: DataSource): FailoverEngine {
  return { engine: config.searchEngine === 'meilisearch' && config.search.failover === 'postgres' ? new PgEngine(dataSource) : null };
}

@Module({
  imports: [CatalogModule, EnterpriseProfileModule],
  controllers: [SearchController, AdminSearchController],
  providers: [
    { provide: SEARCH_ENGINE, inject: [APP_CONFIG, DataSource], useFactory: createSearchEngine },
    { provide: SEARCH_FAILOVER_ENGINE, inject: [APP_CONFIG, DataSource], useFactory: createFailoverEngine },
    SearchIndexer,
    ProductRatings,
    SearchDriftCheck,
    SearchMaintenance,
    SearchRouter,
    SearchService,
    PeerSearchIndex,
    SearchRanking,
  ],
  exports: [SEARCH_ENGINE, ProductRatings, SearchMaintenance, SearchDriftCheck, SearchService, PeerSearchIndex, SearchRanking],
})
export class SearchModule {}
