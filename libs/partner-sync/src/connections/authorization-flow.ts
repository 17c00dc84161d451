import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, DomainError, ForbiddenError, NotFoundError, returnedRows, ValidationFailedError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ChannelRegistry } from '../channels/channel-registry.service';
import type { AuthorizationCodeAuth, PushChannel } from '../channels/channel.types';
import { pushChannel } from '../channels/registry';
import type { ChannelCallbackResultDto } from '../dto/channel.dto';
import { ConnectionStore } from '../engine/connection-store';
import { createPartnerHttp } from '../engine/partner-http';
import { ConnectionWriter, shopTaken } from './connection-writer';
import { partnerFailure } from './partner-failure';

const STATE_TTL_MINUTES = 10;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Where a partner sends the browser back by default: the JSON route of the API. */
export const apiCallbackPath = (channel: string) => `/api/v1/channels/${channel}/callback`;

/** A channel whose sellers connect through the partner's consent page. */
type CodeChannel = PushChannel & { auth: AuthorizationCodeAuth<unknown> };

function codeChannel(name: string): CodeChannel | undefined {
  const channel = pushChannel(name);
  return channel?.auth.kind === 'authorization-code' ? (channel as CodeChannel) : undefined;
}

/** Who is completing a flow: the signed-in user and the browser key from their cookie. */
export interface ReturningBrowser {
  principal: Principal;
  browserKey: string | undefined;
}

const invalidState = () =>
  new DomainError('INVALID_AUTH_STATE', 'Liên kết ủy quyền không hợp lệ hoặc đã hết hạn (invalid or expired authorisation state)', 400);

/**
 * The authorisation-code flow, the same for every channel that has one. `state` is random,
 * stored hashed, single-use and short-lived, and bound to the enterprise, the user who started
 * and that user's browser (a cookie key, stored hashed): on return, the same signed-in user — still
 * a member of the enterprise — must come back in the same browser. A shop already connected to
 * another enterprise is refused.
 */
@Injectable()
export class AuthorizationFlow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly store: ConnectionStore,
    private readonly writer: ConnectionWriter,
    private readonly registry: ChannelRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /**
   * Issues a state and the partner's consent URL. `returnPath` is a path of this site that
   * completes the flow (the API callback by default; the web pages pass their own).
   */
  async start(principal: Principal, enterpriseId: string, name: string, browserKey: string, returnPath = apiCallbackPath(name)) {
    const channel = codeChannel(name)!;
    if (!returnPath.startsWith('/') || returnPath.startsWith('//')) throw new Error('returnPath must be a path of this site');
    const state = randomBytes(24).toString('base64url');
    let authorizationUrl: string;
    try {
      authorizationUrl = channel.auth.authorizationUrl(this.registry.platform(channel), {
        state,
        redirectUri: `${this.config.publicBaseUrl}${returnPath}`,
      });
    } catch (err) {
      throw partnerFailure(err, channel.displayName);
    }
    await this.dataSource.query(
      `INSERT INTO channel_auth_states (nonce_hash, enterprise_id, channel, user_id, browser_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [sha256(state), enterpriseId, channel.name, principal.id, sha256(browserKey), STATE_TTL_MINUTES],
    );
    const existing = await this.store.find(enterpriseId, channel.name);
    if (!existing) await this.writer.upsert(this.dataSource.manager, enterpriseId, channel.name, { status: 'pending', secrets: null });
    return { channel: channel.name, status: existing?.status ?? 'pending', authorizationUrl };
  }

  /**
   * The partner brought the browser back with `query` (code, state, and whatever the partner
   * adds). The state is consumed first, so a refused return cannot be replayed.
   */
  async complete(name: string, query: Record<string, unknown>, who: ReturningBrowser): Promise<ChannelCallbackResultDto> {
    const channel = codeChannel(name);
    if (!channel) throw new NotFoundError('Kênh', 'CHANNEL_NOT_FOUND');
    const state = typeof query.state === 'string' && query.state.length <= 200 ? query.state : undefined;
    const callback = channel.auth.readCallback(query);
    if (!state || !callback) {
      throw new ValidationFailedError([
        ...(!state ? [{ field: 'state', message: 'Thiếu hoặc sai tham số state (missing or malformed state)' }] : []),
        ...(!callback ? [{ field: 'code', message: 'Thiếu hoặc sai mã ủy quyền (missing or malformed authorisation code)' }] : []),
      ]);
    }
    const [row] = returnedRows<{ enterprise_id: string; user_id: string | null; browser_hash: string | null }>(
      await this.dataSource.query(
        `UPDATE channel_auth_states SET used_at = now() WHERE nonce_hash = $1 AND used_at IS NULL AND expires_at > now() AND channel = $2
         RETURNING enterprise_id, user_id, browser_hash`,
        [sha256(state), channel.name],
      ),
    );
    if (!row) throw invalidState();
    const enterpriseId = row.enterprise_id;
    if (row.user_id !== who.principal.id) {
      throw new ForbiddenError(
        'Liên kết ủy quyền này do một tài khoản khác tạo; hãy tự bấm “Kết nối” trên trang kênh bán của bạn (this authorisation was started by another account)',
        'AUTH_STATE_OTHER_USER',
      );
    }
    await this.access.assertCanManage(who.principal, enterpriseId);
    if (!row.browser_hash || !who.browserKey || sha256(who.browserKey) !== row.browser_hash) {
      throw new ForbiddenError(
        'Liên kết ủy quyền phải được hoàn tất trên chính trình duyệt đã bắt đầu (the authorisation must be completed in the browser that started it)',
        'AUTH_STATE_OTHER_BROWSER',
      );
    }
    // A partner that names the shop in its return lets us refuse before spending the code.
    if (callback.shopId && (await this.writer.shopHeldElsewhere(this.dataSource.manager, channel.name, callback.shopId, enterpriseId))) {
      throw shopTaken(channel.displayName);
    }
    let shop;
    try {
      const http = createPartnerHttp({ timeoutMs: this.config.partnerSync.httpTimeoutMs });
      shop = await channel.auth.exchangeCode(
        { platform: this.registry.platform(channel), http, config: this.config.partnerSync, now: () => this.clock.now() },
        callback,
      );
    } catch (err) {
      throw partnerFailure(err, channel.displayName);
    }
    await this.dataSource.transaction((m) => this.writer.connected(m, enterpriseId, channel, shop));
    return { channel: channel.name, status: 'active', shopId: shop.shopId ?? '', enterpriseId };
  }
}
