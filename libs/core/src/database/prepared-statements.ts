import { createHash } from 'node:crypto';
import { Client, type QueryConfig } from 'pg';

/** Registered SQL text → the statement name each connection prepares it under. */
const names = new Map<string, string>();

/**
 * Marks a static SQL text that runs on a hot path (every cart addition or checkout) to be
 * prepared once per connection: PostgreSQL then parses it once and, after a few runs, keeps a
 * generic plan instead of planning every call. On the checkout bench, planning was about half of
 * PostgreSQL's time per buyer (pg_stat_statements with track_planning; bench/README.md), and
 * naming the hot statements cut PostgreSQL's CPU per buyer by a quarter. Use it for texts fixed at
 * module load only: each connection keeps every statement it has prepared.
 *
 * Returns the text unchanged, so call sites stay plain `manager.query(TEXT, params)`;
 * `PreparingClient` recognises it.
 */
export function prepared(text: string): string {
  if (!names.has(text)) names.set(text, `tf_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`);
  return text;
}

/**
 * The pool's client (TypeORM passes `extra.Client` to pg's Pool): a registered text with
 * parameters goes out as a named statement. The name is derived from the text, so one name never
 * stands for two texts (pg refuses that), whatever the order modules load in.
 */
export class PreparingClient extends Client {
  // pg's query() has many overloads; only (text, values[, callback]) as TypeORM calls it is rewritten.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const call = super.query as (...args: unknown[]) => never;
    const name = typeof config === 'string' && Array.isArray(values) ? names.get(config) : undefined;
    if (name === undefined) return call.call(this, config, values, callback);
    return call.call(this, { name, text: config as string } satisfies QueryConfig, values, callback);
  }
}
