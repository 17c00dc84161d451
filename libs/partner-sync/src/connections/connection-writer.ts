import { Injectable } from '@nestjs/common';
import { ConflictError } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';
import type { ConnectedShop, PushChannel } from '../channels/channel.types';
import { ConnectionStore } from '../engine/connection-store';
import { ListingScheduler } from '../engine/listing-scheduler';

export interface ConnectionValues {
  status: string;
  secrets: string | null;
  feedTokenHash?: string | null;
  accessExpiresAt?: Date | null;
  shopId?: string | null;
}

/** The unique index that keeps one marketplace shop on one enterprise (migration 1765200000000). */
const SHOP_INDEX = 'channel_connections_shop_owner_idx';

export function shopTaken(displayName: string): ConflictError {
  return new ConflictError(
    `Cửa hàng ${displayName} này đã được kết nối với một doanh nghiệp khác trên sàn (this ${displayName} shop is already connected to another enterprise)`,
    'CHANNEL_SHOP_TAKEN',
  );
}

/** Writes connection rows: (re)connecting a channel and waking the listings that waited for it. */
@Injectable()
export class ConnectionWriter {
  constructor(
    private readonly store: ConnectionStore,
    private readonly scheduler: ListingScheduler,
  ) {}

  async upsert(m: EntityManager, enterpriseId: string, channel: string, v: ConnectionValues): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO channel_connections (enterprise_id, channel, status, secrets, feed_token_hash, access_expires_at, shop_id, token_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (enterprise_id, channel) DO UPDATE SET status = EXCLUDED.status, secrets = EXCLUDED.secrets, feed_token_hash = EXCLUDED.feed_token_hash,
         access_expires_at = EXCLUDED.access_expires_at, shop_id = COALESCE(EXCLUDED.shop_id, channel_connections.shop_id),
         token_version = channel_connections.token_version + 1, paused_until = NULL, last_error = NULL, updated_at = now()
       RETURNING id`,
      [enterpriseId, channel, v.status, v.secrets, v.feedTokenHash ?? null, v.accessExpiresAt ?? null, v.shopId ?? null],
    );
    return row.id;
  }

  /** Whether another enterprise holds this shop of the channel (any state but disconnected). */
  async shopHeldElsewhere(m: EntityManager, channel: string, shopId: string, enterpriseId: string): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM channel_connections WHERE channel = $1 AND shop_id = $2 AND enterprise_id <> $3 AND status <> 'disconnected' LIMIT 1`,
      [channel, shopId, enterpriseId],
    );
    return rows.length > 0;
  }

  /**
   * Stores a connected shop (sealed secrets) and re-queues what waited for it, in one transaction.
   * A shop another enterprise holds is refused: checked first, and enforced by a unique index
   * when two enterprises finish at the same moment.
   */
  async connected(m: EntityManager, enterpriseId: string, channel: PushChannel, shop: ConnectedShop): Promise<void> {
    if (shop.shopId && (await this.shopHeldElsewhere(m, channel.name, shop.shopId, enterpriseId))) throw shopTaken(channel.displayName);
    let id: string;
    try {
      id = await this.upsert(m, enterpriseId, channel.name, {
        status: 'active',
        secrets: this.store.seal(shop.secrets),
        accessExpiresAt: shop.accessExpiresAt,
        shopId: shop.shopId,
      });
    } catch (err) {
      const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driver?.code === '23505' && driver.constraint === SHOP_INDEX) throw shopTaken(channel.displayName);
      throw err;
    }
    await this.requeueAfterReconnect(m, id);
  }

  /** After (re)connecting, listings that stopped for lack of access run again. */
  async requeueAfterReconnect(m: EntityManager, connectionId: string): Promise<void> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT l.id FROM listings l JOIN channel_connections c ON c.enterprise_id = l.enterprise_id AND c.channel = l.channel
       WHERE c.id = $1 AND (l.state IN ('queued','failed','delisted') OR l.dead_lettered_at IS NOT NULL)`,
      [connectionId],
    );
    await this.scheduler.enqueue(
      m,
      rows.map((r) => r.id),
    );
  }
}
