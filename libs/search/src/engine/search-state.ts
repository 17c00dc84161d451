import type { DataSource } from 'typeorm';

/** Small key/value store for engine bookkeeping (applied settings and document versions). */
export class SearchState {
  constructor(private readonly dataSource: DataSource) {}

  async get(key: string): Promise<string | null> {
    const rows: Array<{ value: string }> = await this.dataSource.query(`SELECT value FROM search_state WHERE key = $1`, [key]);
    return rows[0]?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO search_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, value],
    );
  }
}
