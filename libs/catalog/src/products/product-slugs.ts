import { slugify } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/**
 * A globally unique product slug from its name: `buoi-da-xanh`, then `buoi-da-xanh-2`, … .
 * The unique index stays the final arbiter (a concurrent insert is retried by the caller).
 */
export async function allocateProductSlug(m: EntityManager, name: string, excludeId?: string): Promise<string> {
  const base = slugify(name, 70) || 'san-pham';
  const rows: Array<{ slug: string }> = await m.query(
    `SELECT slug FROM products WHERE (slug = $1 OR slug ~ ('^' || $1 || '-[0-9]+$')) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [base, excludeId ?? null],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
