import { FACET_PREFIXES } from '../documents/product-document';
import { emptyFacets, FACET_NAMES, type FacetName, type Facets } from '../engine/search-types';
import { MAX_VALUES_PER_FACET } from './meili-settings';

/** Facet of a tagged value by its first character (each prefix starts with its own digit). */
const FACET_BY_FIRST_CHAR = new Map(Object.entries(FACET_PREFIXES).map(([facet, prefix]) => [prefix[0], { facet: facet as FacetName, prefix }]));

/** Our own ids, codes and enums: written between quotes as they are. Anything else is escaped. */
const PLAIN_VALUE = /^[A-Za-z0-9_-]*$/;

/**
 * Calls `each` for every value a facet keeps: Meilisearch's tagged values ("5commune:29308") in
 * its alphabetical order, without the "no stars" value, at most MAX_VALUES_PER_FACET per facet.
 */
function forEachKept(values: Record<string, number>, each: (facet: FacetName, value: string, count: number) => void): void {
  const kept: Partial<Record<FacetName, number>> = {};
  // for…in, not Object.entries: the pairs were garbage on every search (issue 12 §5).
  for (const tagged in values) {
    const f = FACET_BY_FIRST_CHAR.get(tagged[0]);
    if (!f || !tagged.startsWith(f.prefix)) continue;
    const value = tagged.slice(f.prefix.length);
    if (f.facet === 'ocopStars' && value === '0') continue;
    const count = kept[f.facet] ?? 0;
    if (count >= MAX_VALUES_PER_FACET) continue;
    kept[f.facet] = count + 1;
    each(f.facet, value, values[tagged]);
  }
}

/**
 * The five product facets as Meilisearch counts them: one faceted field of tagged values (one
 * field costs Meilisearch a fifth of five, product-document.ts).
 *
 * Read as `Facets`, the records are made on first use. The search API instead writes the JSON
 * text straight from the tagged values (`toJsonText`, see search-answer-json.ts): most values are
 * commune codes, integer-like keys which V8 keeps in a dictionary, and making those records and
 * serialising them cost about 55 µs per search against about 16 µs for the text (issue 12 §5,
 * bench/README.md). `toJSON` keeps every other serialisation right.
 */
export class TaggedFacets implements Facets {
  readonly #values: Record<string, number>;
  #records?: Facets;

  constructor(values: Record<string, number> | undefined) {
    this.#values = values ?? {};
  }

  get category(): Record<string, number> {
    return this.records().category;
  }

  get commune(): Record<string, number> {
    return this.records().commune;
  }

  get ocopStars(): Record<string, number> {
    return this.records().ocopStars;
  }

  get certification(): Record<string, number> {
    return this.records().certification;
  }

  get enterpriseKind(): Record<string, number> {
    return this.records().enterpriseKind;
  }

  toJSON(): Facets {
    return this.records();
  }

  /** The JSON of `toJSON()`, written without making the records. */
  toJsonText(): string {
    const parts: Record<FacetName, string> = { category: '', commune: '', ocopStars: '', certification: '', enterpriseKind: '' };
    forEachKept(this.#values, (facet, value, count) => {
      const key = PLAIN_VALUE.test(value) ? `"${value}"` : JSON.stringify(value);
      parts[facet] += `${parts[facet] ? ',' : ''}${key}:${count}`;
    });
    return `{${FACET_NAMES.map((facet) => `"${facet}":{${parts[facet]}}`).join(',')}}`;
  }

  private records(): Facets {
    if (!this.#records) {
      const out = emptyFacets();
      forEachKept(this.#values, (facet, value, count) => {
        out[facet][value] = count;
      });
      this.#records = out;
    }
    return this.#records;
  }
}
