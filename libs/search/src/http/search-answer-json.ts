import { TaggedFacets } from '../meili/tagged-facets';

/**
 * The product search's JSON, Fastify's serializer for that route. Facets that Meilisearch counted
 * are written by `TaggedFacets.toJsonText`, without making and walking their records (issue 12 §5);
 * the rest as `JSON.stringify` writes it. The facets come last.
 */
export function productSearchJson(answer: { facets: unknown }): string {
  if (!(answer.facets instanceof TaggedFacets)) return JSON.stringify(answer);
  const rest = JSON.stringify({ ...answer, facets: undefined });
  const facets = `"facets":${answer.facets.toJsonText()}}`;
  return rest === '{}' ? `{${facets}` : `${rest.slice(0, -1)},${facets}`;
}
