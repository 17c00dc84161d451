import { parseWeights } from './search-ranking';

describe('parseWeights', () => {
  it("reads each field's label from PostgreSQL's rendering of the generated column", () => {
    const expr = `((setweight(to_tsvector('simple'::regconfig, name_folded), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, keywords_folded), 'B'::"char")) || setweight(to_tsvector('simple'::regconfig, description_folded), 'D'::"char"))`;
    expect(parseWeights(expr)).toEqual([
      { field: 'name_folded', label: 'A', weight: 1 },
      { field: 'keywords_folded', label: 'B', weight: 0.4 },
      { field: 'description_folded', label: 'D', weight: 0.1 },
    ]);
  });
});
