import { exactWord, foldWord, wordsOf } from './vietnamese';

/** Meilisearch only considers the first 10 words of a query; both engines use the same cut. */
export const MAX_QUERY_WORDS = 10;

/**
 * A buyer's query reduced to plain tokens. Operators (quotes, leading "-", filter or SQL
 * metacharacters) are not interpreted by either engine: only letters and digits survive, so
 * nothing the user types can change a Meilisearch filter, a SQL statement or a tsquery's shape.
 */
export interface ParsedQuery {
  /** Folded tokens ("dừa" → "dua"). */
  folded: string[];
  /** Per token: its exact encoding when it carries marks, else its folded form. */
  exact: string[];
  /** True when at least one token carries diacritics (exact matches then rank first). */
  hasMarks: boolean;
  /** The last token is still being typed (query did not end with a space): prefix matching. */
  prefixLast: boolean;
}

export function parseQuery(raw: string | undefined): ParsedQuery | null {
  if (!raw) return null;
  const words = wordsOf(raw).slice(0, MAX_QUERY_WORDS);
  if (!words.length) return null;
  const exact = words.map((w) => exactWord(w));
  return {
    folded: words.map(foldWord),
    exact: words.map((w, i) => exact[i] ?? foldWord(w)),
    hasMarks: exact.some((e) => e !== null),
    prefixLast: !/[\s"'.,;:!?)\]}]$/u.test(raw),
  };
}
