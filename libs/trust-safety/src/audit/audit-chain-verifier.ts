import { AUDIT_GENESIS_HASH, auditRowHash } from '@tradefloor/core';

/** Anything that runs SQL: a TypeORM DataSource/EntityManager (rows) or a pg Client (a result with rows). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function select<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface AuditChainReport {
  ok: boolean;
  /** Rows whose link and hash were recomputed. */
  checked: number;
  headSeq: number | null;
  /** Recorded daily heads that were compared with the chain. */
  headsChecked: number;
  /** The first broken link, if any, in words an operator can act on. */
  firstBroken?: { seq: number; reason: string };
}

interface Row {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 2_000;

/**
 * Walks `audit_events` in order and recomputes every link: the sequence has no gap, each row names
 * the previous row's hash, each hash matches its content; then every recorded daily head must still
 * be in the chain (a deleted tail or a rewritten history no longer contains it).
 */
export async function verifyAuditChain(db: Queryable, onProgress?: (checked: number) => void): Promise<AuditChainReport> {
  let previousHash = AUDIT_GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const fail = (seq: number, reason: string, headsChecked = 0): AuditChainReport => ({
    ok: false,
    checked,
    headSeq: expectedSeq > 1 ? expectedSeq - 1 : null,
    headsChecked,
    firstBroken: { seq, reason },
  });
  for (;;) {
    const rows = await select<Row>(
      db,
      `SELECT seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, before, after, request_id, prev_hash, hash
       FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT ${BATCH}`,
      [expectedSeq],
    );
    if (!rows.length) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `dòng ${expectedSeq} bị thiếu (row missing; next present is ${seq})`);
      if (row.prev_hash !== previousHash) return fail(seq, `liên kết tới dòng trước không khớp (prev_hash does not match row ${seq - 1})`);
      const recomputed = auditRowHash(previousHash, {
        seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        actorId: row.actor_id,
        actorRole: row.actor_role,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        before: row.before,
        after: row.after,
        requestId: row.request_id,
      });
      if (recomputed !== row.hash) return fail(seq, `nội dung dòng đã bị sửa (content does not match its hash)`);
      previousHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    onProgress?.(checked);
  }
  const heads = await select<{ seq: string; hash: string; recorded_at: Date }>(db, `SELECT seq, hash, recorded_at FROM audit_chain_heads ORDER BY id`);
  let headsChecked = 0;
  for (const head of heads) {
    const seq = Number(head.seq);
    const [row] = await select<{ hash: string }>(db, `SELECT hash FROM audit_events WHERE seq = $1`, [seq]);
    if (!row)
      return fail(seq, `đầu chuỗi ghi ngày ${new Date(head.recorded_at).toISOString()} không còn (recorded head is gone: the tail was cut)`, headsChecked);
    if (row.hash !== head.hash)
      return fail(
        seq,
        `đầu chuỗi ghi ngày ${new Date(head.recorded_at).toISOString()} không khớp (recorded head differs: history was rewritten)`,
        headsChecked,
      );
    headsChecked++;
  }
  return { ok: true, checked, headSeq: expectedSeq > 1 ? expectedSeq - 1 : null, headsChecked };
}
