import {
  SyncError,
  type ChannelContext,
  type ConnectionSecrets,
  type ItemResult,
  type OutboundItem,
  type PushChannel,
  type RemoteItem,
  type TokenRefreshResult,
} from '../channel.types';
import { fetchImageAsJpeg } from '../images';
import { sameSignature } from '../signatures';
import { ShopeeClient } from './shopee-client';
import { SHOPEE_CONFIG, type ShopeeConfig } from './shopee.config';
import { shopeeError } from './shopee-errors';
import { shopeePushSignature } from './shopee-signer';

type Ctx = ChannelContext<ShopeeConfig>;

interface BaseInfo {
  item_id: number;
  item_sku: string;
  item_status: string;
  price_info?: Array<{ original_price: number }>;
  stock_info_v2?: { seller_stock?: Array<{ stock: number }> };
}

interface PartialList {
  success_list?: Array<{ item_id?: number; model_id?: number }>;
  failure_list?: Array<{ item_id?: number; model_id?: number; failed_reason?: string }>;
}

export function shopeeClientFor(platform: ShopeeConfig): ShopeeClient {
  if (!platform.partnerId || !platform.partnerKey) {
    throw new SyncError('signature', 'Shopee chưa được cấu hình trên sàn (SHOPEE_PARTNER_ID / SHOPEE_PARTNER_KEY missing)');
  }
  return new ShopeeClient({ baseUrl: platform.baseUrl, partnerId: platform.partnerId, partnerKey: platform.partnerKey });
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  expire_in: number;
}

function keep(tokens: Tokens, now: Date): TokenRefreshResult {
  return {
    secrets: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expireIn: tokens.expire_in },
    accessExpiresAt: new Date(now.getTime() + tokens.expire_in * 1000),
  };
}

function toRemote(i: BaseInfo): RemoteItem {
  const status = i.item_status === 'NORMAL' ? 'active' : i.item_status === 'UNLIST' ? 'unlisted' : 'deleted';
  return {
    externalId: String(i.item_id),
    sku: i.item_sku,
    status,
    priceVnd: i.price_info?.[0]?.original_price,
    stock: i.stock_info_v2?.seller_stock?.[0]?.stock,
  };
}

/** Item-level outcome of Shopee's partial batch answers (success_list / failure_list by item_id). */
function perItem(ids: string[], res: PartialList): ItemResult[] {
  const failed = new Map((res.failure_list ?? []).map((f) => [String(f.item_id), f.failed_reason ?? 'failed']));
  return ids.map((externalId) => {
    const reason = failed.get(externalId);
    return reason === undefined ? { externalId, ok: true } : { externalId, ok: false, error: shopeeError('product.error_busi', reason) };
  });
}

/** One item's models (ours have a single model 0): the item failed if its model is in failure_list. */
function perModel(externalId: string, res: PartialList): ItemResult {
  const failure = (res.failure_list ?? []).find((f) => (f.model_id ?? 0) === 0);
  return failure ? { externalId, ok: false, error: shopeeError('product.error_busi', failure.failed_reason ?? 'failed') } : { externalId, ok: true };
}

async function uploadImages(ctx: Ctx, client: ShopeeClient, urls: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const url of urls.slice(0, 9)) {
    const jpeg = await fetchImageAsJpeg(url, ctx.config.httpTimeoutMs, 10 * 1024 * 1024);
    const out = await client.upload<{ image_info: { image_id: string } }>(ctx, '/api/v2/media_space/upload_image', 'image', 'image.jpg', 'image/jpeg', jpeg);
    ids.push(out.image_info.image_id);
  }
  return ids;
}

async function itemBody(ctx: Ctx, client: ShopeeClient, item: OutboundItem) {
  const imageIds = await uploadImages(ctx, client, item.imageUrls);
  return {
    item_name: item.name,
    description: item.description,
    original_price: item.priceVnd,
    weight: item.weightGrams / 1000,
    category_id: Number(item.partnerCategoryId),
    item_sku: item.sku,
    image: { image_id_list: imageIds },
    logistic_info: [{ logistic_id: Number(item.logisticsChannelId), enabled: true }],
  };
}

async function baseInfo(ctx: Ctx, client: ShopeeClient, ids: string[]): Promise<RemoteItem[]> {
  if (!ids.length) return [];
  const out = await client.get<{ item_list?: BaseInfo[] }>(ctx, '/api/v2/product/get_item_base_info', { item_id_list: ids.join(',') });
  return (out.item_list ?? []).map(toRemote);
}

