import type { DataSource, EntityManager } from 'typeorm';
import type { ParsedQuery } from './query';

/** Words shorter than this are not corrected (too many near neighbours among syllables). */
const MIN_CORRECTABLE = 4;

type Db = Pick<DataSource | EntityManager, 'query'>;

/**
 * The vocabulary (`search_terms`: folded words of product names, keywords and enterprise names,
 * kept by the indexer for whichever engine runs) answers which query words can match at all.
 * `known[i]` is false for a word no indexed name contains; the last word counts as known when
 * some indexed word starts with it (as-you-type).
 */
export async function knownWords(db: Db, q: ParsedQuery): Promise<boolean[]> {
  const tokens = q.folded;
  const rows: Array<{ i: number; known: boolean }> = await db.query(
    `SELECT t.i::int AS i,
            CASE WHEN t.i = $2 AND $3 THEN EXISTS (SELECT 1 FROM search_terms WHERE term LIKE t.tok || '%')
                 ELSE EXISTS (SELECT 1 FROM search_terms WHERE term = t.tok) END AS known
     FROM unnest($1::text[]) WITH ORDINALITY AS t(tok, i)`,
    [tokens, tokens.length, q.prefixLast],
  );
  return tokens.map((_, index) => rows.find((r) => r.i === index + 1)?.known ?? true);
}

/**
 * When a search finds nothing, replace each word of 4+ letters the vocabulary has never seen with:
 * - its split into two indexed words, for syllables typed together ("thanhlong" → thanh long);
 * - else an indexed word that differs by two adjacent letters swapped ("xnah" → xanh, a fast
 *   thumb's typo; Meilisearch allows no typo below 5 letters and trigrams miss a swap);
 * - else the most similar indexed word by trigram similarity ("thenh" → thanh).
 * Returns null when nothing could be corrected. The result is a folded query (no exact tier).
 */
export async function correctQuery(db: Db, q: ParsedQuery): Promise<ParsedQuery | null> {
  const tokens = q.folded;
  const known = await knownWords(db, q);
  const out: string[] = [];
  let changed = false;
  for (const [index, tok] of tokens.entries()) {
    if (known[index] || tok.length < MIN_CORRECTABLE || !/^[a-z0-9]+$/.test(tok)) {
      out.push(tok);
      continue;
    }
    const split = await splitJoined(db, tok);
    if (split) {
      out.push(...split);
      changed = true;
      continue;
    }
    const swapped = await transposed(db, tok);
    if (swapped) {
      out.push(swapped);
      changed = true;
      continue;
    }
    const [near] = await db.query(
      `SELECT term FROM search_terms WHERE term % $1 ORDER BY similarity(term, $1) DESC, abs(length(term) - length($1)), term LIMIT 1`,
      [tok],
    );
    out.push(near ? near.term : tok);
    changed ||= !!near;
  }
  if (!changed) return null;
  return { folded: out, exact: out, hasMarks: false, prefixLast: q.prefixLast && out[out.length - 1] === tokens[tokens.length - 1] };
}

/**
 * Runs a search; when it finds nothing, runs it once more with the query corrected against the
 * vocabulary (both engines, products and enterprises) and reports the tokens actually matched.
 */
export async function searchWithCorrection<P extends { query: ParsedQuery | null }, R extends { total: number; matchedTokens?: string[] }>(
  db: Db,
  params: P,
  run: (params: P) => Promise<R>,
): Promise<R> {
  const first = await run(params);
  if (first.total > 0 || !params.query) return first;
  const corrected = await correctQuery(db, params.query);
  if (!corrected) return first;
  return { ...(await run({ ...params, query: corrected })), matchedTokens: corrected.folded };
}

async function splitJoined(db: Db, tok: string): Promise<[string, string] | null> {
  const candidates: Array<[string, string]> = [];
  for (let i = 2; i <= tok.length - 2; i++) candidates.push([tok.slice(0, i), tok.slice(i)]);
  if (!candidates.length) return null;
  const rows: Array<{ term: string }> = await db.query(`SELECT term FROM search_terms WHERE term = ANY($1::text[])`, [candidates.flat()]);
  const known = new Set(rows.map((r) => r.term));
  const valid = candidates.filter(([a, b]) => known.has(a) && known.has(b));
  // The most balanced split: Vietnamese syllables are of similar length.
  valid.sort((x, y) => Math.abs(x[0].length - x[1].length) - Math.abs(y[0].length - y[1].length));
  return valid[0] ?? null;
}

/** The first indexed word obtained by swapping two adjacent letters of `tok`. */
async function transposed(db: Db, tok: string): Promise<string | null> {
  const candidates = adjacentSwaps(tok);
  if (!candidates.length) return null;
  const rows: Array<{ term: string }> = await db.query(`SELECT term FROM search_terms WHERE term = ANY($1::text[])`, [candidates]);
  const known = new Set(rows.map((r) => r.term));
  return candidates.find((c) => known.has(c)) ?? null;
}

/** Every word made by swapping two adjacent, different letters ("xnah" → nxah, xanh, xnha). */
export function adjacentSwaps(tok: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < tok.length; i++) {
    if (tok[i] === tok[i + 1]) continue;
    out.add(tok.slice(0, i) + tok[i + 1] + tok[i] + tok.slice(i + 2));
  }
  return [...out];
}
