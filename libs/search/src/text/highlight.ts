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
  let out = '';
  let lastIndex = 0;
  for (const m of nfc.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    out += escapeHtml(nfc.slice(lastIndex, m.index));
    const folded = foldWord(m[0].normalize('NFD').toLowerCase());
    out += matches(folded) ? `<mark>${escapeHtml(m[0])}</mark>` : escapeHtml(m[0]);
    lastIndex = m.index + m[0].length;
  }
  return out + escapeHtml(nfc.slice(lastIndex));
}