/** Shopee Open Platform v2 (docs/partners/shopee.md). */
export const shopeeChannel: PushChannel<ShopeeConfig> = {
  kind: 'push',
  name: 'shopee',
  displayName: 'Shopee',
  labels: { vi: 'Shopee', en: 'Shopee' },
  dataCountry: 'SG',
  config: SHOPEE_CONFIG,
  ratePerSecond: (platform) => platform.ratePerSecond,
  // Daily call quotas reset at 00:00 UTC+8 (Singapore keeps UTC+8 all year).
  quota: { resetTimeZone: 'Asia/Singapore' },
  logistics: { required: true, label: { vi: 'Mã đơn vị vận chuyển trên Shopee', en: 'Logistics channel id on Shopee' } },
  refreshIsSingleUse: true,

  auth: {
    kind: 'authorization-code',
    // Shopee sends the seller back to the redirect given here, so `state` travels inside it.
    authorizationUrl(platform, { state, redirectUri }) {
      const back = new URL(redirectUri);
      back.searchParams.set('state', state);
      return shopeeClientFor(platform).authorizationUrl(back.toString());
    },
    readCallback(query) {
      const { code, shop_id: shopId } = query;
      if (typeof code !== 'string' || !code || code.length > 200) return null;
      if (typeof shopId !== 'string' || !/^\d{1,20}$/.test(shopId)) return null;
      return { code, shopId };
    },
    async exchangeCode(ctx, { code, shopId }) {
      const client = shopeeClientFor(ctx.platform);
      const tokens = await client.publicPost<Tokens>(ctx.http, '/api/v2/auth/token/get', { code, shop_id: Number(shopId), partner_id: ctx.platform.partnerId });
      return { shopId: shopId!, ...keep(tokens, ctx.now()) };
    },
  },

  // Push: Authorization = hex HMAC-SHA256(partner key, our URL of the route + "|" + raw body).
  webhook: {
    verify(platform, { url, rawBody, headers }) {
      if (!platform.partnerKey) return false;
      return sameSignature(headers.authorization, shopeePushSignature(platform.partnerKey, url, rawBody));
    },
    read(rawBody) {
      let body: { shop_id?: unknown; data?: { item_id?: unknown } };
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return null; // signed but unreadable: nothing to re-fetch
      }
      if (body?.shop_id === undefined || body.shop_id === null) return null;
      const itemId = body.data?.item_id;
      return { shopId: String(body.shop_id), ...(itemId !== undefined && itemId !== null ? { itemId: String(itemId) } : {}) };
    },
  },

  tokenNeedsRefresh(secrets: ConnectionSecrets, accessExpiresAt: Date | null, now: Date) {
    if (!secrets.accessToken || !accessExpiresAt) return true;
    const ttl = Number(secrets.expireIn ?? 14400) * 1000;
    // Renew a little before expiry (a quarter of the lifetime, at most a minute).
    return accessExpiresAt.getTime() - now.getTime() < Math.min(60_000, ttl / 4);
  },

  async refreshToken(ctx): Promise<TokenRefreshResult> {
    const client = shopeeClientFor(ctx.platform);
    const res = await client.publicPost<Tokens>(ctx.http, '/api/v2/auth/access_token/get', {
      refresh_token: ctx.secrets.refreshToken,
      shop_id: Number(ctx.shopId),
      partner_id: ctx.platform.partnerId,
    });
    return keep(res, ctx.now());
  },

  async create(ctx, item) {
    const client = shopeeClientFor(ctx.platform);
    const out = await client.post<{ item_id: number }>(ctx, '/api/v2/product/add_item', await itemBody(ctx, client, item));
    const externalId = String(out.item_id);
    return { externalId, externalUrl: `https://shopee.vn/product/${ctx.shopId}/${externalId}` };
  },

  async update(ctx, externalId, item) {
    const client = shopeeClientFor(ctx.platform);
    const body = await itemBody(ctx, client, item);
    // Price and stock have their own calls (and may be locked during a promotion).
    const { original_price: _p, ...rest } = body;
    await client.post(ctx, '/api/v2/product/update_item', { item_id: Number(externalId), ...rest });
  },

  async updatePrice(ctx, externalId, priceVnd) {
    const client = shopeeClientFor(ctx.platform);
    const res = await client.post<PartialList>(ctx, '/api/v2/product/update_price', {
      item_id: Number(externalId),
      price_list: [{ model_id: 0, original_price: priceVnd }],
    });
    const r = perModel(externalId, res);
    if (!r.ok) throw r.error!;
  },

  async updateStock(ctx, items) {
    const client = shopeeClientFor(ctx.platform);
    const results: ItemResult[] = [];
    // update_stock takes one item (with up to 50 models); ours have a single model.
    for (const { externalId, stock } of items) {
      const res = await client.post<PartialList>(ctx, '/api/v2/product/update_stock', {
        item_id: Number(externalId),
        stock_list: [{ model_id: 0, seller_stock: [{ stock }] }],
      });
      results.push(perModel(externalId, res));
    }
    return results;
  },

  async setListed(ctx, externalIds, listed) {
    const client = shopeeClientFor(ctx.platform);
    const results: ItemResult[] = [];
    for (let i = 0; i < externalIds.length; i += 50) {
      const chunk = externalIds.slice(i, i + 50);
      const res = await client.post<PartialList>(ctx, '/api/v2/product/unlist_item', {
        item_list: chunk.map((id) => ({ item_id: Number(id), unlist: !listed })),
      });
      results.push(...perItem(chunk, res));
    }
    return results;
  },

  async findBySku(ctx, sku) {
    const client = shopeeClientFor(ctx.platform);
    const out = await client.get<{ item_id_list?: number[] }>(ctx, '/api/v2/product/search_item', { item_sku: sku, page_size: 10 });
    const ids = (out.item_id_list ?? []).map(String);
    const found = (await baseInfo(ctx, client, ids)).filter((i) => i.sku === sku && i.status !== 'deleted');
    return found[0] ?? null;
  },

  async getItem(ctx, externalId) {
    const client = shopeeClientFor(ctx.platform);
    try {
      return (await baseInfo(ctx, client, [externalId]))[0] ?? null;
    } catch (err) {
      if (err instanceof SyncError && err.errorClass === 'not_found') return null;
      throw err;
    }
  },

  async listItems(ctx, cursor) {
    const client = shopeeClientFor(ctx.platform);
    const out = await client.get<{ item?: Array<{ item_id: number }>; has_next_page: boolean; next_offset: number }>(ctx, '/api/v2/product/get_item_list', {
      offset: Number(cursor ?? 0),
      page_size: 50,
      item_status: ['NORMAL', 'UNLIST'],
    });
    const items = await baseInfo(
      ctx,
      client,
      (out.item ?? []).map((i) => String(i.item_id)),
    );
    return { items, nextCursor: out.has_next_page ? String(out.next_offset) : null };
  },
};
