const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in canonical text form; lets services answer 404 for malformed ids before querying. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Escapes LIKE/ILIKE wildcards (%, _) and the escape character itself, for a pattern built around user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The words of a search query (at most 8), each escaped for a `%word%` LIKE pattern. */
export function likeWords(q: string | undefined): string[] {
  if (!q) return [];
  return q.split(/\s+/).filter(Boolean).slice(0, 8).map(escapeLike);
}
