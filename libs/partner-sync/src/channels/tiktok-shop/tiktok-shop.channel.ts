import {
  SyncError,
  type ChannelContext,
  type ItemResult,
  type OutboundItem,
  type PushChannel,
  type RemoteItem,
  type TokenRefreshResult,
} from '../channel.types';
import { fetchImageAsJpeg } from '../images';
import { sameSignature } from '../signatures';
import { tiktokApp, tiktokClient, type TikTokTokens } from './tiktok-client';
import { tiktokError } from './tiktok-errors';
import { TIKTOK_SHOP_CONFIG, type TikTokShopConfig } from './tiktok-shop.config';
import { tiktokWebhookSignature } from './tiktok-signer';

type Ctx = ChannelContext<TikTokShopConfig>;

interface TtSku {
  id: string;
  seller_sku?: string;
  price?: { amount?: string; sale_price?: string; tax_exclusive_price?: string; currency?: string };
  inventory?: Array<{ warehouse_id?: string; quantity?: number }>;
}

interface TtProduct {
  id: string;
  status?: string;
  skus?: TtSku[];
}

/** Per-item failures of a batch call that succeeded as a whole. */
interface BatchErrors {
  errors?: Array<{ code?: number; message?: string; detail?: { product_id?: string; sku_id?: string } }>;
}

const PRODUCTS = '/product/202309/products';
const MAX_IMAGES = 9;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_PRICE_VND = 180_000_000;
/** Inventory updates take quantities under 99,999 (creation allows more): the lower bound holds for both. */
const MAX_STOCK = 99_999;

/**
 * Our products have one SKU; price and inventory updates name it by id. Ids never change, so the
 * ids seen in any answer are remembered per process (bounded) to save a read before each update.
 */
