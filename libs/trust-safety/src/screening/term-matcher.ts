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
 * A list compiled once: one regular expression per severity, alternatives longest first, whole
 * words only (no letter or digit of the folded text right before or after), the words of a
 * multi-word term separated by any run of non-letters. "ma túy" matches "Ma Tuy" and "ma-tuý";
 * "ma" does not match inside "mang". A prohibited term is found even where a longer restricted
 * term overlaps it, since each severity is matched on its own.
 */
export class TermMatcher {
  private readonly patterns: Array<{ severity: TermSeverity; re: RegExp; byFolded: Map<string, string> }> = [];

  constructor(terms: readonly ListedTerm[]) {
    for (const severity of ['prohibited', 'restricted'] as const) {
      const byFolded = new Map<string, string>();
      for (const t of terms) {
        const folded = foldTerm(t.term);
        if (t.severity === severity && folded && !byFolded.has(folded)) byFolded.set(folded, t.term);
      }
      if (!byFolded.size) continue;
      const alternatives = [...byFolded.keys()].sort((a, b) => b.length - a.length).map((f) => f.split(' ').join('[^a-z0-9]+'));
      this.patterns.push({ severity, re: new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g'), byFolded });
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  match(text: string): TermMatch[] {
    if (!text || this.empty) return [];
    const { folded, starts, ends } = foldWithOffsets(text);
    const found: TermMatch[] = [];
    for (const { severity, re, byFolded } of this.patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(folded); m; m = re.exec(folded)) {
        const start = starts[m.index];
        const end = ends[m.index + m[0].length - 1];
        const key = m[0].split(/[^a-z0-9]+/).join(' ');
        found.push({ term: byFolded.get(key) ?? key, severity, start, end, text: text.slice(start, end) });
      }
    }
    return found.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}
