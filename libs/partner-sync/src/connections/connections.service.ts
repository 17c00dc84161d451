import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, InvalidStateError, isUuid, NotFoundError, type ResolvedConfig, returnedRows, ValidationFailedError } from '@tradefloor/core';
import { ProductAccess, ProductViews } from '@tradefloor/catalog';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChannelRegistry } from '../channels/channel-registry.service';
import type { ChannelSettings, CredentialsAuth, PushChannel } from '../channels/channel.types';
import { channelByName, pushChannel } from '../channels/registry';
import { ConnectionStore, type ConnectionRow } from '../engine/connection-store';
import { ListingScheduler } from '../engine/listing-scheduler';
import { createPartnerHttp } from '../engine/partner-http';
import type { CandidateProductListDto, ChannelConnectionDto, ChannelSettingsDto, ConnectChannelDto, ConnectResultDto } from '../dto/channel.dto';
import { AuthorizationFlow } from './authorization-flow';
import { ConnectionWriter } from './connection-writer';
import { partnerFailure } from './partner-failure';
import { SharingConsentGate, type ConsentVia } from './sharing-consent';

const DISCONNECTED_NOTE = 'Kênh đã bị gỡ kết nối (channel disconnected)';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ConnectOptions {
  /** Authorisation-code channels: the key of the browser that starts (from its cookie, or new). */
  browserKey?: string;
  /** Authorisation-code channels: a path of this site that completes the flow (default: the API callback). */
  returnPath?: string;
  /** Where the sharing consent (if given with this request) was given; default `api`. */
  via?: ConsentVia;
}

