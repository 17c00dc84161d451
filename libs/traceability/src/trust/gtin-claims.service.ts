import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, ConflictError, InvalidStateError, NotFoundError, isUuid } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';

export type GtinClaimStatus = 'confirmed' | 'pending_review' | 'rejected' | 'revoked';

export interface GtinClaim {
  id: string;
  gtin14: string;
  enterpriseId: string;
  enterpriseName: string;
  status: GtinClaimStatus;
  reason: string | null;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** The enterprise holding the confirmed claim on the same GTIN, if another one does. */
  heldBy: string | null;
}

/** The part of a GTIN-14 a GS1 company prefix is compared with (the GTIN-13 form, without the indicator digit). */
function prefixSubject(gtin14: string): string {
  return gtin14.slice(1);
}

/**
 * Which enterprise a GTIN belongs to on the floor. A GTIN is claimed when an enterprise first
 * issues stamps for a lot carrying it: confirmed at once when nobody else holds it and no declared
 * GS1 company prefix says otherwise; else it waits for a moderator (`pending_review`). Only the
 * confirmed holder's stamps verify as genuine, and only its lots collect fake-serial reports.
 */
@Injectable()
export class GtinClaims {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly enterprises: EnterpriseViews,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The enterprise's claim on `gtin14`, created if missing. Runs in its own transaction, so a claim
   * sent to review stays recorded even though the issuing request that caused it is refused.
   */
  async claim(gtin14: string, enterpriseId: string): Promise<GtinClaimStatus> {
    return this.dataSource.transaction(async (m) => {
      // One claimant at a time per GTIN: two first claims racing must not both be confirmed.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('trace-gtin:' || $1))`, [gtin14]);
      const [own] = await m.query(`SELECT status FROM trace_gtin_claims WHERE gtin14 = $1 AND enterprise_id = $2`, [gtin14, enterpriseId]);
      if (own) return own.status as GtinClaimStatus;
      const reason = await this.conflict(m, gtin14, enterpriseId);
      const status: GtinClaimStatus = reason ? 'pending_review' : 'confirmed';
      await m.query(`INSERT INTO trace_gtin_claims (gtin14, enterprise_id, status, reason, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        gtin14,
        enterpriseId,
        status,
        reason,
        this.clock.now(),
      ]);
      return status;
    });
  }

  /** Why the claim cannot be confirmed without a moderator, or null. */
  private async conflict(m: EntityManager, gtin14: string, enterpriseId: string): Promise<string | null> {
    const [held] = await m.query(`SELECT enterprise_id FROM trace_gtin_claims WHERE gtin14 = $1 AND status = 'confirmed'`, [gtin14]);
    if (held) return 'GTIN đã thuộc về doanh nghiệp khác (GTIN held by another enterprise)';
    const prefixes: Array<{ enterprise_id: string; prefix: string }> = await m.query(
      `SELECT enterprise_id, prefix FROM trace_gs1_prefixes WHERE $1 LIKE prefix || '%' OR enterprise_id = $2`,
      [prefixSubject(gtin14), enterpriseId],
    );
    const subject = prefixSubject(gtin14);
    if (prefixes.some((p) => p.enterprise_id !== enterpriseId && subject.startsWith(p.prefix))) {
      return 'GTIN thuộc mã doanh nghiệp GS1 của doanh nghiệp khác (GTIN under another enterprise’s GS1 company prefix)';
    }
    const own = prefixes.find((p) => p.enterprise_id === enterpriseId);
    if (own && !subject.startsWith(own.prefix)) return 'GTIN không thuộc mã doanh nghiệp GS1 đã khai báo (GTIN outside the declared GS1 company prefix)';
    return null;
  }

  async list(status: GtinClaimStatus | undefined): Promise<GtinClaim[]> {
    const rows = await this.dataSource.query(
      `SELECT c.id, c.gtin14, c.enterprise_id, c.status, c.reason, c.created_at, c.decided_by, c.decided_at,
              (SELECT h.enterprise_id FROM trace_gtin_claims h WHERE h.gtin14 = c.gtin14 AND h.status = 'confirmed' AND h.id <> c.id) AS held_by
       FROM trace_gtin_claims c
       WHERE ($1::text IS NULL OR c.status = $1) ORDER BY c.created_at LIMIT 500`,
      [status ?? null],
    );
    const names = new Map(
      (await this.enterprises.load([...new Set(rows.map((r: { enterprise_id: string }) => r.enterprise_id))] as string[])).map((e) => [e.id, e.displayName]),
    );
    return rows.map((r: Record<string, unknown>): GtinClaim => ({
      id: r.id as string,
      gtin14: r.gtin14 as string,
      enterpriseId: r.enterprise_id as string,
      enterpriseName: names.get(r.enterprise_id as string) ?? '',
      status: r.status as GtinClaimStatus,
      reason: r.reason as string | null,
      createdAt: r.created_at as Date,
      decidedBy: r.decided_by as string | null,
      decidedAt: r.decided_at as Date | null,
      heldBy: r.held_by as string | null,
    }));
  }

  /** A moderator gives the GTIN to this claimant; whoever held it loses it (`revoked`). */
  async approve(moderator: Principal, claimId: string): Promise<void> {
    await this.decide('approve', claimId, async (m, claim) => {
      const now = this.clock.now();
      await m.query(
        `UPDATE trace_gtin_claims SET status = 'revoked', decided_by = $2, decided_at = $3, reason = 'GTIN giao cho doanh nghiệp khác (given to another enterprise)'
         WHERE gtin14 = $1 AND status = 'confirmed'`,
        [claim.gtin14, moderator.id, now],
      );
      await m.query(`UPDATE trace_gtin_claims SET status = 'confirmed', decided_by = $2, decided_at = $3 WHERE id = $1`, [claim.id, moderator.id, now]);
    });
  }

  async reject(moderator: Principal, claimId: string, reason: string): Promise<void> {
    await this.decide('reject', claimId, async (m, claim) => {
      await m.query(`UPDATE trace_gtin_claims SET status = 'rejected', reason = $4, decided_by = $2, decided_at = $3 WHERE id = $1`, [
        claim.id,
        moderator.id,
        this.clock.now(),
        reason,
      ]);
    });
  }

  private async decide(
    verb: 'approve' | 'reject',
    claimId: string,
    apply: (m: EntityManager, claim: { id: string; gtin14: string; enterprise_id: string }) => Promise<void>,
  ): Promise<void> {
    if (!isUuid(claimId)) throw new NotFoundError('Yêu cầu GTIN', 'GTIN_CLAIM_NOT_FOUND');
    await this.dataSource.transaction(async (m) => {
      const [found] = await m.query(`SELECT gtin14 FROM trace_gtin_claims WHERE id = $1`, [claimId]);
      if (!found) throw new NotFoundError('Yêu cầu GTIN', 'GTIN_CLAIM_NOT_FOUND');
      // The same lock as claim(), taken first: decisions and new claims on one GTIN go one at a time.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('trace-gtin:' || $1))`, [found.gtin14]);
      const [claim] = await m.query(`SELECT id, gtin14, enterprise_id, status FROM trace_gtin_claims WHERE id = $1 FOR UPDATE`, [claimId]);
      if (claim.status !== 'pending_review') throw new InvalidStateError('Yêu cầu này đã được xử lý (claim already decided)');
      await apply(m, claim);
      await this.audit.record(m, {
        action: `traceability.gtin-claim-${verb}`,
        subject: { type: 'gtin-claim', id: claim.id },
        before: { status: claim.status },
        after: { gtin14: claim.gtin14, enterpriseId: claim.enterprise_id, status: verb === 'approve' ? 'confirmed' : 'rejected' },
      });
    });
  }

