import { richTextToPlain } from '@tradefloor/core';
import { diffArrays } from 'diff';

/** One line of the difference between two versions' texts. */
export interface LegalDiffLine {
  change: 'added' | 'removed' | 'unchanged';
  text: string;
}

/** A body's readable lines: one per paragraph, heading or list item, as plain text. */
export function bodyLines(html: string): string[] {
  return html
    .replace(/<\/(p|li|h[1-6]|tr|blockquote)>|<br\s*\/?>/gi, '$&\n')
    .split('\n')
    .map((chunk) => richTextToPlain(chunk).replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

/** What changed from `before` to `after`, line by line (the `diff` package's array diff). */
export function diffBodies(before: string, after: string): LegalDiffLine[] {
  const out: LegalDiffLine[] = [];
  for (const part of diffArrays(bodyLines(before), bodyLines(after))) {
    const change = part.added ? 'added' : part.removed ? 'removed' : 'unchanged';
    for (const text of part.value) out.push({ change, text });
  }
  return out;
}
