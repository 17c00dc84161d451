import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { requestContext } from '../http/request-context';
import { AUDIT_GENESIS_HASH, auditRowHash } from './audit-hash';
import { redactForAudit } from './redact';

/** Who did it: a signed-in user with the role they acted in, or the system (jobs, schedules). */
export interface AuditActor {
  id: string | null;
  role: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, role: 'system' };

export interface AuditEntry {
  /** Defaults to the request's signed-in user, or the system outside a request. */
  actor?: AuditActor;
  /** `<context>.<subject>.<verb>`, e.g. `enterprise.verify`, `product.approve`, `user.role-change`. */
  action: string;
  subject: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

// One chain for the whole floor: appends take this transaction-scoped lock so every row sees the
// committed row before it. Privileged actions are rare, so serialising them costs nothing measurable.
const AUDIT_CHAIN_LOCK = 0x7a7564; // "aud"

/**
 * The tamper-evident audit log (table `audit_events`, append-only by trigger). Each row carries
 * the hash of the previous one. Call `record` INSIDE the transaction of the action it describes,
 * as its last statement (the chain lock is then held only until commit, and never before a row
 * lock the action still needs), so the action and its audit row commit or roll back together.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`audit: "${entry.action}" must be recorded inside the transaction of the action`);
    }
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_CHAIN_LOCK]);
    const [last] = (await manager.query(`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`)) as Array<{ seq: string; hash: string }>;
    const context = requestContext.current();
    const actor = entry.actor ?? context?.actor ?? SYSTEM_ACTOR;
    const fields = {
      seq: last ? Number(last.seq) + 1 : 1,
      occurredAt: this.clock.now().toISOString(),
      actorId: actor.id?.toLowerCase() ?? null,
      actorRole: actor.role,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      before: redactForAudit(entry.before),
      after: redactForAudit(entry.after),
      requestId: context?.requestId ?? null,
    };
    const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
    await manager.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, before, after, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        fields.seq,
        fields.occurredAt,
        fields.actorId,
        fields.actorRole,
        fields.action,
        fields.subjectType,
        fields.subjectId,
        JSON.stringify(fields.before),
        JSON.stringify(fields.after),
        fields.requestId,
        prevHash,
        auditRowHash(prevHash, fields),
      ],
    );
  }
}