/** Connecting an enterprise to a channel, its settings and which products it lists there. */
@Injectable()
export class ConnectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly store: ConnectionStore,
    private readonly writer: ConnectionWriter,
    private readonly flow: AuthorizationFlow,
    private readonly scheduler: ListingScheduler,
    private readonly views: ProductViews,
    private readonly products: ProductAccess,
    private readonly registry: ChannelRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly sharing: SharingConsentGate,
  ) {}

  /** Connects the way the channel declares: none (feed), the partner's consent page, or credentials. */
  async connect(principal: Principal, enterpriseId: string, dto: ConnectChannelDto, options: ConnectOptions = {}): Promise<ConnectResultDto> {
    const enterprise = await this.access.assertCanManage(principal, enterpriseId);
    const channel = channelByName(dto.channel)!;
    if (channel.kind === 'push') await this.sharing.require(principal.id, channel.name, dto.shareConsent, options.via ?? 'api');
    if (channel.kind === 'pull') {
      if (dto.credentials) throw ValidationFailedError.field('credentials', 'Kênh này không cần thông tin đăng nhập (this channel takes no credentials)');
      const token = dto.feedToken === false ? null : randomBytes(24).toString('base64url');
      await this.writer.upsert(this.dataSource.manager, enterpriseId, channel.name, {
        status: 'active',
        secrets: null,
        feedTokenHash: token ? sha256(token) : null,
      });
      return { channel: channel.name, status: 'active', feed: channel.urls(this.config.publicBaseUrl, enterprise.slug, token, !!token) };
    }
    if (channel.auth.kind === 'authorization-code') {
      if (dto.credentials) {
        throw ValidationFailedError.field(
          'credentials',
          `${channel.displayName} dùng luồng ủy quyền, không nhận mật khẩu (${channel.displayName} uses the authorisation flow)`,
        );
      }
      if (!options.browserKey) throw new Error('connect: an authorisation-code channel needs the browser key');
      return this.flow.start(principal, enterpriseId, channel.name, options.browserKey, options.returnPath);
    }
    return this.connectWithCredentials(enterpriseId, channel, channel.auth, dto.credentials ?? {});
  }

  /** Credential channels: check the fields, then prove them against the partner before storing. */
  private async connectWithCredentials(
    enterpriseId: string,
    push: PushChannel,
    auth: CredentialsAuth<unknown>,
    creds: Record<string, string>,
  ): Promise<ConnectResultDto> {
    const fields = auth.fields.map((f) => f.name);
    const details = fields
      .filter((f) => typeof creds[f] !== 'string' || !creds[f].trim() || creds[f].length > 500)
      .map((f) => ({ field: `credentials.${f}`, message: 'Bắt buộc, tối đa 500 ký tự (required, max 500 characters)' }));
    for (const key of Object.keys(creds)) {
      if (!fields.includes(key)) details.push({ field: `credentials.${key}`, message: 'Trường không được hỗ trợ (unknown field)' });
    }
    if (details.length) throw new ValidationFailedError(details);
    const http = createPartnerHttp({ timeoutMs: this.config.partnerSync.httpTimeoutMs });
    let shop;
    try {
      shop = await auth.connect({ platform: this.registry.platform(push), http, config: this.config.partnerSync, now: () => this.clock.now() }, creds);
    } catch (err) {
      throw partnerFailure(err, push.displayName);
    }
    await this.dataSource.transaction((m) => this.writer.connected(m, enterpriseId, push, shop));
    return { channel: push.name, status: 'active' };
  }

  /** The partner brought the seller back (see AuthorizationFlow.complete). */
  completeAuthorization(...args: Parameters<AuthorizationFlow['complete']>) {
    return this.flow.complete(...args);
  }

  async list(principal: Principal, enterpriseId: string): Promise<ChannelConnectionDto[]> {
    const enterprise = await this.access.assertCanManage(principal, enterpriseId);
    const rows: Array<ConnectionRow & { created_at: Date; last_reconciled_at: Date | null; feed_token_hash: string | null }> = await this.dataSource.query(
      `SELECT * FROM channel_connections WHERE enterprise_id = $1 AND status <> 'disconnected' ORDER BY channel`,
      [enterpriseId],
    );
    const counts: Array<{ channel: string; state: string; n: number }> = await this.dataSource.query(
      `SELECT channel, state, count(*)::int AS n FROM listings WHERE enterprise_id = $1 AND selected GROUP BY channel, state`,
      [enterpriseId],
    );
    return rows.map((r) => {
      const channel = channelByName(r.channel);
      return {
        channel: r.channel,
        displayName: channel?.displayName ?? r.channel,
        status: r.status,
        shopId: r.shop_id,
        settings: r.settings ?? {},
        settingsVersion: r.settings_version,
        lastError: r.last_error,
        pausedUntil: r.paused_until ? new Date(r.paused_until).toISOString() : null,
        lastReconciledAt: r.last_reconciled_at ? new Date(r.last_reconciled_at).toISOString() : null,
        listings: counts.filter((c) => c.channel === r.channel).map((c) => ({ state: c.state, count: c.n })),
        connectedAt: new Date(r.created_at).toISOString(),
        ...(channel?.kind === 'pull' ? { feed: channel.urls(this.config.publicBaseUrl, enterprise.slug, null, r.feed_token_hash !== null) } : {}),
      };
    });
  }

  /** Published products of the enterprise not (or no longer) chosen for a push channel: what the owner may add. */
  async candidates(principal: Principal, enterpriseId: string, channel: string, limit = 100): Promise<CandidateProductListDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    if (!pushChannel(channel)) throw ValidationFailedError.field('channel', 'Kênh feed gồm mọi sản phẩm đã đăng (the feed lists every published product)');
    // One pass: the window count is taken before the limit.
    const rows: Array<{ id: string; total: number }> = await this.dataSource.query(
      `SELECT p.id, (count(*) OVER ())::int AS total FROM products p
       WHERE p.enterprise_id = $1 AND p.status = 'published'
         AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.id AND l.channel = $2 AND l.selected)
       ORDER BY p.name, p.id LIMIT $3`,
      [enterpriseId, channel, limit],
    );
    const total = rows[0]?.total ?? 0;
    const views = new Map((await this.views.load(rows.map((r) => r.id))).map((v) => [v.id, v]));
    const items = rows.flatMap((r) => {
      const v = views.get(r.id);
      return v ? [{ id: v.id, name: v.name, sku: v.sku }] : [];
    });
    return { items, total };
  }

  /**
   * A marketplace keeps selling what we listed until we unlist it, so a push channel is not
   * forgotten at once: in one transaction the connection becomes `disconnecting` (its secrets kept)
   * and every listing that may be live there gets an unlist job. The last of those jobs wipes the
   * secrets (ConnectionStore.finishDisconnect); items that could not be removed are marked for the
   * seller. A feed, or a channel with nothing live, is forgotten at once.
   */
  async disconnect(principal: Principal, enterpriseId: string, channel: string): Promise<'disconnecting' | 'disconnected'> {
    await this.access.assertCanManage(principal, enterpriseId);
    return this.dataSource.transaction(async (m): Promise<'disconnecting' | 'disconnected'> => {
      const [conn] = await m.query(`SELECT id, status FROM channel_connections WHERE enterprise_id = $1 AND channel = $2 FOR UPDATE`, [enterpriseId, channel]);
      if (!conn || conn.status === 'disconnected') throw new NotFoundError('Kết nối kênh', 'CHANNEL_NOT_CONNECTED');
      if (conn.status === 'disconnecting') return 'disconnecting';
      const live: Array<{ id: string }> =
        pushChannel(channel) && conn.status !== 'pending'
          ? await m.query(
              `SELECT id FROM listings WHERE enterprise_id = $1 AND channel = $2
                 AND (state <> 'delisted' OR (external_id IS NOT NULL AND remote_status IS DISTINCT FROM 'unlisted'))`,
              [enterpriseId, channel],
            )
          : [];
      await m.query(
        `UPDATE listings SET state = 'delisted', last_error = $3, error_class = NULL, updated_at = now()
         WHERE enterprise_id = $1 AND channel = $2 AND NOT (id = ANY($4::uuid[]))`,
        [enterpriseId, channel, DISCONNECTED_NOTE, live.map((l) => l.id)],
      );
      if (!live.length) {
        await m.query(
          `UPDATE channel_connections SET status = 'disconnected', secrets = NULL, feed_token_hash = NULL, access_expires_at = NULL, updated_at = now() WHERE id = $1`,
          [conn.id],
        );
        return 'disconnected';
      }
      await m.query(`UPDATE channel_connections SET status = 'disconnecting', last_error = NULL, updated_at = now() WHERE id = $1`, [conn.id]);
      await m.query(
        `UPDATE listings SET state = 'delisting', last_error = NULL, error_class = NULL, dead_lettered_at = NULL, unlist_failed_at = NULL, updated_at = now()
         WHERE id = ANY($1::uuid[])`,
        [live.map((l) => l.id)],
      );
      await this.scheduler.enqueue(
        m,
        live.map((l) => l.id),
        { markQueued: false },
      );
      return 'disconnecting';
    });
  }

  async updateSettings(principal: Principal, enterpriseId: string, channel: string, dto: ChannelSettingsDto): Promise<ChannelConnectionDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    const push = pushChannel(channel);
    if (!push) throw ValidationFailedError.field('channel', 'Kênh này không có cài đặt đồng bộ (this channel has no sync settings)');
    const conn = await this.connected(enterpriseId, channel);
    const map = dto.categoryMap ?? conn.settings?.categoryMap ?? {};
    const details: Array<{ field: string; message: string }> = [];
    const keys = Object.keys(map);
    if (keys.length > 1000) details.push({ field: 'categoryMap', message: 'Tối đa 1000 mục (at most 1000 entries)' });
    for (const [k, v] of Object.entries(map)) {
      if (!isUuid(k)) details.push({ field: `categoryMap.${k}`, message: 'Khóa phải là mã danh mục (key must be a category id)' });
      else if (typeof v !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(v))
        details.push({ field: `categoryMap.${k}`, message: 'Mã danh mục đối tác không hợp lệ (invalid partner category id)' });
    }
    const valid = keys.filter((k) => isUuid(k));
    if (valid.length) {
      const known = new Set((await this.views.categories()).map((c) => c.id));
      for (const k of valid) if (!known.has(k)) details.push({ field: `categoryMap.${k}`, message: 'Danh mục không tồn tại (unknown category)' });
    }
    // Omitted keeps the saved value; null clears it (a seller emptied the field).
    if (dto.logisticsChannelId === null && push.logistics?.required) {
      details.push({
        field: 'logisticsChannelId',
        message: `${push.displayName} bắt buộc có "${push.logistics.label.vi}" (${push.logistics.label.en} is required)`,
      });
    }
    if (details.length) throw new ValidationFailedError(details);
    const keep = <T>(value: T | null | undefined, saved: T | undefined): T | undefined => (value === null ? undefined : (value ?? saved));
    const settings: ChannelSettings = {
      categoryMap: map,
      logisticsChannelId: keep(dto.logisticsChannelId, conn.settings?.logisticsChannelId),
      defaultWeightGrams: keep(dto.defaultWeightGrams, conn.settings?.defaultWeightGrams),
    };
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE channel_connections SET settings = $2, settings_version = settings_version + 1, updated_at = now() WHERE id = $1`, [
        conn.id,
        JSON.stringify(settings),
      ]);
      // Mappings changed: every selected listing is re-checked (the handler skips those already current).
      const ids: Array<{ id: string }> = await m.query(`SELECT id FROM listings WHERE enterprise_id = $1 AND channel = $2 AND selected`, [
        enterpriseId,
        channel,
      ]);
      await this.scheduler.enqueue(
        m,
        ids.map((r) => r.id),
      );
    });
    return (await this.list(principal, enterpriseId)).find((c) => c.channel === channel)!;
  }

  async chooseProducts(principal: Principal, enterpriseId: string, channel: string, productIds: string[], mode: 'add' | 'remove'): Promise<number> {
    await this.access.assertCanManage(principal, enterpriseId);
    if (!pushChannel(channel)) throw ValidationFailedError.field('channel', 'Kênh feed gồm mọi sản phẩm đã đăng (the feed lists every published product)');
    await this.connected(enterpriseId, channel);
    const unique = [...new Set(productIds)];
    const notOwned = await this.products.notOwnedBy(enterpriseId, unique);
    if (notOwned.length) {
      throw new ValidationFailedError(
        notOwned.map((id) => ({ field: 'productIds', message: `Sản phẩm ${id} không thuộc doanh nghiệp này (product not in this enterprise)` })),
      );
    }
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> =
        mode === 'add'
          ? await m.query(
              `INSERT INTO listings (product_id, enterprise_id, channel, selected)
               SELECT unnest($1::uuid[]), $2, $3, true
               ON CONFLICT (product_id, channel) DO UPDATE SET selected = true, updated_at = now() WHERE listings.selected = false
               RETURNING id`,
              [unique, enterpriseId, channel],
            )
          : returnedRows<{ id: string }>(
              await m.query(
                `UPDATE listings SET selected = false, updated_at = now() WHERE product_id = ANY($1::uuid[]) AND channel = $2 AND selected RETURNING id`,
                [unique, channel],
              ),
            );
      await this.scheduler.enqueue(
        m,
        rows.map((r) => r.id),
        { markQueued: mode === 'add' },
      );
      return rows.length;
    });
  }

  /** A connection that can take changes: not (being) disconnected. */
  private async connected(enterpriseId: string, channel: string): Promise<ConnectionRow> {
    const conn = await this.store.find(enterpriseId, channel);
    if (!conn || conn.status === 'disconnected') throw new NotFoundError('Kết nối kênh', 'CHANNEL_NOT_CONNECTED');
    if (conn.status === 'disconnecting') {
      throw new InvalidStateError('Kênh đang được ngắt kết nối, sản phẩm đang được gỡ khỏi sàn (the channel is being disconnected)', 'CHANNEL_DISCONNECTING');
    }
    return conn;
  }
}
