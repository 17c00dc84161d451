import type { MessageKey, Translate } from '../i18n/messages';

/**
 * Reading the query string of a page. Anything unexpected (a repeated parameter, a number out of
 * range, an unknown key) falls back to the default: a bad address shows the page, never an error.
 */

/** A single string from a query parameter (repeated parameters take the first), trimmed and bounded. */
export function queryText(query: unknown, name: string, maxLength = 100): string {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim().slice(0, maxLength) : '';
}

/** `?page=`: a positive integer within the API's bounds; anything else is page 1. */
export function queryPage(query: unknown): number {
  const n = Number(queryText(query, 'page', 6));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** One of `allowed`, or undefined. */
export function queryChoice<T extends string>(query: unknown, name: string, allowed: readonly T[]): T | undefined {
  const value = queryText(query, name);
  return allowed.find((a) => a === value);
}

/**
 * The `done` key a post/redirect/get left in the address (see BackOffice.redirect), as its known
 * message; anything else is ignored, so no free text from the address reaches the page.
 */
export function doneMessage(t: Translate, query: unknown, known: Record<string, MessageKey>): string | undefined {
  const done = queryText(query, 'done');
  return done && Object.hasOwn(known, done) ? t(known[done]) : undefined;
}
