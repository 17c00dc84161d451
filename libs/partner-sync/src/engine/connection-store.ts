import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, RetryJobLaterError, returnedRows, SecretBox, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { SyncError, type ChannelContext, type ChannelSettings, type ConnectionSecrets, type PushChannel } from '../channels/channel.types';

export interface ConnectionRow {
  id: string;
  enterprise_id: string;
  channel: string;
  status: 'pending' | 'active' | 'needs_reauth' | 'disconnecting' | 'disconnected';
  shop_id: string | null;
  secrets: string | null;
  token_version: number;
  access_expires_at: Date | null;
  settings: ChannelSettings;
  settings_version: number;
  paused_until: Date | null;
  last_error: string | null;
}

/** The connection can no longer be used until its owner reconnects. */
export class ReauthRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReauthRequiredError';
  }
}

/** Connection rows, their sealed secrets, and single-flight token renewal. */
@Injectable()
export class ConnectionStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async find(enterpriseId: string, channel: string): Promise<ConnectionRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [enterpriseId, channel]);
    return row;
  }

  async get(id: string): Promise<ConnectionRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM channel_connections WHERE id = $1`, [id]);
    return row;
  }

  open(row: Pick<ConnectionRow, 'secrets'>): ConnectionSecrets {
    return row.secrets ? this.box.openJson<ConnectionSecrets>(row.secrets) : {};
  }

  seal(secrets: ConnectionSecrets): string {
    return this.box.sealJson(secrets);
  }

  async markNeedsReauth(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_connections SET status = 'needs_reauth', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'active'`,
      [id, reason],
    );
  }

  async noteProblem(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE channel_connections SET last_error = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  async pauseUntil(id: string, until: Date, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_connections SET paused_until = GREATEST(COALESCE(paused_until, $2), $2), last_error = $3, updated_at = now() WHERE id = $1`,
      [id, until, reason],
    );
  }

  /**
   * Completes a disconnect once every listing of the connection is unlisted or recorded as left on
   * the marketplace (a job that was already pushing may still set one `listed`: its unlist job,
   * queued by the disconnect behind the listing's lease, takes it down before the end). The secrets are
   * wiped only then. Called after each unlist job has recorded its outcome (committed), so the last
   * one to finish sees every other outcome and closes the connection.
   */
  async finishDisconnect(id: string): Promise<boolean> {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE channel_connections c SET status = 'disconnected', secrets = NULL, feed_token_hash = NULL, access_expires_at = NULL, paused_until = NULL, updated_at = now()
         WHERE c.id = $1 AND c.status = 'disconnecting'
           AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.enterprise_id = c.enterprise_id AND l.channel = c.channel AND l.state <> 'delisted' AND l.unlist_failed_at IS NULL)
         RETURNING c.id`,
        [id],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Renews the token once across all workers: the connection row is locked (NOWAIT: a second
   * caller postpones instead of queueing behind the network call), the version compared with the
   * one the caller used, and the new pair committed before anyone uses it. A single-use refresh
   * token whose answer was lost is never presented again: the owner must reconnect.
   */
  async refresh(
    channel: PushChannel,
    ctx: ChannelContext,
    connectionId: string,
    seenVersion: number,
  ): Promise<{ secrets: ConnectionSecrets; version: number }> {
    if (!channel.refreshToken) throw new ReauthRequiredError(`${channel.displayName}: phiên đăng nhập bị từ chối (authorisation refused)`);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      let row: ConnectionRow;
      try {
        [row] = await qr.query(`SELECT * FROM channel_connections WHERE id = $1 FOR UPDATE NOWAIT`, [connectionId]);
      } catch (err) {
        if ((err as { code?: string }).code === '55P03') throw new RetryJobLaterError(200 + Math.random() * 300, 'token refresh in progress');
        throw err;
      }
      // A disconnecting connection still renews its token: it is needed to unlist the items.
      if (!row || (row.status !== 'active' && row.status !== 'disconnecting'))
        throw new ReauthRequiredError(`${channel.displayName}: cần kết nối lại (reconnect required)`);
      if (row.token_version !== seenVersion) {
        await qr.commitTransaction();
        return { secrets: this.open(row), version: row.token_version };
      }
      const current = this.open(row);
      let result;
      try {
        result = await channel.refreshToken({ ...ctx, secrets: current });
      } catch (err) {
        const cls = err instanceof SyncError ? err.errorClass : 'unknown_outcome';
        const retryable = cls === 'transient' || cls === 'throttled' || (cls === 'unknown_outcome' && !channel.refreshIsSingleUse);
        if (retryable) throw err;
        const reason =
          cls === 'unknown_outcome'
            ? `${channel.displayName}: mất phản hồi khi làm mới token, không thể dùng lại refresh token — cần kết nối lại (refresh answer lost; reconnect required)`
            : `${channel.displayName}: làm mới token bị từ chối — cần kết nối lại (token refresh refused: ${(err as Error).message})`;
        await qr.query(`UPDATE channel_connections SET status = 'needs_reauth', last_error = $2, updated_at = now() WHERE id = $1`, [connectionId, reason]);
        await qr.commitTransaction();
        throw new ReauthRequiredError(reason);
      }
      const version = row.token_version + 1;
      await qr.query(`UPDATE channel_connections SET secrets = $2, token_version = $3, access_expires_at = $4, updated_at = now() WHERE id = $1`, [
        connectionId,
        this.seal(result.secrets),
        version,
        result.accessExpiresAt,
      ]);
      await qr.commitTransaction();
      return { secrets: result.secrets, version };
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }

  get partnerConfig() {
    return this.config.partnerSync;
  }
}
