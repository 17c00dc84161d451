import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { Clock, LOGGER, RetryJobLaterError } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { SyncError, type RemoteItem } from '../channels/channel.types';
import { CHANNELS, pushChannel } from '../channels/registry';
import { ConnectionStore, ReauthRequiredError } from './connection-store';
import type { ListingRow } from './listing-row';
import { ListingScheduler } from './listing-scheduler';
import { SyncContextFactory } from './sync-context';

export interface ReconcileSummary {
  remoteItems: number;
  missingRemotely: number;
  statusMismatch: number;
  valueDrift: number;
  adopted: number;
  unknownRemote: number;
}

const MAX_PAGES = 500;

/** Compares a shop's remote item list with our listings and queues what differs (rule 8). */
@Injectable()
export class Reconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: ConnectionStore,
    private readonly contexts: SyncContextFactory,
    private readonly scheduler: ListingScheduler,
    private readonly views: ProductViews,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async activeConnectionIds(): Promise<string[]> {
    const pushed = CHANNELS.filter((c) => c.kind === 'push').map((c) => c.name);
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM channel_connections WHERE status = 'active' AND channel = ANY($1)`, [
      pushed,
    ]);
    return rows.map((r) => r.id);
  }

  async reconcile(connectionId: string): Promise<ReconcileSummary | null> {
    const conn = await this.connections.get(connectionId);
    const channel = conn ? pushChannel(conn.channel) : undefined;
    if (!conn || !channel || conn.status !== 'active') return null;
    const now = this.clock.now().getTime();
    if (conn.paused_until && new Date(conn.paused_until).getTime() > now) throw new RetryJobLaterError(new Date(conn.paused_until).getTime() - now, 'paused');
    const remote: RemoteItem[] = [];
    try {
      const caller = await this.contexts.open(channel, conn);
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res: { items: RemoteItem[]; nextCursor: string | null } = await caller.run((ctx) => channel.listItems(ctx, cursor));
        remote.push(...res.items);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
    } catch (err) {
      if (err instanceof ReauthRequiredError) return null;
      if (err instanceof SyncError && err.errorClass === 'throttled') throw new RetryJobLaterError(2000, err.message);
      throw err;
    }
    const listings: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE enterprise_id = $1 AND channel = $2`, [
      conn.enterprise_id,
      conn.channel,
    ]);
    const skus = new Map((await this.views.load(listings.map((l) => l.product_id))).map((v) => [v.id, v.sku]));
    const byId = new Map(remote.map((r) => [r.externalId, r]));
    const bySku = new Map(remote.filter((r) => r.status !== 'deleted').map((r) => [r.sku, r]));
    const summary: ReconcileSummary = { remoteItems: remote.length, missingRemotely: 0, statusMismatch: 0, valueDrift: 0, adopted: 0, unknownRemote: 0 };
    const requeue: string[] = [];
    const known = new Set<string>();
    await this.dataSource.transaction(async (m) => {
      for (const l of listings) {
        if (l.lease_owner) continue; // a write is in flight; the next round will look again
        if (l.external_id) {
          known.add(l.external_id);
          const r = byId.get(l.external_id);
          if (!r || r.status === 'deleted') {
            summary.missingRemotely++;
            await m.query(
              `UPDATE listings SET external_id = NULL, external_url = NULL, remote_status = NULL, pushed_hash = NULL, pushed_price = NULL, pushed_stock = NULL, create_started_at = NULL WHERE id = $1`,
              [l.id],
            );
            if (l.selected) requeue.push(l.id);
          } else if ((r.status === 'unlisted') !== (l.remote_status === 'unlisted')) {
            summary.statusMismatch++;
            await m.query(`UPDATE listings SET remote_status = $2 WHERE id = $1`, [l.id, r.status]);
            requeue.push(l.id);
          } else if ((r.priceVnd !== undefined && r.priceVnd !== Number(l.pushed_price)) || (r.stock !== undefined && r.stock !== l.pushed_stock)) {
            summary.valueDrift++;
            await m.query(`UPDATE listings SET needs_verify = true WHERE id = $1`, [l.id]);
            requeue.push(l.id);
          }
        } else {
          const r = bySku.get(skus.get(l.product_id) ?? '');
          if (r) {
            summary.adopted++;
            known.add(r.externalId);
            await m.query(
              `UPDATE listings SET external_id = $2, remote_status = $3, pushed_hash = NULL, needs_verify = true, create_started_at = NULL WHERE id = $1`,
              [l.id, r.externalId, r.status],
            );
            requeue.push(l.id);
          }
        }
      }
      summary.unknownRemote = remote.filter((r) => r.status !== 'deleted' && !known.has(r.externalId)).length;
      await this.scheduler.enqueue(m, requeue);
      await m.query(`UPDATE channel_connections SET last_reconciled_at = now(), reconcile_summary = $2 WHERE id = $1`, [conn.id, JSON.stringify(summary)]);
    });
    this.logger.info({ connectionId: conn.id, channel: conn.channel, ...summary }, 'reconciled');
    return summary;
  }
}
