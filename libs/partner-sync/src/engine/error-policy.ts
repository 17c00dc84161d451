import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, LOGGER, PermanentJobError, RetryJobLaterError, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import { SyncError, type PushChannel } from '../channels/channel.types';
import { ConnectionStore, ReauthRequiredError, type ConnectionRow } from './connection-store';
import type { ListingRow } from './listing-row';
import { ListingStore } from './listing-store';
import { nextQuotaReset } from './quota-reset';

/** The job that failed, the listing and connection it worked on, and the step that failed. */
export interface FailedStep {
  job: JobRecord<unknown>;
  listing: ListingRow;
  conn: ConnectionRow;
  channel: PushChannel;
  action: string;
}

/**
 * What a failure does (docs/partners/README.md, "Failures"): every path records the attempt, then
 * either postpones the job (throttled, daily quota, a gone item to create again), retries it with
 * backoff (transient, lost answers) or stops it (dead letter, with a reason a person can act on).
 */
@Injectable()
export class SyncErrorPolicy {
  constructor(
    private readonly store: ListingStore,
    private readonly connections: ConnectionStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** When the partner's daily quota resets: 00:00 in its own time zone. */
  private quotaReset(f: FailedStep): Date {
    // A partner that declared no quota should not report one; if it does, wait for midnight UTC.
    return nextQuotaReset(this.store.now(), f.channel.quota?.resetTimeZone ?? 'UTC');
  }

  /** Pauses the connection until then; the job waits too, without spending an attempt. */
  private async pauseUntil(f: FailedStep, until: Date, message: string): Promise<never> {
    await this.connections.pauseUntil(f.conn.id, until, message);
    throw new RetryJobLaterError(until.getTime() - this.store.now().getTime() + 1000, message);
  }

  /** A listing being brought to its wanted state (pushed or hidden). Always throws: the job's outcome. */
  async onSyncError(f: FailedStep, err: unknown): Promise<never> {
    const { listing } = f;
    if (err instanceof RetryJobLaterError) throw err;
    if (err instanceof ReauthRequiredError) {
      await this.store.attempt(listing.id, f.action, 'error', 'auth', err.message);
      await this.store.deadLetter(listing.id, 'failed', 'auth', err.message);
      throw new PermanentJobError(err.message);
    }
    if (!(err instanceof SyncError)) throw err;
    await this.store.attempt(listing.id, f.action, 'error', err.errorClass, err.message);
    switch (err.errorClass) {
      case 'throttled': {
        const streak = listing.throttle_streak + 1;
        const base = this.config.partnerSync.backoffBaseMs * 2 ** Math.min(streak - 1, 6);
        const delay = Math.min(this.config.partnerSync.backoffMaxMs, Math.round(base * (0.5 + Math.random())));
        await this.store.set(listing.id, { state: 'failed', throttle_streak: streak, error_class: 'throttled', last_error: err.message });
        throw new RetryJobLaterError(delay, err.message);
      }
      case 'quota': {
        const until = this.quotaReset(f);
        // Not a failure: the listing waits in the queue until the quota resets.
        await this.store.set(listing.id, {
          state: 'queued',
          error_class: 'quota',
          last_error: `${err.message} (tạm dừng đến / paused until ${until.toISOString()})`,
        });
        return this.pauseUntil(f, until, err.message);
      }
      case 'signature': {
        const reason = `${err.message} — lỗi cấu hình hoặc đồng hồ hệ thống, không thử lại (signature/timestamp refused: config or clock problem)`;
        await this.connections.noteProblem(f.conn.id, reason);
        await this.store.deadLetter(listing.id, 'failed', 'signature', reason);
        throw new PermanentJobError(reason);
      }
      case 'validation': {
        await this.store.deadLetter(listing.id, 'rejected', 'validation', err.message);
        throw new PermanentJobError(err.message);
      }
      case 'auth': {
        await this.connections.markNeedsReauth(f.conn.id, err.message);
        await this.store.deadLetter(listing.id, 'failed', 'auth', err.message);
        throw new PermanentJobError(err.message);
      }
      case 'not_found': {
        // The remote item is gone: forget it and create it again on the next run.
        await this.store.set(listing.id, {
          external_id: null,
          external_url: null,
          remote_status: null,
          pushed_hash: null,
          pushed_price: null,
          pushed_stock: null,
          create_started_at: null,
          needs_verify: false,
          state: 'queued',
        });
        throw new RetryJobLaterError(50, err.message);
      }
      default: {
        if (f.job.attempts >= f.job.maxAttempts) {
          await this.store.deadLetter(listing.id, 'failed', err.errorClass, `${err.message} (hết số lần thử / attempts exhausted)`);
        } else {
          await this.store.set(listing.id, { state: 'failed', error_class: err.errorClass, last_error: err.message });
        }
        this.logger.info(
          { listingId: listing.id, channel: f.channel.name, action: f.action, errorClass: err.errorClass, attempt: f.job.attempts },
          'listing sync failed',
        );
        throw err;
      }
    }
  }

  /**
   * Unlisting for a disconnect. Throttling and quota wait as usual and transient failures retry
   * with backoff; after the last attempt, or at once for what retrying cannot fix (auth, signature,
   * a refused request), the item is recorded as left on the marketplace for the seller, and the
   * disconnect goes on without it. The listing stays `delisting` while it may still be retried.
   * Returns when the item turned out to be gone already (the unlist is then done).
   */
  async onUnlistError(f: FailedStep, err: unknown): Promise<void> {
    const { listing } = f;
    if (err instanceof RetryJobLaterError) throw err;
    const cls = err instanceof SyncError ? err.errorClass : err instanceof ReauthRequiredError ? 'auth' : 'unknown';
    const message = err instanceof Error ? err.message : String(err);
    await this.store.attempt(listing.id, f.action, 'error', cls, message);
    if (cls === 'not_found') {
      await this.store.set(listing.id, { state: 'delisted', remote_status: null, last_error: null, error_class: null, last_synced_at: this.store.now() });
      await this.connections.finishDisconnect(f.conn.id);
      return;
    }
    if (cls === 'throttled') {
      await this.store.set(listing.id, { last_error: message });
      throw new RetryJobLaterError(Math.round(this.config.partnerSync.backoffBaseMs * (0.5 + Math.random())), message);
    }
    if (cls === 'quota') return this.pauseUntil(f, this.quotaReset(f), message);
    const retryable = cls === 'transient' || cls === 'unknown_outcome' || cls === 'unknown';
    if (retryable && f.job.attempts < f.job.maxAttempts) {
      await this.store.set(listing.id, { last_error: message, error_class: cls });
      throw err;
    }
    const reason = `Không gỡ được sản phẩm khỏi ${f.channel.displayName} khi ngắt kết nối — hãy gỡ trực tiếp trên sàn (could not remove the item from the marketplace on disconnect; remove it there): ${message}`;
    const now = this.store.now();
    await this.store.set(listing.id, { state: 'failed', error_class: cls, last_error: reason, dead_lettered_at: now, unlist_failed_at: now });
    await this.connections.finishDisconnect(f.conn.id);
    throw new PermanentJobError(reason);
  }
}
