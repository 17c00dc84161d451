import type { PartnerSyncConfig } from '@tradefloor/core';
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
import { ShopeeClient } from './shopee-client';
import { shopeeError } from './shopee-errors';

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

export function shopeeClientFor(config: PartnerSyncConfig): ShopeeClient {
  if (!config.shopeePartnerId || !config.shopeePartnerKey) {
    throw new SyncError('signature', 'Shopee chưa được cấu hình trên sàn (SHOPEE_PARTNER_ID / SHOPEE_PARTNER_KEY missing)');
  }
  return new ShopeeClient({ baseUrl: config.shopeeBaseUrl, partnerId: config.shopeePartnerId, partnerKey: config.shopeePartnerKey });
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

async function uploadImages(ctx: ChannelContext, client: ShopeeClient, urls: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const url of urls.slice(0, 9)) {
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(ctx.config.httpTimeoutMs) });
    } catch {
      throw new SyncError('transient', `Không tải được ảnh sản phẩm (cannot fetch image ${url})`);
    }
    if (!res.ok) throw new SyncError('transient', `Không tải được ảnh sản phẩm (image ${url}: HTTP ${res.status})`);
    const type = res.headers.get('content-type') ?? 'image/jpeg';
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > 10 * 1024 * 1024) throw new SyncError('validation', 'Ảnh lớn hơn 10 MB (image larger than 10 MB)');
    const out = await client.upload<{ image_info: { image_id: string } }>(ctx, '/api/v2/media_space/upload_image', 'image', 'image', type, bytes);
    ids.push(out.image_info.image_id);
  }
  return ids;
}

async function itemBody(ctx: ChannelContext, client: ShopeeClient, item: OutboundItem) {
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

async function baseInfo(ctx: ChannelContext, client: ShopeeClient, ids: string[]): Promise<RemoteItem[]> {
  if (!ids.length) return [];
  const out = await client.get<{ item_list?: BaseInfo[] }>(ctx, '/api/v2/product/get_item_base_info', { item_id_list: ids.join(',') });
  return (out.item_list ?? []).map(toRemote);
}

/** Shopee Open Platform v2, exactly as partners.md describes it. */
export const shopeeChannel: PushChannel = {
  kind: 'push',
  name: 'shopee',
  displayName: 'Shopee',
  credentialFields: [],
  requiresLogistics: true,
  refreshIsSingleUse: true,
  ratePerSecond: (config) => config.ratePerSecond.shopee,

  tokenNeedsRefresh(secrets: ConnectionSecrets, accessExpiresAt: Date | null, now: Date) {
    if (!secrets.accessToken || !accessExpiresAt) return true;
    const ttl = Number(secrets.expireIn ?? 14400) * 1000;
    // Renew a little before expiry (a quarter of the lifetime, at most a minute).
    return accessExpiresAt.getTime() - now.getTime() < Math.min(60_000, ttl / 4);
  },

  async refreshToken(ctx): Promise<TokenRefreshResult> {
    const client = shopeeClientFor(ctx.config);
    const res = await client.publicPost<{ access_token: string; refresh_token: string; expire_in: number }>(ctx.http, '/api/v2/auth/access_token/get', {
      refresh_token: ctx.secrets.refreshToken,
      shop_id: Number(ctx.shopId),
      partner_id: ctx.config.shopeePartnerId,
    });
    return {
      secrets: { accessToken: res.access_token, refreshToken: res.refresh_token, expireIn: res.expire_in },
      accessExpiresAt: new Date(Date.now() + res.expire_in * 1000),
    };
  },

  async create(ctx, item) {
    const client = shopeeClientFor(ctx.config);
    const out = await client.post<{ item_id: number }>(ctx, '/api/v2/product/add_item', await itemBody(ctx, client, item));
    const externalId = String(out.item_id);
    return { externalId, externalUrl: `https://shopee.vn/product/${ctx.shopId}/${externalId}` };
  },

  async update(ctx, externalId, item) {
    const client = shopeeClientFor(ctx.config);
    const body = await itemBody(ctx, client, item);
    // Price and stock have their own calls (and may be locked during a promotion).
    const { original_price: _p, ...rest } = body;
    await client.post(ctx, '/api/v2/product/update_item', { item_id: Number(externalId), ...rest });
  },

  async updatePrice(ctx, externalId, priceVnd) {
    const client = shopeeClientFor(ctx.config);
    const res = await client.post<PartialList>(ctx, '/api/v2/product/update_price', {
      item_id: Number(externalId),
      price_list: [{ model_id: 0, original_price: priceVnd }],
    });
    const r = perModel(externalId, res);
    if (!r.ok) throw r.error!;
  },

  async updateStock(ctx, items) {
    const client = shopeeClientFor(ctx.config);
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
    const client = shopeeClientFor(ctx.config);
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
    const client = shopeeClientFor(ctx.config);
    const out = await client.get<{ item_id_list?: number[] }>(ctx, '/api/v2/product/search_item', { item_sku: sku, page_size: 10 });
    const ids = (out.item_id_list ?? []).map(String);
    const found = (await baseInfo(ctx, client, ids)).filter((i) => i.sku === sku && i.status !== 'deleted');
    return found[0] ?? null;
  },

  async getItem(ctx, externalId) {
    const client = shopeeClientFor(ctx.config);
    try {
      return (await baseInfo(ctx, client, [externalId]))[0] ?? null;
    } catch (err) {
      if (err instanceof SyncError && err.errorClass === 'not_found') return null;
      throw err;
    }
  },

  async listItems(ctx, cursor) {
    const client = shopeeClientFor(ctx.config);
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
