import { MAX_VALUES_PER_FACET } from './meili-settings';
import { TaggedFacets } from './tagged-facets';

/** A small deterministic generator, so a failing case can be replayed by its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ODD_VALUES = ['a"b', 'back\\slash', 'dừa sáp', 'tab\there', '<mark>', '\u2028', ''];

function randomDistribution(next: () => number): Record<string, number> {
  const prefixes = ['1ocop:', '2cert:', '3kind:', '4category:', '5commune:', '9other:', 'x'];
  const values: Record<string, number> = {};
  const n = Math.floor(next() * 60);
  for (let i = 0; i < n; i++) {
    const prefix = prefixes[Math.floor(next() * prefixes.length)];
    const r = next();
    const value =
      r < 0.1 ? ODD_VALUES[Math.floor(next() * ODD_VALUES.length)] : r < 0.6 ? String(10000 + Math.floor(next() * 90000)) : `v${Math.floor(next() * 1000)}`;
    values[`${prefix}${value}`] = 1 + Math.floor(next() * 500);
  }
  return values;
}

describe('TaggedFacets', () => {
  it('splits the tagged values into the five facets, without "no stars" and unknown tags', () => {
    const facets = new TaggedFacets({
      '1ocop:0': 7,
      '1ocop:4': 2,
      '2cert:vietgap': 3,
      '3kind:cooperative': 1,
      '4category:0190c8a2-7c1e-7d3a-9f00-000000000001': 5,
      '5commune:29308': 12,
      '5commune:29158': 3,
      '9future:x': 1,
      ocopStars: 4,
    });
    const expected = {
      category: { '0190c8a2-7c1e-7d3a-9f00-000000000001': 5 },
      commune: { '29308': 12, '29158': 3 },
      ocopStars: { '4': 2 },
      certification: { vietgap: 3 },
      enterpriseKind: { cooperative: 1 },
    };
    expect(facets.commune).toEqual(expected.commune);
    expect(facets.toJSON()).toEqual(expected);
    expect(JSON.parse(JSON.stringify(facets))).toEqual(expected);
    expect(JSON.parse(facets.toJsonText())).toEqual(expected);
  });

  it(`keeps at most ${MAX_VALUES_PER_FACET} values per facet, the first in Meilisearch's order`, () => {
    const values: Record<string, number> = {};
    for (let i = 0; i < MAX_VALUES_PER_FACET + 20; i++) values[`2cert:c${String(i).padStart(4, '0')}`] = i + 1;
    const facets = new TaggedFacets(values);
    const kept = Object.keys(facets.certification);
    expect(kept).toHaveLength(MAX_VALUES_PER_FACET);
    expect(kept.at(-1)).toBe(`c${String(MAX_VALUES_PER_FACET - 1).padStart(4, '0')}`);
    expect(JSON.parse(facets.toJsonText())).toEqual(facets.toJSON());
  });

  it('has no facet values when Meilisearch sent none', () => {
    const none = new TaggedFacets(undefined);
    expect(JSON.parse(none.toJsonText())).toEqual({ category: {}, commune: {}, ocopStars: {}, certification: {}, enterpriseKind: {} });
  });

  it('writes the same JSON as its records for 2,000 random distributions (escaping included)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const values = randomDistribution(random(seed));
      const text = new TaggedFacets(values).toJsonText();
      expect({ seed, facets: JSON.parse(text) }).toEqual({ seed, facets: new TaggedFacets(values).toJSON() });
    }
  });
});
