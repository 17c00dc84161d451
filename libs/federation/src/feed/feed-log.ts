import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export const FEED_KINDS = ['product', 'enterprise', 'bulletin'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Positions are compared in microseconds: a JS Date keeps milliseconds only, so the text form travels. */
export interface FeedEntry {
  id: string;
  changedAt: string;
}

/** Any fixed number: the lock that orders every feed write (one writer at a time, in commit order). */
const FEED_LOCK = 7_316_001;

/**
 * The change log behind the open feed: one row per subject that was ever touched, moved forward
 * on every change. Readers page by (changed_at, subject_id). A write takes a transaction-scoped
 * advisory lock and stamps a time later than any row already written, so rows become visible in
 * the order of their positions and a reader's cursor never passes a row still to be committed.
 */
@Injectable()
export class FeedLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Moves subjects that changed to the head of the feed: `present` ones (public now) are added if
   * new; `gone` ones only move if the feed ever showed them (so a draft never published leaves no
   * tombstone, and one that was public gets its tombstone).
   */
  async touch(kind: FeedKind, present: string[], gone: string[] = []): Promise<void> {
    if (!present.length && !gone.length) return;
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_LOCK]);
      // Same stamp for the whole batch: the subject id breaks the tie, so the order stays total.
      const at = await this.nextStamp(m);
      if (present.length) await this.insert(m, kind, present, at, 'UPDATE SET changed_at = EXCLUDED.changed_at');
      if (gone.length)
        await m.query(`UPDATE federation_feed_entries SET changed_at = $3::timestamptz WHERE kind = $1 AND subject_id = ANY($2::uuid[])`, [
          kind,
          [...new Set(gone)],
          at,
        ]);
    });
  }

  /** Seeds entries for public subjects not in the log yet (first start), without moving existing ones. */
  async seed(kind: FeedKind, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_LOCK]);
      const at = await this.nextStamp(m);
      await this.insert(m, kind, ids, at, 'NOTHING');
    });
  }

  /** A position later than every row written (as text: a JS Date would drop the microseconds). */
  private async nextStamp(m: EntityManager): Promise<string> {
    const [{ at }] = await m.query(
      `SELECT GREATEST(clock_timestamp(), (SELECT max(changed_at) FROM federation_feed_entries) + interval '1 microsecond')::text AS at`,
    );
    return at;
  }

  private async insert(m: EntityManager, kind: FeedKind, ids: string[], at: string, onConflict: string): Promise<void> {
    await m.query(
      `INSERT INTO federation_feed_entries (kind, subject_id, changed_at) SELECT $1, id, $3::timestamptz FROM unnest($2::uuid[]) AS id
       ON CONFLICT (kind, subject_id) DO ${onConflict}`,
      [kind, [...new Set(ids)], at],
    );
  }

  /**
   * Entries after `after` (exclusive), or changed at or after `since`, oldest first, at most
   * `limit` (one more is read to know whether more follow).
   */
  async page(
    kind: FeedKind,
    opts: { after?: { changedAt: string; id: string }; since?: Date; limit: number },
  ): Promise<{ entries: FeedEntry[]; more: boolean }> {
    const params: unknown[] = [kind, opts.limit + 1];
    let where = '';
    if (opts.after) {
      params.push(opts.after.changedAt, opts.after.id);
      where = `AND (changed_at, subject_id) > ($3::timestamptz, $4::uuid)`;
    } else if (opts.since) {
      params.push(opts.since);
      where = `AND changed_at >= $3`;
    }
    const rows: Array<{ id: string; at: string }> = await this.dataSource.query(
      `SELECT subject_id AS id, to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM federation_feed_entries WHERE kind = $1 ${where}
       ORDER BY changed_at, subject_id LIMIT $2`,
      params,
    );
    return { entries: rows.slice(0, opts.limit).map((r) => ({ id: r.id, changedAt: r.at })), more: rows.length > opts.limit };
  }

  /** Whether the log has any entry of this kind (seeding runs once). */
  async isEmpty(kind: FeedKind): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM federation_feed_entries WHERE kind = $1 LIMIT 1`, [kind]);
    return rows.length === 0;
  }
}
