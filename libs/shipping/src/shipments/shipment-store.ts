import { Injectable } from '@nestjs/common';
import { Clock, DomainEvents, returnedRows } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';
import { mayMove, type CarrierCode, type ShipmentStatus } from '../statuses';
import type { ShipmentRequest } from './shipment.types';

export interface ShipmentRow {
  id: string;
  reference: string;
  enterprise_id: string;
  carrier: CarrierCode;
  status: ShipmentStatus;
  carrier_status: string | null;
  carrier_code: string | null;
  fee_vnd: number | null;
  request: ShipmentRequest;
  cancel_requested: boolean;
  last_error: string | null;
  checked_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Where a status came from (kept in the history). */
export type StatusSource = 'requested' | 'carrier' | 'webhook' | 'poll' | 'seller' | 'cancel';

/** The shipments table: row locks and the one place a status changes (history + event, same transaction). */
@Injectable()
export class ShipmentStore {
  constructor(
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async lock(m: EntityManager, reference: string): Promise<ShipmentRow | undefined> {
    const [row] = await m.query(`SELECT * FROM shipments WHERE reference = $1 FOR UPDATE`, [reference]);
    return row;
  }

  async load(m: EntityManager, reference: string): Promise<ShipmentRow | undefined> {
    const [row] = await m.query(`SELECT * FROM shipments WHERE reference = $1`, [reference]);
    return row;
  }

  /**
   * Applies `next` if it moves the shipment forward (STATUS_RANK), with a history row and the
   * `shipment.status-changed` event; anything else is a no-op (a duplicate, a late report). The
   * carrier's raw status is kept when it is applied or says the same as the current status.
   * Call with the row locked (`lock`). Returns whether the status changed.
   */
  async move(m: EntityManager, row: ShipmentRow, next: ShipmentStatus | null, carrierStatus: string | null, source: StatusSource): Promise<boolean> {
    const now = this.clock.now();
    if (next === null || next === row.status) {
      if (carrierStatus !== null && carrierStatus !== row.carrier_status) {
        await m.query(`UPDATE shipments SET carrier_status = $2, updated_at = $3 WHERE id = $1`, [row.id, carrierStatus, now]);
        row.carrier_status = carrierStatus;
      }
      return false;
    }
    if (!mayMove(row.status, next)) return false;
    await m.query(`UPDATE shipments SET status = $2, carrier_status = COALESCE($3, carrier_status), updated_at = $4, last_error = NULL WHERE id = $1`, [
      row.id,
      next,
      carrierStatus,
      now,
    ]);
    await this.record(m, row, next, carrierStatus, source, now);
    row.status = next;
    if (carrierStatus !== null) row.carrier_status = carrierStatus;
    return true;
  }

  /** A history row and the event for a status now recorded on `row`. */
  async record(
    m: EntityManager,
    row: Pick<ShipmentRow, 'id' | 'reference' | 'carrier'>,
    status: ShipmentStatus,
    carrierStatus: string | null,
    source: StatusSource,
    at: Date,
  ) {
    await m.query(`INSERT INTO shipment_events (shipment_id, status, carrier_status, source, at) VALUES ($1, $2, $3, $4, $5)`, [
      row.id,
      status,
      carrierStatus,
      source,
      at,
    ]);
    await this.events.publish(m, 'shipment.status-changed', { reference: row.reference, carrier: row.carrier, status, at: at.toISOString() });
  }

  /** Marks the shipment as needing a person and tells the listeners, once per shipment. */
  async needsAttention(m: EntityManager, row: Pick<ShipmentRow, 'id' | 'reference' | 'carrier'>, reason: string): Promise<void> {
    const now = this.clock.now();
    const flagged = returnedRows(await m.query(`UPDATE shipments SET attention_at = $2 WHERE id = $1 AND attention_at IS NULL RETURNING id`, [row.id, now]));
    if (!flagged.length) return;
    await this.events.publish(m, 'shipment.needs-attention', { reference: row.reference, carrier: row.carrier, reason, at: now.toISOString() });
  }
}
