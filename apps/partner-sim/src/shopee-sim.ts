import { createHmac, randomBytes } from 'node:crypto';
import type { SimFaults } from './faults';
import { SimLimiter } from './faults';
import { send, withFaults, type Reply, type SimRequest } from './http-util';
import type { SimItem, SimStore } from './sim-store';

export interface ShopeeSimOptions {
  partnerId: number;
  partnerKey: string;
  /** Access token lifetime (Shopee: 4 h). */
  accessTtlSeconds: number;
  ratePerSecond: number;
  /** Calls per shop per day before error_limit. */
  dailyQuota: number;
  requireImages: boolean;
}

const sign = (key: string, s: string) => createHmac('sha256', key).update(s).digest('hex');

function envelope(error: string, message: string, response?: unknown) {
  return { request_id: randomBytes(8).toString('hex'), error, message, warning: '', ...(response !== undefined ? { response } : {}) };
}

const err = (status: number, error: string, message: string): Reply => ({ status, body: envelope(error, message) });
const ok = (response: unknown): Reply => ({ status: 200, body: envelope('', '', response) });

/** Shopee Open Platform v2 as partners.md describes it (paths, signing, tokens, envelope, errors). */
export class ShopeeSim {
  private readonly codes = new Map<string, { shopId: string; expiresAt: number; used: boolean }>();
  private readonly access = new Map<string, { shopId: string; expiresAt: number }>();
  private readonly refresh = new Map<string, { shopId: string; used: boolean }>();
  private readonly quota = new Map<string, { day: string; n: number }>();
  private readonly limiter: SimLimiter;
  private nextShop = 100_000;

  constructor(
    readonly opts: ShopeeSimOptions,
    private readonly store: SimStore,
    private readonly faults: () => SimFaults,
  ) {
    this.limiter = new SimLimiter(opts.ratePerSecond);
  }

