/**
 * The rows of a raw query result. On PostgreSQL, TypeORM's `query()` answers UPDATE and DELETE
 * statements with `[rows, affectedCount]` instead of the rows (even with RETURNING), while SELECT and
 * INSERT give the rows: use this for every `UPDATE/DELETE … RETURNING`.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
