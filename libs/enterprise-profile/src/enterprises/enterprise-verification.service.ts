import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, ConflictError, DomainEvents, isUuid, NotFoundError } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { EnterpriseEntity, type EnterpriseStatus } from '../entities/enterprise.entity';
import { nextStatus, type EnterpriseAction } from './enterprise-lifecycle';

/**
 * A decision of another context that keeps an enterprise suspended (a takedown, an account
 * suspension or closure, an identity hide), with the status the enterprise had before any hold.
 */
export interface EnterpriseHold {
  /** e.g. `takedown`, `account-suspended`, `account-closed`, `identity-hidden`. */
  kind: string;
  /** The decision's id or reference, for staff. */
  reference: string;
  /** The status before the enterprise was first held. */
  previousStatus: EnterpriseStatus;
}

/** Lists the holds on an enterprise (trust and safety registers one; this context does not depend on it). */
export interface EnterpriseHoldSource {
  holdsOf(m: EntityManager, enterpriseId: string): Promise<EnterpriseHold[]>;
}

/**
 * The floor's side of the lifecycle: verify or reject a submission, suspend and reinstate.
 *
 * Holds: while another context's decision holds the enterprise (see {@link EnterpriseHold}), the
 * administrators' own `reinstate` is refused with 409 `ENTERPRISE_HELD` naming the holds — each
 * hold is lifted only by its own decision (`release`), and the enterprise gets its status back
 * only when no hold remains.
 */
@Injectable()
export class EnterpriseVerification {
  private holdSources: EnterpriseHoldSource[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  verify(id: string): Promise<EnterpriseEntity> {
    return this.transition(id, 'verify', (e) => {
      e.verifiedAt = this.clock.now();
      e.rejectionReason = null;
    });
  }

  reject(id: string, reason: string): Promise<EnterpriseEntity> {
    return this.transition(id, 'reject', (e) => {
      e.rejectionReason = reason;
    });
  }

  suspend(id: string, reason: string): Promise<EnterpriseEntity> {
    return this.transition(id, 'suspend', (e) => {
      e.suspensionReason = reason;
    });
  }

  reinstate(id: string): Promise<EnterpriseEntity> {
    return this.transition(id, 'reinstate', (e) => {
      e.suspensionReason = null;
    });
  }

  /** Another context registers what holds an enterprise suspended. */
  useHolds(source: EnterpriseHoldSource): void {
    this.holdSources.push(source);
  }

  /** The holds in force on an enterprise (in the caller's transaction). */
  async holdsOf(m: EntityManager, id: string): Promise<EnterpriseHold[]> {
    const all: EnterpriseHold[] = [];
    for (const source of this.holdSources) all.push(...(await source.holdsOf(m, id)));
    return all;
  }

  /**
   * Takedown (trust and safety): in the caller's transaction the enterprise is suspended with the
   * takedown's reason — which hides it and all its products everywhere. Returns the status it had.
   */
  async withhold(m: EntityManager, id: string, reason: string): Promise<{ previousStatus: EnterpriseStatus }> {
    const repo = m.getRepository(EnterpriseEntity);
    const e = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    // Already held by another decision: the status to come back to is the one before the first hold.
    const [held] = e.status === 'suspended' ? await this.holdsOf(m, id) : [];
    await repo.update({ id }, { status: 'suspended', suspensionReason: reason });
    await this.events.publish(m, 'enterprise.changed', { enterpriseId: id });
    return { previousStatus: held?.previousStatus ?? e.status };
  }

  /**
   * A hold was lifted (its owner has already marked it so in this transaction): the enterprise
   * gets back `status` only if no other hold remains. Returns whether it was restored.
   */
  async restore(m: EntityManager, id: string, status: EnterpriseStatus): Promise<boolean> {
    const e = await m.getRepository(EnterpriseEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!e || e.status !== 'suspended' || (await this.holdsOf(m, id)).length) return false;
    await m.getRepository(EnterpriseEntity).update({ id }, { status, suspensionReason: null });
    await this.events.publish(m, 'enterprise.changed', { enterpriseId: id });
    return true;
  }

  private async refuseIfHeld(m: EntityManager, id: string): Promise<void> {
    const holds = await this.holdsOf(m, id);
    if (!holds.length) return;
    throw new ConflictError(
      `Doanh nghiệp đang bị giữ bởi: ${holds.map(holdLabel).join('; ')} — chỉ quyết định tương ứng mới gỡ được (held by another decision; lift it there)`,
      'ENTERPRISE_HELD',
      holds.map((h) => ({ field: `holds.${h.kind}`, message: holdLabel(h) })),
    );
  }

  private transition(id: string, action: EnterpriseAction, apply: (e: EnterpriseEntity) => void): Promise<EnterpriseEntity> {
    if (!isUuid(id)) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(EnterpriseEntity);
      const e = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
      const before = auditedState(e);
      if (action === 'reinstate') await this.refuseIfHeld(m, e.id);
      e.status = nextStatus(e.status, action);
      apply(e);
      await repo.save(e);
      // Search index, partner sync and product visibility follow the enterprise's status.
      await this.events.publish(m, 'enterprise.changed', { enterpriseId: e.id });
      await this.audit.record(m, { action: `enterprise.${action}`, subject: { type: 'enterprise', id: e.id }, before, after: auditedState(e) });
      return repo.findOneByOrFail({ id });
    });
  }
}

function holdLabel(h: EnterpriseHold): string {
  return `${HOLD_LABELS[h.kind] ?? h.kind} (${h.reference})`;
}

const HOLD_LABELS: Record<string, string> = {
  takedown: 'yêu cầu gỡ bỏ (takedown)',
  'account-suspended': 'đình chỉ tài khoản người bán (account suspension)',
  'account-closed': 'đóng tài khoản người bán (account closed)',
  'identity-hidden': 'ẩn do chưa xác thực danh tính (identity hide)',
};

function auditedState(e: EnterpriseEntity) {
  return { status: e.status, displayName: e.displayName, rejectionReason: e.rejectionReason, suspensionReason: e.suspensionReason, verifiedAt: e.verifiedAt };
}
