import { Injectable } from '@nestjs/common';
import type { BatchJobHandler, BatchQueueOptions, JobHandler, JobRecord, QueueOptions } from './job.types';

export interface RegisteredQueue {
  name: string;
  /** Runs a claimed group of jobs (one job unless the queue was registered as a batch queue). */
  run: (jobs: JobRecord[]) => Promise<void>;
  /** Jobs per handler call; each call occupies one concurrency slot. */
  batchSize: number;
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
    this.add(name, (jobs) => handler(jobs[0] as JobRecord<P>), 1, options);
  }

  /**
   * A queue whose jobs are handled up to `batchSize` at a time: many small changes (a CSV import,
   * a seeded data set) then cost one bulk operation each, not one round trip per job. The batch
   * succeeds or fails as a whole; handlers stay idempotent as for single jobs.
   */
  registerBatch<P>(name: string, handler: BatchJobHandler<P>, options: BatchQueueOptions): void {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error(`Job queue "${name}": batchSize must be a positive integer`);
    this.add(name, (jobs) => handler(jobs as Array<JobRecord<P>>), options.batchSize, options);
  }

  private add(name: string, run: RegisteredQueue['run'], batchSize: number, options: QueueOptions): void {
    if (this.queues.has(name)) throw new Error(`Job queue "${name}" is registered twice`);
    this.queues.set(name, {
      name,
      run,
      batchSize,
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
