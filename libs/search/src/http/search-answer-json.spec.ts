import { TaggedFacets } from '../meili/tagged-facets';
import { productSearchJson } from './search-answer-json';

describe('productSearchJson', () => {
  const hit = { id: 'p1', name: 'Dừa sáp "Cầu Kè"', highlight: { name: '<mark>Dừa</mark>' } };

  it('writes the answer JSON.stringify would write, with the facets from their text', () => {
    const facets = new TaggedFacets({ '1ocop:4': 2, '5commune:29308': 12, '4category:a"b': 1 });
    const answer = { hits: [hit], total: 1, facets, relaxed: null, engine: 'meilisearch' };
    const text = productSearchJson(answer);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(JSON.parse(text).facets.commune).toEqual({ '29308': 12 });
  });

  it('leaves an answer with plain facets (PostgreSQL, peers) to JSON.stringify', () => {
    const answer = { hits: [hit], total: 1, facets: { category: {}, commune: { '29308': 1 }, ocopStars: {}, certification: {}, enterpriseKind: {} } };
    expect(productSearchJson(answer)).toBe(JSON.stringify(answer));
  });

  it('writes an answer holding only facets', () => {
    expect(JSON.parse(productSearchJson({ facets: new TaggedFacets({ '1ocop:5': 1 }) })).facets.ocopStars).toEqual({ '5': 1 });
  });
});
