import type { DataSource } from 'typeorm';
import type { ParsedQuery } from '../text/query';

/** Words shorter than this are not corrected (too many near neighbours among syllables). */
const MIN_CORRECTABLE = 4;

/**
 * When full-text search finds nothing, replace each word the index has never seen with:
 * - its split into two indexed words, for syllables typed together ("thanhlong" → thanh long);
 * - else the most similar indexed word by trigram similarity ("thenh" → thanh).
 * The last word counts as known when some indexed word starts with it (as-you-type).
 * Returns null when nothing could be corrected. The result is a folded query (no exact tier).
 */
export async function correctQuery(db: DataSource, q: ParsedQuery): Promise<ParsedQuery | null> {
  const tokens = q.folded;
  const rows: Array<{ i: number; known: boolean }> = await db.query(
    `SELECT t.i::int AS i,
            CASE WHEN t.i = $2 AND $3 THEN EXISTS (SELECT 1 FROM search_terms WHERE term LIKE t.tok || '%')
                 ELSE EXISTS (SELECT 1 FROM search_terms WHERE term = t.tok) END AS known
     FROM unnest($1::text[]) WITH ORDINALITY AS t(tok, i)`,
    [tokens, tokens.length, q.prefixLast],
  );
  const out: string[] = [];
  let changed = false;
  for (const [index, tok] of tokens.entries()) {
    const known = rows.find((r) => r.i === index + 1)?.known ?? true;
    if (known || tok.length < MIN_CORRECTABLE || !/^[a-z0-9]+$/.test(tok)) {
      out.push(tok);
      continue;
    }
    const split = await splitJoined(db, tok);
    if (split) {
      out.push(...split);
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

async function splitJoined(db: DataSource, tok: string): Promise<[string, string] | null> {
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
