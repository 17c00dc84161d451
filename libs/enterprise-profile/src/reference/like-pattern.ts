import { escapeLike } from '@tradefloor/core';

/** The words of a search query (at most 8), each escaped for a `%word%` pattern. */
export function likeWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map(escapeLike);
}