const skuIds = new Map<string, string>();
function rememberSku(ctx: Ctx, productId: string, skuId: string | undefined): void {
  if (!skuId) return;
  const key = `${ctx.shopKey}:${productId}`;
  skuIds.delete(key);
  skuIds.set(key, skuId);
  if (skuIds.size > 50_000) skuIds.delete(skuIds.keys().next().value!);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function descriptionHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function status(s: string | undefined): RemoteItem['status'] {
  if (s === 'SELLER_DEACTIVATED') return 'unlisted';
  if (s === 'DELETED') return 'deleted';
  // ACTIVATE, and states we did not cause and cannot change by listing again (audit pending or
  // failed, frozen or deactivated by the platform): the seller sees them in Seller Center.
  return 'active';
}

function toRemote(ctx: Ctx, p: TtProduct, sku?: string): RemoteItem {
  const s = (sku ? p.skus?.find((x) => x.seller_sku === sku) : undefined) ?? p.skus?.[0];
  rememberSku(ctx, p.id, s?.id);
  const amount = s?.price?.tax_exclusive_price ?? s?.price?.sale_price ?? s?.price?.amount;
  const warehouse = ctx.settings.logisticsChannelId;
  const stock = (s?.inventory ?? []).find((i) => !warehouse || i.warehouse_id === warehouse)?.quantity;
  return {
    externalId: String(p.id),
    sku: s?.seller_sku ?? '',
    status: status(p.status),
    priceVnd: amount !== undefined && amount !== '' && Number.isFinite(Number(amount)) ? Number(amount) : undefined,
    stock: typeof stock === 'number' ? stock : undefined,
  };
}

async function getProduct(ctx: Ctx, productId: string): Promise<TtProduct> {
  return tiktokClient.call<TtProduct>(ctx, 'GET', `${PRODUCTS}/${encodeURIComponent(productId)}`);
}

async function skuId(ctx: Ctx, productId: string): Promise<string> {
  const known = skuIds.get(`${ctx.shopKey}:${productId}`);
  if (known) return known;
  const product = await getProduct(ctx, productId);
  const id = product.skus?.[0]?.id;
  if (!id) throw new SyncError('not_found', `TikTok Shop: sản phẩm ${productId} không có SKU (product has no SKU)`);
  rememberSku(ctx, productId, id);
  return id;
}

function price(priceVnd: number) {
  return { amount: String(priceVnd), currency: 'VND' };
}

function warehouseOf(ctx: Ctx): string {
  const id = ctx.settings.logisticsChannelId;
  if (!id) throw new SyncError('validation', 'Chưa chọn kho hàng TikTok Shop (no warehouse id configured)');
  return id;
}

async function productBody(ctx: Ctx, item: OutboundItem, sku: { id?: string } = {}) {
  const uris: Array<{ uri: string }> = [];
  for (const url of item.imageUrls.slice(0, MAX_IMAGES)) {
    const jpeg = await fetchImageAsJpeg(url, ctx.config.httpTimeoutMs, MAX_IMAGE_BYTES);
    const out = await tiktokClient.upload<{ uri: string }>(
      ctx,
      '/product/202309/images/upload',
      { bytes: jpeg, filename: 'image.jpg', contentType: 'image/jpeg' },
      { use_case: 'MAIN_IMAGE' },
    );
    uris.push({ uri: out.uri });
  }
  return {
    title: item.name,
    description: descriptionHtml(item.description),
    category_id: item.partnerCategoryId,
    main_images: uris,
    package_weight: { value: String(item.weightGrams / 1000), unit: 'KILOGRAM' },
    skus: [
      {
        ...(sku.id ? { id: sku.id } : {}),
        seller_sku: item.sku,
        price: price(item.priceVnd),
        inventory: [{ warehouse_id: warehouseOf(ctx), quantity: item.stock }],
      },
    ],
  };
}

/** Per-item outcome of a batch answer: the ids named in `errors[]` failed, the others succeeded. */
function perItem(ids: string[], res: BatchErrors): ItemResult[] {
  const failed = new Map((res.errors ?? []).map((e) => [String(e.detail?.product_id ?? ''), e]));
  return ids.map((externalId) => {
    const e = failed.get(externalId);
    return e ? { externalId, ok: false, error: tiktokError(e.code ?? 0, e.message ?? 'failed') } : { externalId, ok: true };
  });
}

function keep(tokens: TikTokTokens, shopCipher: string | number | undefined, now: Date): TokenRefreshResult {
  // TikTok gives expiry times as absolute Unix seconds, not lifetimes.
  const accessExpiresAt = new Date(tokens.access_token_expire_in * 1000);
  return {
    secrets: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      refreshExpiresAt: tokens.refresh_token_expire_in,
      accessLifetimeMs: Math.max(0, accessExpiresAt.getTime() - now.getTime()),
      shopCipher,
    },
    accessExpiresAt,
  };
}

async function search(ctx: Ctx, body: Record<string, unknown>, pageSize: number, pageToken?: string) {
  return tiktokClient.call<{ products?: TtProduct[]; next_page_token?: string }>(ctx, 'POST', `${PRODUCTS}/search`, {
    query: { page_size: pageSize, ...(pageToken ? { page_token: pageToken } : {}) },
    body,
  });
}

