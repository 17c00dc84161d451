import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, JobRegistry, RetryJobLaterError, type JobRecord } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { SubOrderWorkflow } from './sub-order-workflow';

export const EXPIRE_SUB_ORDER_QUEUE = 'orders.expire-sub-order';
export const EXPIRE_DUE_QUEUE = 'orders.expire-due';
const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Unconfirmed sub-orders expire at `expires_at` (placed + the seller's confirmation window) and
 * their stock goes back. Two durable paths lead here, both idempotent: the job each checkout
 * enqueues with `runAt = expires_at`, and a sweep every 5 minutes (once across workers) that
 * catches anything the first missed. Each sub-order expires in its own transaction under its row
 * lock, so a seller confirming or a buyer cancelling at the same moment either wins or loses
 * cleanly and stock is released at most once.
 */
@Injectable()
export class SubOrderExpiry implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly workflow: SubOrderWorkflow,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register<{ subOrderId: string }>(EXPIRE_SUB_ORDER_QUEUE, (job) => this.runOne(job), { concurrency: 2, maxAttempts: 10 });
    this.registry.register(EXPIRE_DUE_QUEUE, () => this.expireDue().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(EXPIRE_DUE_QUEUE, SWEEP_INTERVAL_MS, EXPIRE_DUE_QUEUE);
  }

  private async runOne(job: JobRecord<{ subOrderId: string }>): Promise<void> {
    const result = await this.expire(job.payload.subOrderId);
    if (typeof result === 'number') throw new RetryJobLaterError(result, 'not yet due');
  }

  /** Expires every due sub-order (at most 500 per run); returns how many expired. */
  async expireDue(): Promise<number> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM sub_orders WHERE status = 'placed' AND expires_at <= $1 ORDER BY expires_at LIMIT 500`,
      [this.clock.now()],
    );
    let expired = 0;
    for (const r of rows) if ((await this.expire(r.id)) === true) expired++;
    return expired;
  }

  /** true: expired now; false: no longer placed (or gone); a number: milliseconds until it is due. */
  async expire(subOrderId: string): Promise<boolean | number> {
    return this.dataSource.transaction(async (m) => {
      const s = await this.workflow.lock(m, { id: subOrderId });
      if (!s || s.status !== 'placed') return false;
      const [{ expires_at }] = await m.query(`SELECT expires_at FROM sub_orders WHERE id = $1`, [subOrderId]);
      const wait = new Date(expires_at).getTime() - this.clock.now().getTime();
      if (wait > 0) return wait;
      await this.workflow.apply(m, s, 'expire', { role: 'system' }, { note: 'Người bán không xác nhận trong thời hạn (not confirmed in time)' });
      return true;
    });
  }
}
