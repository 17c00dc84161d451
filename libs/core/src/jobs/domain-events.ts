import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from './job-queue.service';

/** Names of the cross-context events and their payloads. */
export interface DomainEventMap {
  /** Anything a buyer or a partner would see of a product changed (content, price, stock, status, images, OCOP). */
  'product.changed': { productId: string };
  /** An enterprise's public data or status changed (its products' visibility may follow). */
  'enterprise.changed': { enterpriseId: string };
  /** A category was renamed or moved. */
  'category.changed': { categoryId: string };
}

export type DomainEventName = keyof DomainEventMap;

/**
 * Transactional fan-out on top of the job outbox: publishing inside a transaction enqueues one
 * job per subscribed queue, so every consumer (search index, partner sync, …) learns of the change
 * if and only if the change commits. Jobs for the same entity coalesce (dedupe key = entity id).
 */
@Injectable()
export class DomainEvents {
  private readonly subscribers = new Map<DomainEventName, Set<string>>();

  constructor(private readonly jobs: JobQueue) {}

  /** `queue` receives a job with the event payload each time `event` is published. */
  subscribe<E extends DomainEventName>(event: E, queue: string): void {
    let set = this.subscribers.get(event);
    if (!set) this.subscribers.set(event, (set = new Set()));
    set.add(queue);
  }

  async publish<E extends DomainEventName>(manager: EntityManager, event: E, payload: DomainEventMap[E]): Promise<void> {
    const dedupeKey = `${event}:${Object.values(payload).join(':')}`;
    for (const queue of this.subscribers.get(event) ?? []) {
      await this.jobs.enqueue(manager, queue, { event, ...payload }, { dedupeKey });
    }
  }
}