/** TikTok Shop Partner API, versioned 202309 endpoints (docs/partners/tiktok-shop.md). */
export const tiktokShopChannel: PushChannel<TikTokShopConfig> = {
  kind: 'push',
  name: 'tiktok-shop',
  displayName: 'TikTok Shop',
  labels: { vi: 'TikTok Shop', en: 'TikTok Shop' },
  dataCountry: 'SG',
  config: TIKTOK_SHOP_CONFIG,
  ratePerSecond: (platform) => platform.ratePerSecond,
  // Inventory lives in a warehouse of the seller's: its id is chosen in the channel settings.
  logistics: { required: true, label: { vi: 'Mã kho hàng trên TikTok Shop (warehouse id)', en: 'Warehouse id on TikTok Shop' } },
  // A lost refresh answer may be retried: if TikTok consumed the refresh token, the retry is refused and the owner reconnects.
  refreshIsSingleUse: false,

  auth: {
    kind: 'authorization-code',
    // The redirect is registered in Partner Center, so `state` is a parameter of the consent link.
    authorizationUrl(platform, { state }) {
      const app = tiktokApp(platform);
      return `${platform.authorizeUrl}?${new URLSearchParams({ service_id: app.serviceId, state }).toString()}`;
    },
    readCallback(query) {
      const code = query.code;
      if (typeof code !== 'string' || !code || code.length > 512) return null;
      return { code };
    },
    async exchangeCode(ctx, { code }) {
      const tokens = await tiktokClient.token(ctx.platform, ctx.http, 'get', { auth_code: code, grant_type: 'authorized_code' });
      // The authorised shops and their cipher, which selects the shop on every shop-scoped call.
      const data = await tiktokClient.call<{ shops?: Array<{ id: string; cipher: string; region?: string }> }>(
        { ...ctx, secrets: {} },
        'GET',
        '/authorization/202309/shops',
        { shopScoped: false, accessToken: tokens.access_token, unmetered: true },
      );
      const shops = data.shops ?? [];
      const shop = shops.find((s) => s.region === 'VN') ?? shops[0];
      if (!shop) throw new SyncError('validation', 'TikTok Shop: tài khoản chưa có cửa hàng nào được ủy quyền (no authorised shop)');
      return { shopId: String(shop.id), ...keep(tokens, shop.cipher, ctx.now()) };
    },
  },

  // Authorization = hex HMAC-SHA256(app secret, app key + raw body). Product events name the product.
  webhook: {
    // Acknowledged with 200 and an empty body within 3 s (401 when the signature is wrong).
    ackStatus: 200,
    verify(platform, { rawBody, headers }) {
      if (!platform.appKey || !platform.appSecret) return false;
      return sameSignature(headers.authorization, tiktokWebhookSignature(platform.appSecret, platform.appKey, rawBody));
    },
    read(rawBody) {
      let body: { type?: unknown; shop_id?: unknown; tts_notification_id?: unknown; data?: { product_id?: unknown } };
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return null;
      }
      if (body?.shop_id === undefined || body.shop_id === null) return null;
      const hint = {
        shopId: String(body.shop_id),
        ...(typeof body.tts_notification_id === 'string' ? { notificationId: body.tts_notification_id } : {}),
      };
      const productId = body.data?.product_id;
      switch (body.type) {
        case 5: // product status
        case 37: // product audit status
          return productId === undefined || productId === null ? hint : { ...hint, itemId: String(productId) };
        case 6: // seller deauthorisation
          return { ...hint, deauthorized: true };
        default:
          return null; // orders, returns…: not ours to act on
      }
    },
  },

  validate(item) {
    const problems: string[] = [];
    const title = item.name.trim().length;
    if (title < 25 || title > 255) problems.push(`TikTok Shop cần tên sản phẩm 25–255 ký tự, hiện có ${title} (title must be 25–255 characters)`);
    if (item.priceVnd < 1 || item.priceVnd > MAX_PRICE_VND) problems.push('TikTok Shop nhận giá từ 1 đến 180.000.000 ₫ (price must be 1–180,000,000 VND)');
    if (item.stock < 0 || item.stock > MAX_STOCK) problems.push('TikTok Shop nhận tồn kho từ 0 đến 99.999 (stock must be 0–99,999)');
    if (descriptionHtml(item.description).length > 10_000) problems.push('Mô tả dài hơn 10.000 ký tự (description longer than 10,000 characters)');
    return problems;
  },

  tokenNeedsRefresh(secrets, accessExpiresAt, now) {
    if (!secrets.accessToken || !accessExpiresAt) return true;
    // Access tokens live 7 days: renew in the last hour (or last quarter of a shorter lifetime).
    const lifetime = Number(secrets.accessLifetimeMs ?? 7 * 86_400_000);
    return accessExpiresAt.getTime() - now.getTime() < Math.min(3600_000, lifetime / 4);
  },

  async refreshToken(ctx) {
    const tokens = await tiktokClient.token(ctx.platform, ctx.http, 'refresh', {
      refresh_token: String(ctx.secrets.refreshToken ?? ''),
      grant_type: 'refresh_token',
    });
    return keep(tokens, ctx.secrets.shopCipher, ctx.now());
  },

  async create(ctx, item, intent) {
    const out = await tiktokClient.call<{ product_id: string; skus?: Array<{ id: string; seller_sku?: string }> }>(ctx, 'POST', PRODUCTS, {
      body: { ...(await productBody(ctx, item)), idempotency_key: intent.idempotencyKey },
    });
    const externalId = String(out.product_id);
    rememberSku(ctx, externalId, out.skus?.[0]?.id);
    return { externalId, externalUrl: `https://www.tiktok.com/view/product/${externalId}` };
  },

  async update(ctx, externalId, item) {
    // Edit replaces the whole product; naming the SKU by id keeps it the same SKU.
    const id = await skuId(ctx, externalId);
    await tiktokClient.call(ctx, 'PUT', `${PRODUCTS}/${encodeURIComponent(externalId)}`, { body: await productBody(ctx, item, { id }) });
  },

  async updatePrice(ctx, externalId, priceVnd) {
    const id = await skuId(ctx, externalId);
    const res = await tiktokClient.call<BatchErrors>(ctx, 'POST', `${PRODUCTS}/${encodeURIComponent(externalId)}/prices/update`, {
      body: { skus: [{ id, price: price(priceVnd) }] },
    });
    const failure = res.errors?.[0];
    if (failure) throw tiktokError(failure.code ?? 0, failure.message ?? 'price update failed');
  },

  async updateStock(ctx, items) {
    const results: ItemResult[] = [];
    for (const { externalId, stock } of items) {
      const id = await skuId(ctx, externalId);
      const res = await tiktokClient.call<BatchErrors>(ctx, 'POST', `${PRODUCTS}/${encodeURIComponent(externalId)}/inventory/update`, {
        body: { skus: [{ id, inventory: [{ warehouse_id: warehouseOf(ctx), quantity: stock }] }] },
      });
      // One SKU per call: any error listed is this item's.
      const failure = res.errors?.[0];
      results.push(
        failure ? { externalId, ok: false, error: tiktokError(failure.code ?? 0, failure.message ?? 'stock update failed') } : { externalId, ok: true },
      );
    }
    return results;
  },

  async setListed(ctx, externalIds, listed) {
    const results: ItemResult[] = [];
    for (let i = 0; i < externalIds.length; i += 20) {
      const chunk = externalIds.slice(i, i + 20);
      const res = await tiktokClient.call<BatchErrors>(ctx, 'POST', `${PRODUCTS}/${listed ? 'activate' : 'deactivate'}`, { body: { product_ids: chunk } });
      results.push(...perItem(chunk, res));
    }
    return results;
  },

  async findBySku(ctx, sku) {
    const out = await search(ctx, { seller_skus: [sku] }, 10);
    const found = (out.products ?? []).filter((p) => p.status !== 'DELETED' && p.skus?.some((s) => s.seller_sku === sku));
    return found.length ? toRemote(ctx, found[0], sku) : null;
  },

  async getItem(ctx, externalId) {
    try {
      return toRemote(ctx, await getProduct(ctx, externalId));
    } catch (err) {
      if (err instanceof SyncError && err.errorClass === 'not_found') return null;
      throw err;
    }
  },

  async listItems(ctx, cursor) {
    const out = await search(ctx, {}, 100, cursor ?? undefined);
    return { items: (out.products ?? []).map((p) => toRemote(ctx, p)), nextCursor: out.next_page_token || null };
  },
};
