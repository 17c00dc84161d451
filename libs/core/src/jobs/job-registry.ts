import { Injectable } from '@nestjs/common';
import type { JobHandler, QueueOptions } from './job.types';

export interface RegisteredQueue {
  name: string;
  handler: JobHandler<never>;
  concurrency: number;
  /** Default attempts for jobs enqueued on this queue without an explicit maxAttempts. */
  maxAttempts?: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface RecurringTask {
  name: string;
  intervalMs: number;
  queue: string;
  payload: object;
}

/** Where bounded contexts declare the queues they handle and their recurring work. */
@Injectable()
export class JobRegistry {
  private readonly queues = new Map<string, RegisteredQueue>();
  private readonly recurring = new Map<string, RecurringTask>();

  register<P>(name: string, handler: JobHandler<P>, options: QueueOptions = {}): void {
    if (this.queues.has(name)) throw new Error(`Job queue "${name}" is registered twice`);
    this.queues.set(name, {
      name,
      handler: handler as JobHandler<never>,
      concurrency: options.concurrency ?? 2,
      maxAttempts: options.maxAttempts,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 10 * 60 * 1000,
    });
  }

  /** Runs `queue` with `payload` every `intervalMs`, once across all worker processes. */
  every(name: string, intervalMs: number, queue: string, payload: object = {}): void {
    this.recurring.set(name, { name, intervalMs, queue, payload });
  }

  all(): RegisteredQueue[] {
    return [...this.queues.values()];
  }

  get(name: string): RegisteredQueue | undefined {
    return this.queues.get(name);
  }

  recurringTasks(): RecurringTask[] {
    return [...this.recurring.values()];
  }
}
