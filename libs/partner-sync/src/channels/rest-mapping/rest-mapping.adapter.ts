import {
  SyncError,
  type ChannelConfigSpec,
  type ChannelContext,
  type ConnectionSecrets,
  type ItemResult,
  type OutboundItem,
  type PlatformContext,
  type PushChannel,
  type RemoteItem,
  type TokenRefreshResult,
} from '../channel.types';
import { hmacSha256Hex } from '../signatures';
import { fillTemplate, getPath, setPath } from './json-path';
import type { EndpointTemplate, FieldSource, RestMappingConfig } from './rest-mapping.config';

function mapFields(fields: Record<string, FieldSource>, item: Partial<OutboundItem>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [target, source] of Object.entries(fields)) {
    const value = typeof source === 'object' ? source.const : item[source];
    if (value !== undefined) setPath(out, target, value);
  }
  return out;
}

export interface RestMappingPlatform {
  baseUrl: string;
  ratePerSecond: number;
}

type Ctx = ChannelContext<RestMappingPlatform>;

function configSpec(cfg: RestMappingConfig): ChannelConfigSpec<RestMappingPlatform> {
  const { baseUrl, ratePerSecond } = cfg.env;
  return {
    variables: [
      {
        name: baseUrl.name,
        default: "our default contract's host",
        meaning: `Base URL for the ${cfg.displayName} REST-mapping adapter (see \`docs/partners/${cfg.name}.md\`).`,
      },
      { name: ratePerSecond.name, default: String(ratePerSecond.default), meaning: `Token-bucket rate per ${cfg.displayName} account (requests/s).` },
    ],
    load: (env) => ({
      baseUrl: env.baseUrl(baseUrl.name, baseUrl.default),
      ratePerSecond: env.int(ratePerSecond.name, ratePerSecond.default, 1, 10_000),
    }),
  };
}

