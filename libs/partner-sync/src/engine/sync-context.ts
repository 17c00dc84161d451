import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type ResolvedConfig } from '@tradefloor/core';
import { ChannelRegistry } from '../channels/channel-registry.service';
import { SyncError, type ChannelContext, type PushChannel } from '../channels/channel.types';
import { ConnectionStore, ReauthRequiredError, type ConnectionRow } from './connection-store';
import { createPartnerHttp } from './partner-http';
import { TokenBucket } from './token-bucket';

export interface AuthedCaller {
  ctx: ChannelContext;
  /** Runs a partner call; on an auth error renews the token once and retries, then gives up. */
  run<T>(fn: (ctx: ChannelContext) => Promise<T>): Promise<T>;
}

/** Builds the per-job channel context: paced HTTP, fresh secrets, the refresh-once rule. */
@Injectable()
export class SyncContextFactory {
  constructor(
    private readonly connections: ConnectionStore,
    private readonly bucket: TokenBucket,
    private readonly clock: Clock,
    private readonly registry: ChannelRegistry,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  bucketKey(channel: string, conn: Pick<ConnectionRow, 'id' | 'shop_id'>): string {
    return `${channel}:${conn.shop_id ?? conn.id}`;
  }

  async open(channel: PushChannel, conn: ConnectionRow, beforeSend?: () => Promise<void>): Promise<AuthedCaller> {
    const cfg = this.config.partnerSync;
    const key = this.bucketKey(channel.name, conn);
    const platform = this.registry.platform(channel);
    const http = createPartnerHttp({
      timeoutMs: cfg.httpTimeoutMs,
      acquire: () => this.bucket.acquire(key, channel.ratePerSecond(platform)),
      beforeSend,
    });
    const ctx: ChannelContext = {
      shopKey: key,
      shopId: conn.shop_id,
      secrets: this.connections.open(conn),
      settings: conn.settings ?? {},
      http,
      config: cfg,
      platform,
      now: () => this.clock.now(),
    };
    let version = conn.token_version;
    if (channel.tokenNeedsRefresh?.(ctx.secrets, conn.access_expires_at ? new Date(conn.access_expires_at) : null, this.clock.now())) {
      const renewed = await this.connections.refresh(channel, ctx, conn.id, version);
      ctx.secrets = renewed.secrets;
      version = renewed.version;
    }
    return {
      ctx,
      run: async <T>(fn: (c: ChannelContext) => Promise<T>): Promise<T> => {
        try {
          return await fn(ctx);
        } catch (err) {
          if (!(err instanceof SyncError) || err.errorClass !== 'auth') throw err;
          const renewed = await this.connections.refresh(channel, ctx, conn.id, version);
          ctx.secrets = renewed.secrets;
          version = renewed.version;
          try {
            return await fn(ctx);
          } catch (again) {
            if (again instanceof SyncError && again.errorClass === 'auth') {
              const reason = `${channel.displayName}: quyền truy cập bị từ chối sau khi làm mới token — cần kết nối lại (access refused after token refresh: ${again.message})`;
              await this.connections.markNeedsReauth(conn.id, reason);
              throw new ReauthRequiredError(reason);
            }
            throw again;
          }
        }
      },
    };
  }
}
