import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, JobRegistry, type DomainEventMap, type JobRecord } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { SubOrderAction, SubOrderStatus } from '../sub-orders/sub-order-states';
import { SubOrderWorkflow } from '../sub-orders/sub-order-workflow';

export const SHIPMENT_STATUS_QUEUE = 'orders.shipment-status';
export const SHIPMENT_ATTENTION_QUEUE = 'orders.shipment-attention';

type Payload = DomainEventMap['shipment.status-changed'];
type AttentionPayload = DomainEventMap['shipment.needs-attention'];

/**
 * The steps a carrier's status (libs/shipping's `SHIPMENT_STATUSES`) takes a sub-order through,
 * from where it stands. Any status that means the carrier has the parcel (picked, in_transit,
 * delivering, delivery_failed, returning) means shipped; delivered means shipped then delivered;
 * returned means shipped then back with the seller. Events can arrive late, repeated or out of
 * order (a refresh may jump straight from ready_to_pick to delivered), so each status takes the
 * sub-order from wherever it is to where the status says, and a status it is already past changes
 * nothing. requested, ready_to_pick, cancelled and lost change nothing (lost is for the seller to
 * settle with the carrier; a carrier's cancel before pickup leaves the seller to choose again).
 */
export function stepsFor(status: Payload['status'], current: SubOrderStatus): SubOrderAction[] {
  const beforeShipping = current === 'confirmed' || current === 'packed';
  switch (status) {
    case 'picked':
    case 'in_transit':
    case 'delivering':
    case 'delivery_failed':
    case 'returning':
      return beforeShipping ? ['ship'] : [];
    case 'delivered':
      return beforeShipping ? ['ship', 'deliver'] : current === 'shipped' ? ['deliver'] : [];
    case 'returned':
      return beforeShipping ? ['ship', 'carrier-return'] : ['shipped', 'delivered', 'return_requested'].includes(current) ? ['carrier-return'] : [];
    default:
      return [];
  }
}

/**
 * Carrier statuses both sides must hear of at once, though they move no step: a failed delivery
 * attempt (the buyer can still be reached), a parcel on its way back, a lost parcel (the seller
 * settles with the carrier and the buyer is owed the goods or the money).
 */
const ALERTS: Partial<Record<Payload['status'], string>> = {
  delivery_failed: 'giao hàng không thành công, hãng sẽ liên hệ giao lại (delivery attempt failed)',
  returning: 'đang hoàn hàng về người bán (returning to the seller)',
  lost: 'hãng báo thất lạc hàng — người bán liên hệ hãng để bồi thường (parcel lost)',
};

/** Moves sub-orders on libs/shipping's `shipment.status-changed` events (reference = sub-order code), and alerts both sides of trouble. */
@Injectable()
export class ShipmentStatusHandler implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly registry: JobRegistry,
    private readonly workflow: SubOrderWorkflow,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('shipment.status-changed', SHIPMENT_STATUS_QUEUE);
    this.registry.register<Payload>(SHIPMENT_STATUS_QUEUE, (job) => this.run(job), { concurrency: 2, maxAttempts: 10 });
    this.events.subscribe('shipment.needs-attention', SHIPMENT_ATTENTION_QUEUE);
    this.registry.register<AttentionPayload>(SHIPMENT_ATTENTION_QUEUE, (job) => this.attention(job), { concurrency: 2, maxAttempts: 10 });
  }

  /** A shipment the carrier will not take (or not yet, for too long): both sides hear it, the seller chooses what next. */
  async attention(job: JobRecord<AttentionPayload>): Promise<void> {
    const { reference, carrier, reason, at } = job.payload;
    await this.dataSource.transaction(async (m) => {
      const s = await this.workflow.lock(m, { code: reference });
      if (!s) return;
      const note = `${carrier.toUpperCase()}: ${reason}`.slice(0, 1000);
      await this.workflow.record(m, s, { from: s.status, to: s.status, action: 'carrier-alert', actor: { role: 'system' }, note, at: new Date(at) });
    });
  }

  async run(job: JobRecord<Payload>): Promise<void> {
    const { reference, status, carrier } = job.payload;
    await this.dataSource.transaction(async (m) => {
      let s = await this.workflow.lock(m, { code: reference });
      if (!s) return;
      for (const action of stepsFor(status, s.status)) {
        s = { ...s, status: await this.workflow.apply(m, s, action, { role: 'system' }, { note: `${carrier}: ${status}` }) };
      }
      const alert = ALERTS[status];
      if (alert) {
        // A history row like a step's (the inbox and the buyer's page show it) and a mail to each side.
        const note = `${carrier.toUpperCase()}: ${alert}`;
        await this.workflow.record(m, s, {
          from: s.status,
          to: s.status,
          action: 'carrier-alert',
          actor: { role: 'system' },
          note,
          at: new Date(job.payload.at),
        });
      }
    });
  }
}
