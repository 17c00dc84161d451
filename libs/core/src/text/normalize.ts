/**
 * NFC-normalises every string inside a parsed JSON value (in place for objects and arrays). Walks
 * with an explicit stack: a deeply nested value must not overflow the call stack (issue 18 §8).
 */
export function normalizeStringsNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  const stack: unknown[] = [value];
  while (stack.length) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        if (typeof current[i] === 'string') current[i] = (current[i] as string).normalize('NFC');
        else if (current[i] && typeof current[i] === 'object') stack.push(current[i]);
      }
    } else if (current && typeof current === 'object' && Object.getPrototypeOf(current) === Object.prototype) {
      const record = current as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        if (typeof item === 'string') record[key] = item.normalize('NFC');
        else if (item && typeof item === 'object') stack.push(item);
      }
    }
  }
  return value;
}

/** Folds Vietnamese text to lower-case ASCII: removes tone and vowel marks, đ → d. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** URL slug from Vietnamese text: folded, ASCII letters/digits and single dashes. */
export function slugify(text: string, maxLength = 80): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}