  /** Makes every access token expire now (tests of refresh). */
  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = 0;
  }

  /** The `shopeeRefuse` fault, when it is one of `kinds`: the answer Shopee gives for it. */
  private refused(...kinds: Array<SimFaults['shopeeRefuse']>): Reply | null {
    const mode = this.faults().shopeeRefuse;
    if (!kinds.includes(mode)) return null;
    if (mode === 'sign') return err(403, 'error_sign', 'Wrong sign.');
    if (mode === 'timestamp') return err(403, 'error_param', 'Invalid timestamp');
    return err(403, 'error_limit', 'The API call quota of today is exhausted.');
  }

  private checkCommon(r: SimRequest, shopLevel: boolean): Reply | null {
    const q = r.query;
    if (Number(q.get('partner_id')) !== this.opts.partnerId) return err(403, 'error_param', 'Invalid partner_id');
    const ts = Number(q.get('timestamp'));
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return err(403, 'error_param', 'Invalid timestamp');
    const base = shopLevel
      ? `${this.opts.partnerId}${r.path}${ts}${q.get('access_token') ?? ''}${q.get('shop_id') ?? ''}`
      : `${this.opts.partnerId}${r.path}${ts}`;
    if (q.get('sign') !== sign(this.opts.partnerKey, base)) return err(403, 'error_sign', 'Wrong sign.');
    return null;
  }

  async handle(r: SimRequest): Promise<boolean> {
    if (!r.path.startsWith('/api/v2/')) return false;
    this.store.countCall('shopee', r.path);
    if (r.path === '/api/v2/shop/auth_partner') return (this.authPartner(r), true);
    if (r.path === '/api/v2/auth/token/get') return (this.tokenGet(r), true);
    if (r.path === '/api/v2/auth/access_token/get') return (this.accessTokenGet(r), true);
    const bad = this.refused('sign', 'timestamp') ?? this.checkCommon(r, true);
    if (bad) return (send(r.res, bad.status, bad.body), true);
    const shopId = r.query.get('shop_id') ?? '';
    const token = this.access.get(r.query.get('access_token') ?? '');
    if (!token || token.shopId !== shopId || token.expiresAt < Date.now()) {
      send(r.res, 403, envelope('invalid_acceess_token', 'Invalid access_token.'));
      return true;
    }
    const now = Date.now();
    this.store.count('shopee', shopId, now);
    if (!this.limiter.take(shopId, now)) {
      this.store.counters.get(`shopee:${shopId}`)!.throttled++;
      send(r.res, 429, envelope('error_rate_limit', 'Too many requests, please try again later.'));
      return true;
    }
    const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
    const q = this.quota.get(shopId);
    const used = q && q.day === day ? q.n + 1 : 1;
    this.quota.set(shopId, { day, n: used });
    if (used > this.opts.dailyQuota || this.refused('quota')) {
      send(r.res, 403, envelope('error_limit', 'The API call quota of today is exhausted.'));
      return true;
    }
    const apply = this.route(r, shopId);
    if (!apply) {
      send(r.res, 404, envelope('error_not_found', `Unknown api ${r.path}`));
      return true;
    }
    await withFaults(
      r,
      this.faults(),
      this.store.faultsInjected,
      {
        throttle: err(429, 'error_rate_limit', 'Too many requests, please try again later.'),
        transient: err(500, 'error_server', 'Something wrong. Please try later.'),
      },
      apply,
    );
    return true;
  }

  private authPartner(r: SimRequest): void {
    const bad = this.checkCommon(r, false);
    if (bad) return send(r.res, bad.status, bad.body);
    const redirect = r.query.get('redirect');
    if (!redirect) return send(r.res, 400, envelope('error_param', 'redirect is required'));
    // The seller consents at once: back to the partner with a single-use code.
    const shopId = r.query.get('sim_shop_id') ?? String(++this.nextShop);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { shopId, expiresAt: Date.now() + 10 * 60_000, used: false });
    const url = new URL(redirect);
    url.searchParams.set('code', code);
    url.searchParams.set('shop_id', shopId);
    r.res.writeHead(302, { location: url.toString() });
    r.res.end();
  }

  private issue(shopId: string) {
    const access_token = randomBytes(16).toString('hex');
    const refresh_token = randomBytes(16).toString('hex');
    this.access.set(access_token, { shopId, expiresAt: Date.now() + this.opts.accessTtlSeconds * 1000 });
    this.refresh.set(refresh_token, { shopId, used: false });
    return { access_token, refresh_token, expire_in: this.opts.accessTtlSeconds };
  }

  private tokenGet(r: SimRequest): void {
    const bad = this.checkCommon(r, false);
    if (bad) return send(r.res, bad.status, bad.body);
    const body = r.json<{ code?: string; shop_id?: number }>() ?? {};
    const c = this.codes.get(String(body.code));
    if (!c || c.used || c.expiresAt < Date.now() || String(body.shop_id) !== c.shopId) return send(r.res, 403, envelope('error_auth', 'Invalid code'));
    c.used = true;
    send(r.res, 200, { request_id: randomBytes(8).toString('hex'), error: '', message: '', ...this.issue(c.shopId) });
  }

  private accessTokenGet(r: SimRequest): void {
    const bad = this.checkCommon(r, false);
    if (bad) return send(r.res, bad.status, bad.body);
    const body = r.json<{ refresh_token?: string; shop_id?: number }>() ?? {};
    const rt = this.refresh.get(String(body.refresh_token));
    if (!rt || rt.shopId !== String(body.shop_id)) return send(r.res, 403, envelope('error_auth', 'Invalid refresh_token'));
    if (rt.used) {
      this.store.refreshTokenReuse++;
      return send(r.res, 403, envelope('error_auth', 'Invalid refresh_token (already used)'));
    }
    rt.used = true;
    this.store.refreshes++;
    // The old access tokens of the shop stay valid 5 more minutes.
    for (const t of this.access.values()) if (t.shopId === rt.shopId) t.expiresAt = Math.min(t.expiresAt, Date.now() + 5 * 60_000);
    send(r.res, 200, { request_id: randomBytes(8).toString('hex'), error: '', message: '', ...this.issue(rt.shopId) });
  }

  private validateItem(b: Record<string, unknown>, partial: boolean): string | null {
    if (!partial || b.item_name !== undefined) {
      if (typeof b.item_name !== 'string' || !b.item_name.trim() || b.item_name.length > 120) return 'item_name must be 1-120 characters';
    }
    if (!partial || b.original_price !== undefined) {
      if (!Number.isInteger(b.original_price)) return 'original_price must be an integer for VN';
      if ((b.original_price as number) < 1000) return 'Price is too low: the minimum price is 1000 VND';
    }
    if (!partial || b.weight !== undefined) if (typeof b.weight !== 'number' || b.weight <= 0) return 'weight must be greater than 0';
    if (!partial || b.category_id !== undefined)
      if (!Number.isInteger(b.category_id) || (b.category_id as number) <= 0) return 'category_id is not a leaf category';
    if (!partial) {
      const li = b.logistic_info as unknown[] | undefined;
      if (!Array.isArray(li) || !li.length) return 'logistic_info is required';
      const images = (b.image as { image_id_list?: unknown[] } | undefined)?.image_id_list ?? [];
      if (this.opts.requireImages && !images.length) return 'image is required';
    }
    return null;
  }

  private route(r: SimRequest, shopId: string): (() => Reply) | null {
    const items = this.store.shop('shopee', shopId);
    const body = r.json<Record<string, unknown>>() ?? {};
    const getItem = (id: unknown) => {
      const i = items.get(String(id));
      return i && i.status !== 'deleted' ? i : undefined;
    };
    switch (`${r.method} ${r.path}`) {
      case 'POST /api/v2/product/add_item':
        return () => {
          const problem = this.validateItem(body, false);
          if (problem) return err(200, 'product.error_busi', problem);
          const item: SimItem = {
            id: this.store.newId(),
            sku: String(body.item_sku ?? ''),
            name: String(body.item_name),
            price: body.original_price as number,
            stock: ((body.seller_stock as Array<{ stock: number }> | undefined)?.[0]?.stock ?? 0) as number,
            status: 'active',
            categoryId: String(body.category_id),
            weightGrams: Math.round((body.weight as number) * 1000),
            imageIds: ((body.image as { image_id_list?: string[] })?.image_id_list ?? []).map(String),
            updatedAt: Date.now(),
          };
          items.set(item.id, item);
          return ok({ item_id: Number(item.id), item_status: 'NORMAL' });
        };
      case 'POST /api/v2/product/update_item':
        return () => {
          const item = getItem(body.item_id);
          if (!item) return err(200, 'error_item_not_found', 'item not found');
          const problem = this.validateItem(body, true);
          if (problem) return err(200, 'product.error_busi', problem);
          if (body.item_name !== undefined) item.name = String(body.item_name);
          if (body.category_id !== undefined) item.categoryId = String(body.category_id);
          if (body.weight !== undefined) item.weightGrams = Math.round((body.weight as number) * 1000);
          if (body.item_sku !== undefined) item.sku = String(body.item_sku);
          item.updatedAt = Date.now();
          return ok({ item_id: Number(item.id) });
        };
      case 'POST /api/v2/product/update_price':
        return () => {
          const item = getItem(body.item_id);
          if (!item) return err(200, 'error_item_not_found', 'item not found');
          const list = (body.price_list as Array<{ model_id?: number; original_price: number }>) ?? [];
          if (list.length > 50) return err(200, 'error_param', 'price_list: at most 50 models');
          const success_list: unknown[] = [];
          const failure_list: unknown[] = [];
          for (const p of list) {
            if (!Number.isInteger(p.original_price) || p.original_price < 1000)
              failure_list.push({ model_id: p.model_id ?? 0, failed_reason: 'Price is too low: the minimum price is 1000 VND' });
            else {
              item.price = p.original_price;
              item.updatedAt = Date.now();
              success_list.push({ model_id: p.model_id ?? 0, original_price: p.original_price });
            }
          }
          return ok({ success_list, failure_list });
        };
      case 'POST /api/v2/product/update_stock':
        return () => {
          const item = getItem(body.item_id);
          if (!item) return err(200, 'error_item_not_found', 'item not found');
          const list = (body.stock_list as Array<{ model_id?: number; seller_stock?: Array<{ stock: number }> }>) ?? [];
          const success_list: unknown[] = [];
          const failure_list: unknown[] = [];
          for (const s of list) {
            const stock = s.seller_stock?.[0]?.stock;
            if (!Number.isInteger(stock) || (stock as number) < 0)
              failure_list.push({ model_id: s.model_id ?? 0, failed_reason: 'stock must be a non-negative integer' });
            else {
              item.stock = stock as number;
              item.updatedAt = Date.now();
              success_list.push({ model_id: s.model_id ?? 0, stock });
            }
          }
          return ok({ success_list, failure_list });
        };
      case 'POST /api/v2/product/unlist_item':
        return () => {
          const list = (body.item_list as Array<{ item_id: number; unlist: boolean }>) ?? [];
          if (list.length > 50) return err(200, 'error_param', 'item_list: at most 50 items');
          const success_list: unknown[] = [];
          const failure_list: unknown[] = [];
          for (const u of list) {
            const item = getItem(u.item_id);
            if (!item) failure_list.push({ item_id: u.item_id, failed_reason: 'item not found' });
            else {
              item.status = u.unlist ? 'unlisted' : 'active';
              item.updatedAt = Date.now();
              success_list.push({ item_id: u.item_id, unlist: u.unlist });
            }
          }
          return ok({ success_list, failure_list });
        };
      case 'POST /api/v2/product/delete_item':
        return () => {
          const item = getItem(body.item_id);
          if (!item) return err(200, 'error_item_not_found', 'item not found');
          item.status = 'deleted';
          return ok({});
        };
      case 'GET /api/v2/product/get_item_base_info':
        return () => {
          const ids = (r.query.get('item_id_list') ?? '').split(',').filter(Boolean);
          if (ids.length > 50) return err(200, 'error_param', 'item_id_list: at most 50 ids');
          const item_list = ids
            .map((id) => items.get(id))
            .filter((i): i is SimItem => !!i && i.status !== 'deleted')
            .map((i) => this.baseInfo(i));
          return ok({ item_list });
        };
      case 'GET /api/v2/product/get_item_list':
        return () => {
          const offset = Number(r.query.get('offset') ?? 0);
          const size = Number(r.query.get('page_size') ?? 10);
          if (!Number.isInteger(size) || size < 1 || size > 100) return err(200, 'error_param', 'page_size must be 1-100');
          const statuses = r.query.getAll('item_status');
          const want = (i: SimItem) => i.status !== 'deleted' && (!statuses.length || statuses.includes(i.status === 'active' ? 'NORMAL' : 'UNLIST'));
          const all = [...items.values()].filter(want);
          const page = all.slice(offset, offset + size);
          return ok({
            item: page.map((i) => ({
              item_id: Number(i.id),
              item_status: i.status === 'active' ? 'NORMAL' : 'UNLIST',
              update_time: Math.floor(i.updatedAt / 1000),
            })),
            total_count: all.length,
            has_next_page: offset + size < all.length,
            next_offset: offset + size,
          });
        };
      case 'GET /api/v2/product/search_item':
        return () => {
          const sku = r.query.get('item_sku') ?? '';
          return ok({
            item_id_list: this.store.findBySku('shopee', shopId, sku).map((i) => Number(i.id)),
            total_count: this.store.findBySku('shopee', shopId, sku).length,
          });
        };
      case 'POST /api/v2/media_space/upload_image':
        return () => {
          if (r.raw.length > 10 * 1024 * 1024 + 4096) return err(200, 'error_param', 'image larger than 10 MB');
          return ok({ image_info: { image_id: `img-${randomBytes(8).toString('hex')}` } });
        };
      default:
        return null;
    }
  }

  private baseInfo(i: SimItem) {
    return {
      item_id: Number(i.id),
      item_sku: i.sku,
      item_name: i.name,
      item_status: i.status === 'active' ? 'NORMAL' : 'UNLIST',
      category_id: Number(i.categoryId),
      weight: i.weightGrams / 1000,
      price_info: [{ original_price: i.price, current_price: i.price }],
      stock_info_v2: { seller_stock: [{ stock: i.stock }] },
    };
  }
}
