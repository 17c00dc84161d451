/** NFC-normalises every string inside a parsed JSON value (in place for objects and arrays). */
export function normalizeStringsNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeStringsNfc(value[i]);
    return value;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = normalizeStringsNfc(record[key]);
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
