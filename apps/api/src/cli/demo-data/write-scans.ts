import type { DataSource } from 'typeorm';
import { scanHistory, type StampRow } from './scan-history';
import { SEED_LOCK_ID } from './seed-demo-data';
import type { SeededBatch } from './write-batches';

/**
 * Past scans of one lot, with its stamps' counters, in one transaction. Scans of the past have no
 * write service (the verifier records the present request), so they are plain inserts here. A lot
 * that has any scan already (an earlier run, or real visitors of a running demo) is left alone.
 * Returns the number of scans written.
 */
export async function writeScanHistory(
  dataSource: DataSource,
  batch: SeededBatch,
  now: Date,
  thresholds: { warnScans: number; warnPlaces: number },
): Promise<number> {
  return dataSource.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_ID]);
    const [scanned] = await m.query(`SELECT 1 FROM trace_stamp_scans WHERE batch_id = $1 LIMIT 1`, [batch.id]);
    if (scanned) return 0;
    const stamps: StampRow[] = await m.query(`SELECT seq, serial, state FROM trace_stamps WHERE batch_id = $1 ORDER BY seq`, [batch.id]);
    const { scans, counters } = scanHistory(batch, stamps, now, thresholds);
    if (!scans.length) return 0;
    const col = <T>(f: (s: (typeof scans)[number]) => T) => scans.map(f);
    await m.query(
      `INSERT INTO trace_stamp_scans (serial, claimed_serial, batch_id, outcome, channel, scanned_at, place, ua_hash, client_hash)
       SELECT u.serial, u.claimed, $1, u.outcome, u.channel, u.at, u.place, u.ua, u.client
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
         AS u(serial, claimed, outcome, channel, at, place, ua, client)`,
      [
        batch.id,
        col((s) => s.serial),
        col((s) => s.claimedSerial),
        col((s) => s.outcome),
        col((s) => s.channel),
        col((s) => s.scannedAt),
        col((s) => s.place),
        col((s) => s.uaHash),
        col((s) => s.clientHash),
      ],
    );
    await m.query(
      `UPDATE trace_stamps s SET scan_count = u.n, distinct_places = u.places, distinct_clients = u.clients,
              first_scanned_at = u.first, last_scanned_at = u.last
       FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::int[]) AS u(serial, n, places, first, last, clients)
       WHERE s.serial = u.serial`,
      [
        counters.map((c) => c.serial),
        counters.map((c) => c.scanCount),
        counters.map((c) => c.distinctPlaces),
        counters.map((c) => c.firstScannedAt),
        counters.map((c) => c.lastScannedAt),
        counters.map((c) => c.distinctClients),
      ],
    );
    return scans.length;
  });
}
