import { foldWord } from './vietnamese';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Levenshtein distance ≤ 1 (the typo budget both engines grant words of 5+ letters). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * Wraps the words of `text` that match a query token in <mark>, after HTML-escaping the text
 * (names are user content). Matching is on folded words: exact, prefix for the last token, or one
 * typo for tokens of 5+ letters. Computed here rather than by the engine so both engines
 * highlight identically and nothing unescaped ever reaches a client.
 */
export function highlight(text: string, tokens: string[], prefixLast: boolean): string {
  if (!tokens.length) return escapeHtml(text);
  const last = tokens.length - 1;
  const matches = (word: string) =>
    tokens.some(
      (t, i) =>
        word === t ||
        (i === last && prefixLast && word.startsWith(t)) ||
        (t.length >= 5 && withinOneEdit(word, t)) ||
        // joined syllables typed as one word ("thanhlong"): highlight each syllable
        (t.length > word.length + 1 && t.includes(word) && word.length >= 2),
    );
  const nfc = text.normalize('NFC');
  // Most names hold nothing to escape: test once instead of escaping every piece.
  const esc = HTML_SPECIAL.test(nfc) ? escapeHtml : (piece: string) => piece;
  const word = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  let out = '';
  let lastIndex = 0;
  for (let m = word.exec(nfc); m; m = word.exec(nfc)) {
    if (m.index > lastIndex) out += esc(nfc.slice(lastIndex, m.index));
    out += matches(folded(m[0])) ? `<mark>${esc(m[0])}</mark>` : esc(m[0]);
    lastIndex = m.index + m[0].length;
  }
  return lastIndex < nfc.length ? out + esc(nfc.slice(lastIndex)) : out;
}

const HTML_SPECIAL = /[&<>"']/;

/**
 * Folded form of a name's word, remembered: Unicode decomposition and two replacements per word
 * made highlighting the largest cost of a search request in the API (issue 12 §5), and names are
 * made of a few thousand distinct syllables. Bounded: the map starts over past FOLD_CACHE_MAX.
 */
const FOLD_CACHE_MAX = 50_000;
const foldCache = new Map<string, string>();

function folded(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    f = foldWord(word.normalize('NFD').toLowerCase());
    foldCache.set(word, f);
  }
  return f;
}
