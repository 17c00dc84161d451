import { slugify } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

const FALLBACK = 'doanh-nghiep';

/** The base slug of a display name: ASCII-folded, at most 72 characters (room for a -N suffix). */
export function baseSlug(displayName: string): string {
  return slugify(displayName, 72) || FALLBACK;
}

/**
 * A free slug: the base, or base-2, base-3, … (first gap after the highest suffix taken).
 * `exceptId` keeps an enterprise's own current slug available to it. Concurrent writers may
 * pick the same one; the unique index refuses the second, which retries.
 */
export async function allocateSlug(m: EntityManager, displayName: string, exceptId?: string): Promise<string> {
  const base = baseSlug(displayName);
  const rows: Array<{ slug: string }> = await m.query(
    `SELECT slug FROM enterprises
     WHERE (slug = $1 OR (left(slug, length($1) + 1) = $1 || '-' AND substr(slug, length($1) + 2) ~ '^[0-9]+$'))
       AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [base, exceptId ?? null],
  );
  if (!rows.some((r) => r.slug === base)) return base;
  const taken = new Set(rows.map((r) => r.slug));
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