  /** The enterprise's declared GS1 company prefix, or null. */
  async prefixOf(enterpriseId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT prefix FROM trace_gs1_prefixes WHERE enterprise_id = $1`, [enterpriseId]);
    return row?.prefix ?? null;
  }

  /**
   * Declares (or replaces) the enterprise's GS1 company prefix. No two enterprises' prefixes may
   * cover one another. It applies to GTINs claimed from now on; existing claims stay as decided.
   */
  async declarePrefix(principal: Principal, enterpriseId: string, prefix: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('trace-gs1-prefixes'))`);
      const [clash] = await m.query(`SELECT 1 FROM trace_gs1_prefixes WHERE enterprise_id <> $1 AND (prefix LIKE $2 || '%' OR $2 LIKE prefix || '%') LIMIT 1`, [
        enterpriseId,
        prefix,
      ]);
      if (clash) {
        throw new ConflictError(
          'Mã doanh nghiệp GS1 này trùng với doanh nghiệp khác trên sàn (GS1 company prefix overlaps another enterprise’s)',
          'GS1_PREFIX_TAKEN',
          [{ field: 'prefix', message: 'Đã được doanh nghiệp khác khai báo; liên hệ sàn để xác minh (declared by another enterprise; contact the floor)' }],
        );
      }
      await m.query(
        `INSERT INTO trace_gs1_prefixes (enterprise_id, prefix, declared_by, declared_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (enterprise_id) DO UPDATE SET prefix = EXCLUDED.prefix, declared_by = EXCLUDED.declared_by, declared_at = EXCLUDED.declared_at`,
        [enterpriseId, prefix, principal.id, this.clock.now()],
      );
    });
  }
}