/** A generic adapter for partners described by a RestMappingConfig: one object per partner, no code. */
export function restMappingChannel(cfg: RestMappingConfig): PushChannel<RestMappingPlatform> {
  const decide = (status: number, text: string): unknown => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (status === 429) throw new SyncError('throttled', `${cfg.displayName}: HTTP 429`);
      if (status === 401 || status === 403) throw new SyncError('auth', `${cfg.displayName}: HTTP ${status}`);
      throw new SyncError('unknown_outcome', `${cfg.displayName}: phản hồi không đọc được (unreadable response, HTTP ${status})`);
    }
    if (getPath(body, cfg.envelope.successPath) === cfg.envelope.successValue) return getPath(body, cfg.envelope.dataPath);
    const code = String(getPath(body, cfg.envelope.errorCodePath) ?? `HTTP_${status}`);
    const message = String(getPath(body, cfg.envelope.errorMessagePath) ?? '');
    const errorClass = cfg.envelope.errorClasses[code] ?? (status === 429 ? 'throttled' : 'transient');
    throw new SyncError(errorClass, `${cfg.displayName}: ${code}${message ? ` — ${message}` : ''}`, code);
  };

  const authHeaders = (ctx: Pick<Ctx, 'secrets'>, method: string, pathWithQuery: string, body: string): Record<string, string> => {
    const auth = cfg.auth;
    if (auth.type === 'login-token') return { [auth.header]: `${auth.scheme} ${String(ctx.secrets.token ?? '')}`.trim() };
    // The partner checks the timestamp against its own clock: the wall clock, not the engine's.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const secret = String(ctx.secrets[auth.secretField] ?? '');
    const signature = hmacSha256Hex(secret, `${method}\n${pathWithQuery}\n${timestamp}\n${body}`);
    return { [auth.keyHeader]: String(ctx.secrets[auth.keyField] ?? ''), [auth.timestampHeader]: timestamp, [auth.signatureHeader]: signature };
  };

  const call = async (
    ctx: Pick<Ctx, 'secrets' | 'http' | 'platform'>,
    ep: EndpointTemplate,
    vars: Record<string, string>,
    payload?: unknown,
    query?: Record<string, string>,
    unmetered = false,
  ): Promise<unknown> => {
    let path = fillTemplate(ep.path, vars);
    if (query && Object.keys(query).length) path += `${path.includes('?') ? '&' : '?'}${new URLSearchParams(query).toString()}`;
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers: Record<string, string> = { ...authHeaders(ctx, ep.method, path, body) };
    if (body) headers['content-type'] = 'application/json';
    const res = await ctx.http.send({ method: ep.method, url: `${ctx.platform.baseUrl}${path}`, headers, body: body || undefined, unmetered });
    return decide(res.status, res.text);
  };

  const toRemote = (raw: unknown): RemoteItem => {
    const status = String(getPath(raw, cfg.remote.statusPath) ?? '');
    const price = cfg.remote.pricePath ? getPath(raw, cfg.remote.pricePath) : undefined;
    const stock = cfg.remote.stockPath ? getPath(raw, cfg.remote.stockPath) : undefined;
    return {
      externalId: String(getPath(raw, cfg.remote.idPath)),
      sku: String(getPath(raw, cfg.remote.skuPath) ?? ''),
      status: cfg.remote.activeValues.includes(status) ? 'active' : cfg.remote.unlistedValues.includes(status) ? 'unlisted' : 'deleted',
      priceVnd: typeof price === 'number' ? price : undefined,
      stock: typeof stock === 'number' ? stock : undefined,
    };
  };

  const login = async (ctx: PlatformContext<RestMappingPlatform> & { secrets: ConnectionSecrets }): Promise<TokenRefreshResult> => {
    const auth = cfg.auth;
    if (auth.type !== 'login-token') return { secrets: ctx.secrets, accessExpiresAt: null };
    const body: Record<string, unknown> = {};
    for (const [field, credential] of Object.entries(auth.body)) body[field] = ctx.secrets[credential];
    const data = await call({ ...ctx, secrets: {} }, auth.login, {}, body, undefined, true);
    const token = getPath(data, auth.tokenPath);
    if (typeof token !== 'string' || !token)
      throw new SyncError('unknown_outcome', `${cfg.displayName}: đăng nhập không trả về token (login returned no token)`);
    const expiresIn = auth.expiresInPath ? Number(getPath(data, auth.expiresInPath)) : NaN;
    return {
      secrets: { ...ctx.secrets, token, expiresIn: Number.isFinite(expiresIn) ? expiresIn : undefined },
      accessExpiresAt: Number.isFinite(expiresIn) ? new Date(ctx.now().getTime() + expiresIn * 1000) : null,
    };
  };

  const itemOf = (item: OutboundItem): OutboundItem => ({
    ...item,
    name: item.name.slice(0, cfg.limits.maxNameLength),
    imageUrls: item.imageUrls.slice(0, cfg.limits.maxImages),
  });

  const setListed = async (ctx: Ctx, externalIds: string[], listed: boolean): Promise<ItemResult[]> => {
    const results: ItemResult[] = [];
    const ep = listed ? cfg.endpoints.relist : cfg.endpoints.delist;
    for (const externalId of externalIds) {
      try {
        await call(ctx, ep, { externalId }, ep.body);
        results.push({ externalId, ok: true });
      } catch (err) {
        if (!(err instanceof SyncError) || err.errorClass !== 'validation') throw err;
        results.push({ externalId, ok: false, error: err });
      }
    }
    return results;
  };

  return {
    kind: 'push',
    name: cfg.name,
    displayName: cfg.displayName,
    labels: cfg.labels,
    dataCountry: cfg.dataCountry,
    config: configSpec(cfg),
    ratePerSecond: (platform) => platform.ratePerSecond,
    quota: { resetTimeZone: cfg.quotaResetTimeZone },

    auth: {
      kind: 'credentials',
      fields: cfg.credentialFields,
      async connect(ctx, credentials) {
        const secrets: ConnectionSecrets = { ...credentials };
        if (cfg.auth.type === 'login-token') {
          const res = await login({ ...ctx, secrets });
          return { ...res, shopId: null };
        }
        // HMAC: one signed read proves the key pair.
        await call(
          { ...ctx, secrets },
          cfg.endpoints.list,
          {},
          undefined,
          { [cfg.endpoints.list.cursorParam]: cfg.endpoints.list.firstCursor, [cfg.endpoints.list.pageSizeParam]: '1' },
          true,
        );
        return { secrets, accessExpiresAt: null, shopId: null };
      },
    },

    tokenNeedsRefresh(secrets, accessExpiresAt, now) {
      if (cfg.auth.type !== 'login-token') return false;
      if (!secrets.token) return true;
      return accessExpiresAt !== null && accessExpiresAt.getTime() - now.getTime() < 30_000;
    },

    refreshToken: (ctx) => login(ctx),

    async create(ctx, item) {
      const data = await call(ctx, cfg.endpoints.create, {}, mapFields(cfg.fields.item, itemOf(item)));
      const externalId = getPath(data, cfg.remote.idPath);
      if (externalId === undefined || externalId === null)
        throw new SyncError('unknown_outcome', `${cfg.displayName}: không có mã sản phẩm trong phản hồi (no item id in response)`);
      const url = cfg.remote.urlPath ? getPath(data, cfg.remote.urlPath) : null;
      return { externalId: String(externalId), externalUrl: typeof url === 'string' ? url : null };
    },

    async update(ctx, externalId, item) {
      const { priceVnd: _p, stock: _s, ...content } = itemOf(item);
      await call(ctx, cfg.endpoints.update, { externalId }, mapFields(cfg.fields.item, content));
    },

    async updatePrice(ctx, externalId, priceVnd) {
      await call(ctx, cfg.endpoints.price, { externalId }, mapFields(cfg.fields.price, { priceVnd }));
    },

    async updateStock(ctx, items) {
      const results: ItemResult[] = [];
      for (const { externalId, stock } of items) {
        try {
          await call(ctx, cfg.endpoints.stock, { externalId }, mapFields(cfg.fields.stock, { stock }));
          results.push({ externalId, ok: true });
        } catch (err) {
          if (!(err instanceof SyncError) || err.errorClass !== 'validation') throw err;
          results.push({ externalId, ok: false, error: err });
        }
      }
      return results;
    },

    setListed,

    async findBySku(ctx, sku) {
      const data = await call(ctx, cfg.endpoints.searchBySku, { sku });
      const items = (getPath(data, cfg.endpoints.searchBySku.itemsPath) as unknown[] | undefined) ?? [];
      return items.map(toRemote).find((i) => i.sku === sku && i.status !== 'deleted') ?? null;
    },

    async getItem(ctx, externalId) {
      try {
        return toRemote(await call(ctx, cfg.endpoints.get, { externalId }));
      } catch (err) {
        if (err instanceof SyncError && err.errorClass === 'not_found') return null;
        throw err;
      }
    },

    async listItems(ctx, cursor) {
      const ep = cfg.endpoints.list;
      const data = await call(ctx, ep, {}, undefined, { [ep.cursorParam]: cursor ?? ep.firstCursor, [ep.pageSizeParam]: String(ep.pageSize) });
      const items = ((getPath(data, ep.itemsPath) as unknown[] | undefined) ?? []).map(toRemote);
      const next = getPath(data, ep.nextCursorPath);
      return { items, nextCursor: next === null || next === undefined || next === '' ? null : String(next) };
    },
  };
}
