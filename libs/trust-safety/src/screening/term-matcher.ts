import { foldVietnamese } from '@tradefloor/core';

export type TermSeverity = 'prohibited' | 'restricted';

export interface ListedTerm {
  term: string;
  severity: TermSeverity;
}

export interface TermMatch {
  term: string;
  severity: TermSeverity;
  /** Offsets (UTF-16 code units) in the original text. */
  start: number;
  end: number;
  text: string;
}

/** A term's words, folded (no tone or vowel marks, lower case) and joined by single spaces; '' when it has no letter or digit. */
export function foldTerm(term: string): string {
  return foldVietnamese(term)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
}

/**
 * The folded text with, for each folded character, the offsets in the original text of the
 * character it came from, so that matches found in the folded text are shown in the original.
 */
function foldWithOffsets(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = foldVietnamese(ch);
    for (let i = 0; i < f.length; i++) {
      starts.push(offset);
      ends.push(offset + ch.length);
    }
    folded += f;
    offset += ch.length;
  }
  return { folded, starts, ends };
}

/**
 * A list compiled once: per severity, the terms indexed by their first folded word (longest term
 * first). The text is folded and cut into words (runs of letters and digits); a term matches where
 * its words follow one another, so matches are whole words only and the words of a multi-word
 * term may be separated by any run of non-letters. "ma túy" matches "Ma Tuy" and "ma-tuý"; "ma"
 * does not match inside "mang". Each word of the text is looked up once, so matching costs the
 * same however long the list is. A prohibited term is found even where a longer restricted term
 * overlaps it, since each severity is matched on its own.
 */
export class TermMatcher {
  private readonly indexes: Array<{ severity: TermSeverity; byFirstWord: Map<string, Array<{ words: string[]; term: string }>> }> = [];

  constructor(terms: readonly ListedTerm[]) {
    for (const severity of ['prohibited', 'restricted'] as const) {
      const seen = new Set<string>();
      const byFirstWord = new Map<string, Array<{ words: string[]; term: string }>>();
      for (const t of terms) {
        const folded = foldTerm(t.term);
        if (t.severity !== severity || !folded || seen.has(folded)) continue;
        seen.add(folded);
        const words = folded.split(' ');
        const list = byFirstWord.get(words[0]) ?? [];
        list.push({ words, term: t.term });
        byFirstWord.set(words[0], list);
      }
      for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
      if (byFirstWord.size) this.indexes.push({ severity, byFirstWord });
    }
  }

  get empty(): boolean {
    return this.indexes.length === 0;
  }

  match(text: string): TermMatch[] {
    if (!text || this.empty) return [];
    const { folded, starts, ends } = foldWithOffsets(text);
    const tokens = [...folded.matchAll(/[a-z0-9]+/g)].map((m) => ({ word: m[0], from: m.index, to: m.index + m[0].length }));
    const found: TermMatch[] = [];
    for (const { severity, byFirstWord } of this.indexes) {
      for (let i = 0; i < tokens.length; i++) {
        const hit = byFirstWord.get(tokens[i].word)?.find((c) => c.words.every((w, k) => tokens[i + k]?.word === w));
        if (!hit) continue;
        const start = starts[tokens[i].from];
        const end = ends[tokens[i + hit.words.length - 1].to - 1];
        found.push({ term: hit.term, severity, start, end, text: text.slice(start, end) });
        i += hit.words.length - 1;
      }
    }
    return found.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
