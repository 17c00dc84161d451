import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AuditTrail, Clock, ConflictError, DomainEvents, InvalidStateError, JobQueue, returnedRows, type ResolvedConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { BulletinEntity, type BulletinStatus } from '../entities/bulletin.entity';
import { BulletinService } from './bulletin.service';

export const PUBLISH_SCHEDULED_QUEUE = 'news.publish-scheduled';
export const PUBLISH_DUE_QUEUE = 'news.publish-due';

/**
 * The editorial lifecycle: draft → (pending_approval) → scheduled → published → archived.
 * A future publishAt schedules the bulletin; a durable job (enqueued in the same transaction)
 * publishes it on time, and a recurring sweep catches anything that job missed.
 */
@Injectable()
export class BulletinWorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bulletins: BulletinService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async publish(actor: Principal, id: string, publishAt?: Date): Promise<BulletinEntity> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.bulletins.lock(m, id);
      if (b.status === 'published') throw new InvalidStateError('Bản tin đã xuất bản (already published)', 'BULLETIN_ALREADY_PUBLISHED');
      if (b.status === 'archived') throw new InvalidStateError('Bản tin đã lưu trữ (bulletin is archived)', 'BULLETIN_ARCHIVED');
      this.bulletins.assertEditorMayChange(actor, b);
      const before = auditedState(b);
      if (this.config.bulletinRequireApproval && actor.role !== 'admin') {
        b.status = 'pending_approval';
        b.publishAt = publishAt ?? null;
        b.rejectionReason = null;
        return this.audited(m, 'bulletin.submit', before, await this.save(m, b));
      }
      return this.audited(m, 'bulletin.publish', before, await this.schedule(m, b, publishAt ?? null));
    });
  }

  /** `revision` pins the approval to what the admin read: a bulletin changed since then is refused (409 STALE_REVISION). */
  async approve(id: string, revision?: number): Promise<BulletinEntity> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.bulletins.lock(m, id);
      if (b.status !== 'pending_approval') {
        throw new InvalidStateError('Bản tin không chờ duyệt (bulletin is not pending approval)', 'BULLETIN_NOT_PENDING');
      }
      if (revision !== undefined && revision !== b.revision) {
        throw new ConflictError(
          `Bản tin đã được sửa sau khi bạn đọc (phiên bản ${revision} → ${b.revision}); hãy đọc lại (the bulletin changed since you read it)`,
          'STALE_REVISION',
        );
      }
      const before = auditedState(b);
      return this.audited(m, 'bulletin.approve', before, await this.schedule(m, b, b.publishAt));
    });
  }

  async reject(id: string, reason: string): Promise<BulletinEntity> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.bulletins.lock(m, id);
      if (b.status !== 'pending_approval') {
        throw new InvalidStateError('Bản tin không chờ duyệt (bulletin is not pending approval)', 'BULLETIN_NOT_PENDING');
      }
      const before = auditedState(b);
      b.status = 'draft';
      b.publishAt = null;
      b.rejectionReason = reason;
      return this.audited(m, 'bulletin.reject', before, await this.save(m, b));
    });
  }

  async archive(actor: Principal, id: string): Promise<BulletinEntity> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.bulletins.lock(m, id);
      if (b.status === 'archived') throw new InvalidStateError('Bản tin đã lưu trữ (already archived)', 'BULLETIN_ARCHIVED');
      this.bulletins.assertEditorMayChange(actor, b);
      const before = auditedState(b);
      b.status = 'archived';
      b.archivedAt = this.clock.now();
      return this.audited(m, 'bulletin.archive', before, await this.save(m, b));
    });
  }

  /** Takedown (trust and safety): the bulletin becomes `withheld` in the caller's transaction; returns the status it had. */
  async withhold(m: EntityManager, id: string): Promise<{ previousStatus: BulletinStatus }> {
    const b = await this.bulletins.lock(m, id);
    const previousStatus = b.status;
    b.status = 'withheld';
    await this.save(m, b);
    return { previousStatus };
  }

  /** Reinstatement after a takedown: the bulletin gets back the status it had. */
  async restore(m: EntityManager, id: string, status: BulletinStatus): Promise<void> {
    const b = await this.bulletins.lock(m, id);
    if (b.status !== 'withheld') return;
    b.status = status;
    await this.save(m, b);
  }

  /**
   * Publishes scheduled bulletins whose time has come by the injected clock (one, or all).
   * Idempotent: a bulletin already published, archived or rescheduled is left alone.
   */
  async publishDue(id?: string): Promise<string[]> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const result: unknown = await m.query(
        `UPDATE bulletins SET status = 'published', published_at = publish_at, updated_at = $1
         WHERE status = 'scheduled' AND publish_at <= $1 AND ($2::uuid IS NULL OR id = $2::uuid)
         RETURNING id`,
        [now, id ?? null],
      );
      const ids = returnedRows<{ id: string }>(result).map((r) => r.id);
      for (const bulletinId of ids) await this.events.publish(m, 'bulletin.changed', { bulletinId });
      return ids;
    });
  }

  /** When a scheduled bulletin is due (null when it is not scheduled any more). */
  async scheduledTime(id: string): Promise<Date | null> {
    const b = await this.dataSource.getRepository(BulletinEntity).findOneBy({ id });
    return b?.status === 'scheduled' ? b.publishAt : null;
  }

  private async schedule(m: EntityManager, b: BulletinEntity, publishAt: Date | null): Promise<BulletinEntity> {
    const now = this.clock.now();
    b.rejectionReason = null;
    if (publishAt && publishAt > now) {
      b.status = 'scheduled';
      b.publishAt = publishAt;
      await this.jobs.enqueue(m, PUBLISH_SCHEDULED_QUEUE, { bulletinId: b.id }, { runAt: publishAt, dedupeKey: b.id });
    } else {
      b.status = 'published';
      b.publishAt = null;
      b.publishedAt = now;
    }
    return this.save(m, b);
  }

  private async audited(m: EntityManager, action: string, before: ReturnType<typeof auditedState>, b: BulletinEntity): Promise<BulletinEntity> {
    await this.audit.record(m, { action, subject: { type: 'bulletin', id: b.id }, before, after: auditedState(b) });
    return b;
  }

  private async save(m: EntityManager, b: BulletinEntity): Promise<BulletinEntity> {
    b.updatedAt = this.clock.now();
    const saved = await m.getRepository(BulletinEntity).save(b);
    // Published, archived (it was public) or back to draft: what readers see may have changed.
    await this.events.publish(m, 'bulletin.changed', { bulletinId: saved.id });
    return saved;
  }
}

function auditedState(b: BulletinEntity) {
  return { status: b.status, title: b.title, publishAt: b.publishAt, rejectionReason: b.rejectionReason };
}
