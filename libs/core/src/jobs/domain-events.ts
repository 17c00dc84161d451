import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue, type NewJob } from './job-queue.service';

/** Names of the cross-context events and their payloads. */
export interface DomainEventMap {
  /** Anything a buyer or a partner would see of a product changed (content, price, stock, status, images, OCOP). */
  'product.changed': { productId: string };
  /** An enterprise's public data or status changed (its products' visibility may follow). */
  'enterprise.changed': { enterpriseId: string };
  /** A category was renamed or moved. */
  'category.changed': { categoryId: string };
  /** A bulletin's public content or status changed (published, edited while published, archived). */
  'bulletin.changed': { bulletinId: string };
  /** A bulletin category was created, renamed or removed. */
  'bulletin-category.changed': { categoryId: string };
  /**
   * A carrier's shipment changed status (published by libs/shipping in the transaction that records
   * it; `reference` is the sub-order code, `at` an ISO instant). libs/orders moves the sub-order.
   */
  'shipment.status-changed': { reference: string; carrier: string; status: ShipmentStatus; at: string };
  /**
   * A shipment needs a person, once per shipment: the carrier refused it for good, or it could not
   * be created for too long. `reason` is readable by seller and buyer. libs/orders alerts both.
   */
  'shipment.needs-attention': { reference: string; carrier: string; reason: string; at: string };
}

/** Statuses a shipment goes through, as libs/shipping normalises every carrier's. */
export const SHIPMENT_STATUSES = [
  'requested',
  'ready_to_pick',
  'picked',
  'in_transit',
  'delivering',
  'delivered',
  'delivery_failed',
  'returning',
  'returned',
  'cancelled',
  'lost',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export type DomainEventName = keyof DomainEventMap;

/** Called inside the publishing transaction for every publication (e.g. the page cache's invalidation), with its payloads (one or more). */
export type DomainEventHook = <E extends DomainEventName>(manager: EntityManager, event: E, payloads: ReadonlyArray<DomainEventMap[E]>) => Promise<void>;

/**
 * Transactional fan-out on top of the job outbox: publishing inside a transaction enqueues one
 * job per subscribed queue, so every consumer (search index, partner sync, …) learns of the change
 * if and only if the change commits. Jobs for the same entity coalesce (dedupe key = entity id).
 */
@Injectable()
export class DomainEvents {
  private readonly subscribers = new Map<DomainEventName, Set<string>>();
  private readonly hooks: DomainEventHook[] = [];

  constructor(private readonly jobs: JobQueue) {}

  /** `queue` receives a job with the event payload each time `event` is published. */
  subscribe<E extends DomainEventName>(event: E, queue: string): void {
    let set = this.subscribers.get(event);
    if (!set) this.subscribers.set(event, (set = new Set()));
    set.add(queue);
  }

  /** `hook` runs in the publisher's transaction for every event published. */
  onPublish(hook: DomainEventHook): void {
    this.hooks.push(hook);
  }

  async publish<E extends DomainEventName>(manager: EntityManager, event: E, payload: DomainEventMap[E]): Promise<void> {
    await this.publishMany(manager, event, [payload]);
  }

  /** The same event for several subjects (e.g. every product of an order): all their jobs in one insert, the hooks once. */
  async publishMany<E extends DomainEventName>(manager: EntityManager, event: E, payloads: ReadonlyArray<DomainEventMap[E]>): Promise<void> {
    if (!payloads.length) return;
    const jobs: NewJob[] = [];
    for (const payload of payloads) {
      const dedupeKey = `${event}:${Object.values(payload).join(':')}`;
      for (const queue of this.subscribers.get(event) ?? []) jobs.push({ queue, payload: { event, ...payload }, options: { dedupeKey } });
    }
    await this.jobs.enqueueMany(manager, jobs);
    for (const hook of this.hooks) await hook(manager, event, payloads);
  }
}
