/**
 * Vietnamese text for search. Both engines index and query the SAME token streams produced here,
 * which is what makes them behave alike:
 *
 * - folded tokens: lower-case, marks removed, đ → d ("Dừa" → "dua"). Buyers type without marks.
 * - exact tokens: a diacritic-preserving ASCII encoding in the style of Telex ("dừa" → "duwaf",
 *   "dưa" → "duwa", "dứa" → "duwas", "đũa" → "dduax"). Letter modifiers stay
 *   next to their letter (â → aa, ă → aw, ơ → ow, ư → uw, đ → dd) and the tone goes LAST
 *   (s f r x j). Putting the tone last also makes old/new tone placement identical:
 *   "hoà" and "hòa" both encode to "hoaf". Unmarked words have no exact token.
 *
 * Meilisearch folds every diacritic (search.md), so exact tokens are the only way it can tell
 * dừa from dưa; PostgreSQL uses the same tokens in a second tsvector.
 */

const TONES: Record<string, string> = { '\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';
const MARK = /\p{M}/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Longest token we index or query (longer ones are junk or attacks; cut, not rejected). */
export const MAX_TOKEN_LENGTH = 40;

/** Word tokens of a text, lower-case NFD (marks kept as combining characters). */
export function wordsOf(text: string): string[] {
  const out = text.normalize('NFD').toLowerCase().match(WORD) ?? [];
  return out.map((w) => (w.length > MAX_TOKEN_LENGTH ? w.slice(0, MAX_TOKEN_LENGTH) : w));
}

/** Folded form of one NFD word: marks removed, đ → d. */
export function foldWord(nfdWord: string): string {
  return nfdWord.replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/** Diacritic-preserving encoding of one NFD word, or null when the word carries no mark. */
export function exactWord(nfdWord: string): string | null {
  let out = '';
  let tone = '';
  let marked = false;
  for (const ch of nfdWord) {
    if (TONES[ch]) {
      tone = TONES[ch];
      marked = true;
    } else if (ch === CIRCUMFLEX) {
      out += out.at(-1) ?? '';
      marked = true;
    } else if (ch === BREVE || ch === HORN) {
      out += 'w';
      marked = true;
    } else if (ch === 'đ') {
      out += 'dd';
      marked = true;
    } else if (!MARK.test(ch)) {
      out += ch;
    }
  }
  return marked ? out + tone : null;
}

export function hasMarks(text: string): boolean {
  return wordsOf(text).some((w) => exactWord(w) !== null);
}

/** Folded tokens of a text, joined by single spaces (what the folded fields and tsvectors hold). */
export function foldedText(text: string): string {
  return wordsOf(text).map(foldWord).join(' ');
}

/**
 * The exact field of a text: each word's folded token followed by its exact token when it has
 * one. Keeping the folded token too lets an accented query contain unaccented words
 * ("bưởi da xanh": "da" has no marks and must still match).
 */
export function exactText(text: string): string {
  const out: string[] = [];
  for (const w of wordsOf(text)) {
    out.push(foldWord(w));
    const e = exactWord(w);
    if (e) out.push(e);
  }
  return out.join(' ');
}

/**
 * Letters-and-digits words split into their parts, so "ST25" is found by "st 25" and "500g" by
 * "500 g" (the whole token is indexed as it is, too).
 */
export function numberParts(text: string): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text)) {
    const f = foldWord(w);
    if (/\d/.test(f) && /\p{L}/u.test(f)) out.push(...(f.match(/\d+|\p{L}+/gu) ?? []));
  }
  return out;
}
