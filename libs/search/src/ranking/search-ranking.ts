import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SORTS, type SortOrder } from '../engine/search-types';
import { PRODUCT_SETTINGS } from '../meili/meili-settings';

/** PostgreSQL's ts_rank_cd weights for the labels A–D (its defaults; the engine passes none). */
const TS_RANK_WEIGHTS: Record<string, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };

export interface FieldWeight {
  /** Column of `search_products` the words come from. */
  field: string;
  label: 'A' | 'B' | 'C' | 'D';
  weight: number;
}

/** What decides the order of product search results, as the engines are actually configured. */
export interface RankingDisclosure {
  /** Meilisearch ranking rules, in the order they apply. */
  meiliRankingRules: string[];
  /** Meilisearch searchable attributes, most important first. */
  searchableFields: string[];
  /** Sort orders the API and the search page accept (`relevance` is the default). */
  sorts: readonly SortOrder[];
  /** PostgreSQL engine: weight of each field's words in ts_rank_cd (read from the live table definition). */
  pgWeights: FieldWeight[];
  /** There is no paid placement: no result is promoted for payment. */
  paidPlacement: false;
}

/**
 * The ranking disclosure the law asks for (criteria that rank search results), generated from the
 * settings the engines run with: Meilisearch's from `PRODUCT_SETTINGS`, PostgreSQL's from the
 * generated `tsv` column's expression in the catalogue, so the published page cannot drift.
 */
@Injectable()
export class SearchRanking {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async describe(): Promise<RankingDisclosure> {
    const [row]: Array<{ expr: string }> = await this.dataSource.query(
      `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr
         FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = 'search_products'::regclass AND a.attname = 'tsv'`,
    );
    return {
      meiliRankingRules: [...(PRODUCT_SETTINGS.rankingRules ?? [])],
      searchableFields: [...(PRODUCT_SETTINGS.searchableAttributes ?? [])],
      sorts: SORTS,
      pgWeights: row ? parseWeights(row.expr) : [],
      paidPlacement: false,
    };
  }
}

/** `setweight(to_tsvector('simple'::regconfig, name_folded), 'A'::"char")` → name_folded: A. */
export function parseWeights(expr: string): FieldWeight[] {
  const out: FieldWeight[] = [];
  for (const m of expr.matchAll(/setweight\(to_tsvector\([^,]+,\s*\(?([a-z_]+)\)?\s*\),\s*'([ABCD])'/g)) {
    const label = m[2] as FieldWeight['label'];
    out.push({ field: m[1], label, weight: TS_RANK_WEIGHTS[label] });
  }
  return out;
}
