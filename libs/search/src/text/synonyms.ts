import { exactWord, foldWord, wordsOf } from './vietnamese';

/**
 * Regional and common synonyms (South vs North Vietnamese, everyday vs formal names). A product
 * whose text contains one member gets the others added to its keywords at indexing time, so both
 * engines behave the same and no synonym table needs to live in Meilisearch.
 *
 * Triggers match on exact (diacritic-preserving) tokens, never on folded ones: "dứa" (pineapple)
 * expands, "dừa" (coconut) does not, although both fold to "dua". Ambiguous members (thơm also
 * means "fragrant", na/lạc are common syllables) only receive expansions, they never trigger.
 */
interface SynonymGroup {
  members: string[];
  /** Members that are not allowed to trigger the group. */
  passive?: string[];
}

const GROUPS: SynonymGroup[] = [
  { members: ['trái', 'quả'] },
  { members: ['khóm', 'dứa', 'thơm'], passive: ['thơm'] },
  { members: ['heo', 'lợn'] },
  { members: ['bắp', 'ngô'] },
  { members: ['mè', 'vừng'] },
  { members: ['đậu phộng', 'lạc'], passive: ['lạc'] },
  { members: ['khoai mì', 'sắn'] },
  { members: ['mãng cầu', 'na'], passive: ['na'] },
  { members: ['hột vịt', 'trứng vịt'] },
  { members: ['hột gà', 'trứng gà'] },
  { members: ['dưa hấu', 'dưa đỏ'] },
  { members: ['bánh tráng', 'bánh đa'] },
  { members: ['cá lóc', 'cá quả', 'cá tràu'] },
  { members: ['giò lụa', 'chả lụa'] },
  { members: ['nước mắm', 'mắm'], passive: ['mắm'] },
];

const key = (w: string) => exactWord(w) ?? foldWord(w);

const COMPILED = GROUPS.map((g) => ({
  members: g.members.map((m) => ({ text: m, keys: wordsOf(m).map(key), passive: g.passive?.includes(m) ?? false })),
}));

/** Synonym phrases to add to a product's keywords, given its name and other indexed text. */
export function synonymExpansions(text: string): string[] {
  const keys = wordsOf(text).map(key);
  const out = new Set<string>();
  for (const g of COMPILED) {
    const hit = g.members.find((m) => !m.passive && containsSequence(keys, m.keys));
    if (!hit) continue;
    for (const m of g.members) if (m !== hit && !containsSequence(keys, m.keys)) out.add(m.text);
  }
  return [...out];
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
