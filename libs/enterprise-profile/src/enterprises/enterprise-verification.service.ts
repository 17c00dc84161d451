import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, DomainEvents, isUuid, NotFoundError } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { EnterpriseEntity } from '../entities/enterprise.entity';
import { nextStatus, type EnterpriseAction } from './enterprise-lifecycle';

/** The floor's side of the lifecycle: verify or reject a submission, suspend and reinstate. */
@Injectable()
export class EnterpriseVerification {
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

  private transition(id: string, action: EnterpriseAction, apply: (e: EnterpriseEntity) => void): Promise<EnterpriseEntity> {
    if (!isUuid(id)) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(EnterpriseEntity);
      const e = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
      const before = auditedState(e);
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

function auditedState(e: EnterpriseEntity) {
  return { status: e.status, displayName: e.displayName, rejectionReason: e.rejectionReason, suspensionReason: e.suspensionReason, verifiedAt: e.verifiedAt };
}
