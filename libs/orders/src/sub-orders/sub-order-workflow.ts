import { Injectable } from '@nestjs/common';
import { StockReservations } from '@tradefloor/catalog';
import { AuditTrail, Clock, JobQueue, type NewJob, prepared } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { EntityManager } from 'typeorm';
import { ORDER_NOTIFY_QUEUE } from '../mail/order-notification.job';
import {
  CLOSED_STATUSES,
  nextStatus,
  RELEASING_STATUSES,
  STATUS_TIME_COLUMN,
  type SubOrderAction,
  type SubOrderActor,
  type SubOrderStatus,
} from './sub-order-states';

/** The columns of a sub-order the workflow needs, read with its row lock. */
export interface LockedSubOrder {
  id: string;
  code: string;
  enterprise_id: string;
  status: SubOrderStatus;
  payment_method: 'cod' | 'vietqr';
  payment_state: string;
  stock_released_at: Date | null;
}

/** The sub-order a history row is about. */
export type RecordedSubOrder = Pick<LockedSubOrder, 'id' | 'code' | 'enterprise_id'>;

/** One step in a sub-order's history. */
export interface SubOrderEvent {
  from: SubOrderStatus | null;
  to: SubOrderStatus;
  action: string;
  actor: Actor;
  note: string | null;
  at: Date;
}

export interface Actor {
  role: SubOrderActor;
  /** The signed-in user acting (seller member, admin or buyer); none for guests and the system. */
  principal?: Principal;
}

/**
 * Every change of a sub-order goes through here, inside a transaction that holds the sub-order's
 * row lock: the state machine decides, the time of the new state is stamped, stock goes back
 * exactly once (a cancelled/expired sub-order whose `stock_released_at` is still empty), the
 * history row is written, both sides' mails are enqueued, and a seller's or staff member's action
 * is appended to the audit trail — all committing together.
 */
