import { isUuid, slugify } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

/** Base slug of a title: ASCII-folded; never empty and never shaped like a UUID (ids share the route). */
export function baseSlug(title: string): string {
  const base = slugify(title) || 'ban-tin';
  return isUuid(base) ? `${base}-tin` : base;
}

/** First free slug among base, base-2, base-3… (another bulletin's slug is never reused). */
export async function uniqueSlug(m: EntityManager, title: string, excludeId: string | null): Promise<string> {
  const base = baseSlug(title);
  const rows: Array<{ slug: string }> = await m.query(`SELECT slug FROM bulletins WHERE (slug = $1 OR slug LIKE $2) AND ($3::uuid IS NULL OR id <> $3::uuid)`, [
    base,
    `${base}-%`,
    excludeId,
  ]);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function isSlugConflict(err: unknown): boolean {
  return err instanceof QueryFailedError && (err as unknown as { constraint?: string }).constraint === 'bulletins_slug_key';
}

/** Runs a write again when a concurrent writer took the same slug between our check and insert. */
export async function retryOnSlugConflict<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts || !isSlugConflict(err)) throw err;
    }
  }
}
