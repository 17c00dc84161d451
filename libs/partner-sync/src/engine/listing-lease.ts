import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, RetryJobLaterError, returnedRows, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { ListingRow } from './listing-row';
import { ListingScheduler } from './listing-scheduler';

/**
 * One in-flight write per listing: a lease on the listing row (owner + expiry, in database time so
 * every worker agrees), renewed before each partner call, and a `resync_requested` flag through
 * which a change arriving meanwhile reaches the job that holds the lease instead of a second job.
 */
@Injectable()
export class ListingLease {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: ListingScheduler,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  private get seconds(): number {
    return this.config.partnerSync.listingLeaseSeconds;
  }

  /**
   * Takes the lease for `owner` (job id + attempt). Taking it answers any earlier resync request:
   * the run reads the current product. Undefined when the listing is gone or another job holds
   * it and took the request over; postpones the job while an earlier attempt's lease runs out.
   */
  async take(listingId: string, owner: string, jobId: string): Promise<ListingRow | undefined> {
    const [listing] = returnedRows<ListingRow>(
      await this.dataSource.query(
        `UPDATE listings SET lease_owner = $2, lease_until = now() + make_interval(secs => $3), resync_requested = false
         WHERE id = $1 AND (lease_until IS NULL OR lease_until < now()) RETURNING *`,
        [listingId, owner, this.seconds],
      ),
    );
    if (listing) return listing;
    // Another job holds the lease (this one was enqueued in the moment between that job's claim
    // and its lease): hand the request to it instead of waiting; it syncs again before releasing
    // (or, if its worker died, runs again itself). Never to an earlier attempt of this same job,
    // whose worker died: that attempt will not run again, so this one waits for the lease.
    const handedOn = returnedRows(
      await this.dataSource.query(
        `UPDATE listings SET resync_requested = true WHERE id = $1 AND lease_until > clock_timestamp() AND lease_owner NOT LIKE $2 RETURNING id`,
        [listingId, `job:${jobId}:%`],
      ),
    );
    if (handedOn.length) return undefined;
    const [busy] = await this.dataSource.query(`SELECT EXTRACT(EPOCH FROM lease_until - now()) AS s FROM listings WHERE id = $1`, [listingId]);
    if (!busy) return undefined; // listing deleted
    throw new RetryJobLaterError(Math.min(5000, Math.max(100, Number(busy.s) * 1000)), 'listing busy (another write in flight)');
  }

  /** Before each partner call: a call never outlives the lease (SYNC_HTTP_TIMEOUT_MS < the lease). */
  async renew(listingId: string, owner: string): Promise<void> {
    const rows = returnedRows(
      await this.dataSource.query(`UPDATE listings SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_owner = $2 RETURNING id`, [
        listingId,
        owner,
        this.seconds,
      ]),
    );
    if (!rows.length) throw new RetryJobLaterError(100, 'listing lease lost');
  }

  /**
   * After a pass: releases the lease, or keeps it and returns the fresh row when a change arrived
   * meanwhile (ListingScheduler set the flag instead of enqueueing a second job). One row lock
   * decides, so no request is lost.
   */
  async passAgain(listingId: string, owner: string): Promise<ListingRow | undefined> {
    const [again] = returnedRows<ListingRow>(
      await this.dataSource.query(
        `UPDATE listings SET resync_requested = false,
           lease_owner = CASE WHEN resync_requested THEN lease_owner END,
           lease_until = CASE WHEN resync_requested THEN now() + make_interval(secs => $3) END
         WHERE id = $1 AND lease_owner = $2 RETURNING *`,
        [listingId, owner, this.seconds],
      ),
    );
    return again?.lease_owner ? again : undefined;
  }

  /**
   * Releases the lease. With `followUp` (this job will not run again), a pending resync request
   * becomes a job of its own, in the same transaction, so a change made meanwhile still reaches the partner.
   */
  async release(listingId: string, owner: string, followUp: boolean): Promise<void> {
    if (!followUp) {
      await this.dataSource.query(`UPDATE listings SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`, [listingId, owner]);
      return;
    }
    await this.dataSource.transaction(async (m) => {
      const [row] = returnedRows<{ requested: boolean }>(
        await m.query(
          `UPDATE listings SET lease_owner = NULL, lease_until = NULL, resync_requested = false WHERE id = $1 AND lease_owner = $2
           RETURNING old.resync_requested AS requested`,
          [listingId, owner],
        ),
      );
      if (row?.requested) await this.scheduler.enqueue(m, [listingId], { markQueued: false });
    });
  }
}