@Injectable()
export class SubOrderWorkflow {
  constructor(
    private readonly stock: StockReservations,
    private readonly jobs: JobQueue,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Locks a sub-order by code (or id) for a change. */
  async lock(m: EntityManager, by: { code?: string; id?: string }): Promise<LockedSubOrder | undefined> {
    const [row] = await m.query(
      `SELECT id, code, enterprise_id, status, payment_method, payment_state, stock_released_at FROM sub_orders
       WHERE ${by.code ? 'code = $1' : 'id = $1'} FOR UPDATE`,
      [by.code ?? by.id],
    );
    return row;
  }

  async apply(
    m: EntityManager,
    s: LockedSubOrder,
    action: SubOrderAction,
    actor: Actor,
    extra: { reason?: string; note?: string } = {},
  ): Promise<SubOrderStatus> {
    const to = nextStatus(s.status, action, actor.role);
    const now = this.clock.now();
    const sets = [`status = $2`, `${STATUS_TIME_COLUMN[to]} = $3`, `updated_at = $3`];
    const params: unknown[] = [s.id, to, now];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (CLOSED_STATUSES.includes(to)) set('closed_at', now);
    if (to === 'cancelled') {
      set('cancel_reason', extra.reason ?? null);
      set('cancelled_by', actor.role);
    }
    if (to === 'return_requested') set('return_reason', extra.reason ?? null);
    if (to === 'return_refused') set('return_refusal_reason', extra.reason ?? null);
    if (to === 'delivered' && s.payment_method === 'cod') {
      set('payment_state', 'cod_collected');
      set('paid_at', now);
    }
    const release = RELEASING_STATUSES.includes(to) && !s.stock_released_at;
    if (release) set('stock_released_at', now);
    await m.query(`UPDATE sub_orders SET ${sets.join(', ')} WHERE id = $1`, params);
    if (release) {
      const items: Array<{ product_id: string; quantity: number }> = await m.query(`SELECT product_id, quantity FROM sub_order_items WHERE sub_order_id = $1`, [
        s.id,
      ]);
      await this.stock.release(
        m,
        items.map((i) => ({ productId: i.product_id, quantity: i.quantity })),
      );
    }
    await this.record(m, s, { from: s.status, to, action, actor, note: extra.reason ?? extra.note ?? null, at: now });
    return to;
  }

  /** The seller confirms a VietQR transfer reached its account (the platform never sees the money). */
  async confirmPayment(m: EntityManager, s: LockedSubOrder, actor: Actor): Promise<void> {
    const now = this.clock.now();
    await m.query(`UPDATE sub_orders SET payment_state = 'paid_confirmed_by_seller', paid_at = $2, updated_at = $2 WHERE id = $1`, [s.id, now]);
    await this.record(m, s, { from: s.status, to: s.status, action: 'confirm-payment', actor, note: null, at: now });
  }

  /** History row, both sides' mails, and (for sellers and staff) the audit entry — the last statement. */
  async record(m: EntityManager, s: RecordedSubOrder, e: SubOrderEvent, alsoEnqueue: ReadonlyArray<NewJob> = []): Promise<void> {
    await this.recordMany(m, [{ subOrder: s, event: e, alsoEnqueue }]);
  }

  /**
   * `record` for several sub-orders at once (a checkout's, one per seller): one insert for all the
   * history rows and one for all the jobs, whatever the number of sub-orders. One event per sub-order.
   */
  async recordMany(
    m: EntityManager,
    entries: ReadonlyArray<{ subOrder: RecordedSubOrder; event: SubOrderEvent; alsoEnqueue?: ReadonlyArray<NewJob> }>,
  ): Promise<void> {
    if (!entries.length) return;
    if (new Set(entries.map((x) => x.subOrder.id)).size !== entries.length) throw new Error('recordMany: one event per sub-order');
    const roles = entries.map(({ event: e }) => (e.actor.principal?.role === 'admin' && e.actor.role === 'seller' ? 'admin' : e.actor.role));
    const rows: Array<{ id: string; sub_order_id: string }> = await m.query(
      prepared(`INSERT INTO sub_order_events (sub_order_id, from_status, to_status, action, actor_role, actor_id, note, at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::timestamptz[])
       RETURNING id, sub_order_id`),
      [
        entries.map((x) => x.subOrder.id),
        entries.map((x) => x.event.from),
        entries.map((x) => x.event.to),
        entries.map((x) => x.event.action),
        roles,
        entries.map((x) => x.event.actor.principal?.id ?? null),
        entries.map((x) => x.event.note),
        entries.map((x) => x.event.at),
      ],
    );
    const eventIds = new Map(rows.map((r) => [r.sub_order_id, String(r.id)]));
    await this.recorded(
      m,
      entries.map((x) => ({ ...x, eventId: eventIds.get(x.subOrder.id)! })),
    );
  }

  /**
   * What follows history rows once written: both sides' mails and the callers' further jobs (e.g. a
   * placement's expiry) in one insert, and a seller's or staff member's audit entry. `recordMany`
   * ends with it; checkout calls it directly, having written its placements' history rows in the
   * statement that writes the order.
   */
  async recorded(
    m: EntityManager,
    entries: ReadonlyArray<{ subOrder: RecordedSubOrder; event: SubOrderEvent; eventId: string; alsoEnqueue?: ReadonlyArray<NewJob> }>,
  ): Promise<void> {
    await this.jobs.enqueueMany(
      m,
      entries.flatMap(({ eventId, alsoEnqueue = [] }) => {
        return [
          ...(['buyer', 'seller'] as const).map((side) => ({
            queue: ORDER_NOTIFY_QUEUE,
            payload: { eventId, side },
            options: { dedupeKey: `${eventId}:${side}` },
          })),
          ...alsoEnqueue,
        ];
      }),
    );
    for (const { subOrder: s, event: e } of entries) {
      if (e.actor.role !== 'seller') continue;
      await this.audit.record(m, {
        actor: e.actor.principal ? { id: e.actor.principal.id, role: e.actor.principal.role } : undefined,
        action: `orders.sub-order.${e.action}`,
        subject: { type: 'sub_order', id: s.code },
        before: { status: e.from },
        after: { status: e.to, note: e.note },
      });
    }
  }
}
