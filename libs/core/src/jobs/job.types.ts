export type JobStatus = 'pending' | 'running' | 'completed' | 'dead';

export interface EnqueueOptions {
  /** Earliest time the job may run (default: now). */
  runAt?: Date;
  /** Attempts before the job goes to the dead-letter state (default: the queue's setting, else 8). */
  maxAttempts?: number;
  /**
   * Coalescing key: while a job with the same queue + key is still pending, enqueueing again
   * replaces its payload instead of adding a job (latest state wins).
   */
  dedupeKey?: string;
}

export interface JobRecord<P = unknown> {
  id: string;
  queue: string;
  payload: P;
  attempts: number;
  maxAttempts: number;
  createdAt: Date;
}

export type JobHandler<P = unknown> = (job: JobRecord<P>) => Promise<void>;

/** Handles several jobs of one queue in one call (e.g. one bulk write to a search index). */
export type BatchJobHandler<P = unknown> = (jobs: Array<JobRecord<P>>) => Promise<void>;

export interface QueueOptions {
  /** Jobs of this queue run at most this many at a time in one worker process. */
  concurrency?: number;
  maxAttempts?: number;
  /** Backoff base in ms: delay = base * 2^(attempt-1), with ±25 % jitter, capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface BatchQueueOptions extends QueueOptions {
  /** Most jobs handed to one handler call. */
  batchSize: number;
}

/** Thrown by a handler when retrying cannot help: the job goes straight to dead-letter. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Thrown by a handler to run again later without counting as a failure (e.g. quota pause). */
export class RetryJobLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = 'retry later',
  ) {
    super(message);
    this.name = 'RetryJobLaterError';
  }
}

export const JOBS_CHANNEL = 'tradefloor_jobs';
