import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, ConflictError, DomainEvents, InvalidStateError, isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductAccess } from '../access/product-access.service';
import { ProductEntity, type ProductStatus } from '../entities/product.entity';
import { ProductScreeningGate, type ScreeningOverride } from './product-screening-gate';

export type LifecycleAction = 'submit' | 'approve' | 'reject' | 'unlist' | 'relist' | 'archive';

/**
 * draft → pending_review → published | rejected (reason); rejected → pending_review (resubmit);
 * published ⇄ unlisted; any → archived (terminal). Publishing needs a verified enterprise.
 */
export const TRANSITIONS: Record<LifecycleAction, { from: readonly ProductStatus[]; to: ProductStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_review' },
  approve: { from: ['pending_review'], to: 'published' },
  reject: { from: ['pending_review'], to: 'rejected' },
  unlist: { from: ['published'], to: 'unlisted' },
  relist: { from: ['unlisted'], to: 'published' },
  archive: { from: ['draft', 'pending_review', 'published', 'rejected', 'unlisted'], to: 'archived' },
};

@Injectable()
export class ProductLifecycle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProductAccess,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly enterprises: EnterpriseViews,
    private readonly screening: ProductScreeningGate,
  ) {}

  /** Owner actions: submit, unlist, relist, archive (members of the enterprise and admins). */
  async byOwner(principal: Principal, id: string, action: 'submit' | 'unlist' | 'relist' | 'archive'): Promise<ProductEntity> {
    await this.access.assertCanManage(principal, id);
    // A seller acting on their own product is ordinary use; staff acting on it is a privileged action.
    return this.transition(id, action, undefined, principal.role === 'admin' || principal.role === 'editor');
  }

  /**
   * Moderator actions (admins and editors). `revision` pins an approval to what the moderator saw:
   * a product changed since then is not approved (409 STALE_REVISION). An approval is screened
   * again (trust and safety's keyword lists): a prohibited match refuses it unless `override`.
   */
  async moderate(
    id: string,
    action: 'approve' | 'reject' | 'archive',
    reason?: string,
    revision?: number,
    override?: ScreeningOverride,
  ): Promise<ProductEntity> {
    if (!isUuid(id)) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    return this.transition(id, action, reason, true, revision, override);
  }

  /**
   * Takedown (trust and safety): in the caller's transaction the product becomes `withheld`, which
   * no owner action leaves, so every surface showing only published products drops it.
   */
  async withhold(m: EntityManager, id: string): Promise<{ previousStatus: ProductStatus; enterpriseId: string }> {
    const repo = m.getRepository(ProductEntity);
    const p = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    const previousStatus = p.status;
    await repo.update({ id }, { status: 'withheld' });
    await this.events.publish(m, 'product.changed', { productId: id });
    return { previousStatus, enterpriseId: p.enterpriseId };
  }

  /** Reinstatement after a takedown: the product gets back the status it had. */
  async restore(m: EntityManager, id: string, status: ProductStatus): Promise<void> {
    await m.getRepository(ProductEntity).update({ id, status: 'withheld' }, { status });
    await this.events.publish(m, 'product.changed', { productId: id });
  }

  /** Ids of an enterprise's products (a takedown of the enterprise follows all of them). */
  async productIdsOf(m: EntityManager, enterpriseId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM products WHERE enterprise_id = $1`, [enterpriseId]);
    return rows.map((r) => r.id);
  }

  private transition(
    id: string,
    action: LifecycleAction,
    reason: string | undefined,
    audited: boolean,
    revision?: number,
    override?: ScreeningOverride,
  ): Promise<ProductEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ProductEntity);
      const p = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
      // Checked first: "it changed since you looked" is what the moderator needs to hear.
      if (revision !== undefined && revision !== p.revision) {
        throw new ConflictError(
          `Sản phẩm đã được sửa sau khi bạn xem (phiên bản ${revision} → ${p.revision}); hãy xem lại (the product changed since you reviewed it)`,
          'STALE_REVISION',
        );
      }
      const rule = TRANSITIONS[action];
      if (!rule.from.includes(p.status)) {
        throw new InvalidStateError(
          `Không thể ${action} sản phẩm ở trạng thái ${p.status} (cannot ${action} a product in status ${p.status})`,
          'INVALID_PRODUCT_STATUS',
        );
      }
      if (rule.to === 'published') await this.assertEnterpriseVerified(m, p.enterpriseId);
      if (action === 'approve') await this.screening.beforeApprove(m, p, override);
      const now = this.clock.now();
      const before = { status: p.status, name: p.name, rejectionReason: p.rejectionReason, revision: p.revision };
      p.status = rule.to;
      if (action === 'submit') {
        p.submittedAt = now;
        p.rejectionReason = null;
      }
      if (action === 'reject') p.rejectionReason = reason ?? null;
      if (action === 'approve') {
        p.rejectionReason = null;
        p.publishedAt = p.publishedAt ?? now;
      }
      await repo.save(p);
      if (action === 'submit') await this.screening.screen(m, p);
      await this.events.publish(m, 'product.changed', { productId: p.id });
      if (audited) {
        const after = { status: p.status, name: p.name, rejectionReason: p.rejectionReason, revision: p.revision };
        await this.audit.record(m, { action: `product.${action}`, subject: { type: 'product', id: p.id }, before, after });
      }
      return p;
    });
  }

  private async assertEnterpriseVerified(m: EntityManager, enterpriseId: string): Promise<void> {
    const [enterprise] = await this.enterprises.load([enterpriseId], m);
    if (enterprise?.status !== 'verified') {
      throw new InvalidStateError(
        'Doanh nghiệp chưa được xác minh hoặc đang bị đình chỉ, không thể đăng bán (enterprise is not verified)',
        'ENTERPRISE_NOT_VERIFIED',
      );
    }
  }
}
