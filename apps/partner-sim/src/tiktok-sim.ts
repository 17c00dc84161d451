import { createHmac, randomBytes } from 'node:crypto';
import { SimLimiter, type SimFaults } from './faults';
import { send, withFaults, type Reply, type SimRequest } from './http-util';
import type { SimItem, SimStore } from './sim-store';

export interface TikTokSimOptions {
  appKey: string;
  appSecret: string;
  serviceId: string;
  /** Where consent sends the seller back: registered in Partner Center, not given per request. */
  redirectUrl?: string;
  /** Access token lifetime (TikTok: 7 days). */
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  ratePerSecond: number;
  requireImages: boolean;
}

const CHANNEL = 'tiktok-shop';
const PRODUCTS = '/product/202309/products';
/** The simulator's answer for an unknown product (TikTok's own code for it is not documented). */
const NOT_FOUND = { code: 12052220, message: 'Product does not exist' };

const hmac = (key: string, data: string | Buffer) => createHmac('sha256', key).update(data).digest('hex');

function envelope(code: number, message: string, data?: unknown) {
  return { code, message, request_id: randomBytes(10).toString('hex').toUpperCase(), ...(data !== undefined ? { data } : {}) };
}
const ok = (data: unknown): Reply => ({ status: 200, body: envelope(0, 'Success', data) });
const fail = (status: number, code: number, message: string): Reply => ({ status, body: envelope(code, message) });

interface Shop {
  id: string;
  cipher: string;
}

/**
 * TikTok Shop Partner API, versioned 202309 endpoints, as docs/partners/tiktok-shop.md describes
 * it: signed requests (app secret wrapped around path + sorted parameters + body), app key and
 * access token header, shop cipher, consent with a registered redirect, single-use codes, token
 * refresh, idempotency keys on create, partial batch answers, HTTP 429 / 36009002, signed webhooks.
 */
export class TikTokSim {
  private readonly codes = new Map<string, { shop: Shop; expiresAt: number; used: boolean }>();
  private readonly access = new Map<string, { shop: Shop; expiresAt: number }>();
  private readonly refresh = new Map<string, { shop: Shop; expiresAt: number; used: boolean }>();
  /** shop id → idempotency key → product id. */
  private readonly idempotency = new Map<string, Map<string, string>>();
  private readonly limiter: SimLimiter;
  private nextShop = 7_494_000_000;
  private nextSku = 1_729_000_000;

  constructor(
    readonly opts: TikTokSimOptions,
    private readonly store: SimStore,
    private readonly faults: () => SimFaults,
  ) {
    this.limiter = new SimLimiter(opts.ratePerSecond);
  }

  /** Makes every access token expire now (tests of refresh). */
  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = 0;
  }

  /** Sends a signed webhook to `url` like TikTok would; returns our answer. */
  async push(url: string, event: { type: number; shopId: string; data?: Record<string, unknown> }): Promise<{ status: number; body: string }> {
    const payload = JSON.stringify({
      type: event.type,
      tts_notification_id: randomBytes(8).toString('hex'),
      shop_id: event.shopId,
      timestamp: Math.floor(Date.now() / 1000),
      data: event.data ?? {},
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: hmac(this.opts.appSecret, `${this.opts.appKey}${payload}`) },
      body: payload,
    });
    return { status: res.status, body: await res.text() };
  }

  async handle(r: SimRequest): Promise<boolean> {
    if (r.path === '/open/authorize') return (this.authorize(r), true);
    if (r.path === '/api/v2/token/get' || r.path === '/api/v2/token/refresh') return (this.token(r), true);
    if (!r.path.startsWith('/authorization/202309/') && !r.path.startsWith('/product/202309/')) return false;
    this.store.countCall(CHANNEL, r.path);
    const bad = this.refused() ?? this.checkSignature(r);
    if (bad) return (send(r.res, bad.status, bad.body), true);
    const token = this.access.get(String(r.req.headers['x-tts-access-token'] ?? ''));
    if (!token || token.expiresAt < Date.now()) return (send(r.res, 401, envelope(105002, 'Access token is expired, please refresh it')), true);
    const shop = token.shop;
    const cipherRefused = new Set(['/authorization/202309/shops', '/product/202309/images/upload']);
    const cipher = r.query.get('shop_cipher');
    if (cipherRefused.has(r.path)) {
      if (cipher !== null) return (send(r.res, 400, envelope(36009004, 'Unexpected identifier: shop_cipher is not required')), true);
    } else if (cipher !== shop.cipher) {
      return (send(r.res, 400, envelope(106013, 'shop_cipher is missing or does not match the authorised shop')), true);
    }
    if (r.path === '/authorization/202309/shops') {
      return (
        send(
          r.res,
          200,
          ok({ shops: [{ id: shop.id, name: `Cửa hàng ${shop.id}`, region: 'VN', seller_type: 'LOCAL', cipher: shop.cipher, code: `VN${shop.id.slice(-6)}` }] })
            .body,
        ),
        true
      );
    }
    const now = Date.now();
    this.store.count(CHANNEL, shop.id, now);
    if (!this.limiter.take(shop.id, now)) {
      this.store.counters.get(`${CHANNEL}:${shop.id}`)!.throttled++;
      return (send(r.res, 429, envelope(36009002, 'Too many requests, please retry later')), true);
    }
    const apply = this.route(r, shop.id);
    if (!apply) return (send(r.res, 404, envelope(36009009, `Path not found: ${r.method} ${r.path}`)), true);
    await withFaults(
      r,
      this.faults(),
      this.store.faultsInjected,
      { throttle: fail(429, 36009002, 'Too many requests, please retry later'), transient: fail(500, 36009003, 'Internal error, please retry') },
      apply,
    );
    return true;
  }

  /** The `tiktokRefuse` fault: every shop-level call refused as TikTok would. */
  private refused(): Reply | null {
    const mode = this.faults().tiktokRefuse;
    if (mode === 'sign') return fail(401, 106001, 'Invalid signature');
    if (mode === 'timestamp') return fail(400, 36009004, 'Invalid timestamp: the timestamp is out of range');
    return null;
  }

  /** app_key, a timestamp from now−5 min to now+30 s, and the signature over what was sent. */
  private checkSignature(r: SimRequest): Reply | null {
    const q = r.query;
    if (q.get('app_key') !== this.opts.appKey) return fail(400, 36009004, 'Invalid app_key');
    const ts = Number(q.get('timestamp'));
    const now = Date.now() / 1000;
    if (!Number.isInteger(ts) || ts < now - 300 || ts > now + 30) return fail(400, 36009004, 'Invalid timestamp: the timestamp is out of range');
    const params = [...new Set(q.keys())]
      .filter((k) => k !== 'sign' && k !== 'access_token')
      .sort()
      .map((k) => `${k}${q.get(k)}`)
      .join('');
    const multipart = String(r.req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const body = multipart ? '' : r.raw.toString('utf8');
    const expected = hmac(this.opts.appSecret, `${this.opts.appSecret}${r.path}${params}${body}${this.opts.appSecret}`);
    return q.get('sign') === expected ? null : fail(401, 106001, 'Invalid signature');
  }

  /** The seller consents at once; TikTok sends the browser to the redirect registered for the app. */
  private authorize(r: SimRequest): void {
    if (r.query.get('service_id') !== this.opts.serviceId) return send(r.res, 400, envelope(36009004, 'Invalid service_id'));
    if (!this.opts.redirectUrl) return send(r.res, 400, envelope(36009004, 'No redirect URL registered for this app'));
    const id = r.query.get('sim_shop_id') ?? String(++this.nextShop);
    const shop = this.shopById(id) ?? { id, cipher: `ROW_${randomBytes(12).toString('base64url')}` };
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { shop, expiresAt: Date.now() + 30 * 60_000, used: false });
    const url = new URL(this.opts.redirectUrl);
    url.searchParams.set('code', code);
    const state = r.query.get('state');
    if (state !== null) url.searchParams.set('state', state);
    url.searchParams.set('locale', 'vi-VN');
    r.res.writeHead(302, { location: url.toString() });
    r.res.end();
  }

  private shopById(id: string): Shop | undefined {
    for (const t of [...this.codes.values(), ...this.access.values()]) if (t.shop.id === id) return t.shop;
    return undefined;
  }

  private issue(shop: Shop) {
    const now = Date.now();
    const access_token = `TTP_${randomBytes(18).toString('base64url')}`;
    const refresh_token = `TTP_${randomBytes(18).toString('base64url')}`;
    const accessExpires = now + this.opts.accessTtlSeconds * 1000;
    const refreshExpires = now + this.opts.refreshTtlSeconds * 1000;
    this.access.set(access_token, { shop, expiresAt: accessExpires });
    this.refresh.set(refresh_token, { shop, expiresAt: refreshExpires, used: false });
    return {
      access_token,
      access_token_expire_in: Math.floor(accessExpires / 1000),
      refresh_token,
      refresh_token_expire_in: Math.floor(refreshExpires / 1000),
      open_id: `open-${shop.id}`,
      seller_name: `Người bán ${shop.id}`,
      seller_base_region: 'VN',
      user_type: 0,
    };
  }

  /** Token host: not signed; the app secret is a parameter. Codes and refresh tokens are single-use here. */
  private token(r: SimRequest): void {
    const q = r.query;
    if (r.method !== 'GET') return send(r.res, 405, envelope(36009010, 'Method not allowed'));
    if (q.get('app_key') !== this.opts.appKey || q.get('app_secret') !== this.opts.appSecret)
      return send(r.res, 200, envelope(36009004, 'Invalid app_key or app_secret'));
    if (r.path === '/api/v2/token/get') {
      if (q.get('grant_type') !== 'authorized_code') return send(r.res, 200, envelope(36009004, 'grant_type must be authorized_code'));
      const c = this.codes.get(q.get('auth_code') ?? '');
      if (!c || c.used || c.expiresAt < Date.now()) return send(r.res, 200, envelope(36004004, 'Invalid auth_code'));
      c.used = true;
      return send(r.res, 200, envelope(0, 'success', this.issue(c.shop)));
    }
    if (q.get('grant_type') !== 'refresh_token') return send(r.res, 200, envelope(36009004, 'grant_type must be refresh_token'));
    const rt = this.refresh.get(q.get('refresh_token') ?? '');
    if (!rt || rt.expiresAt < Date.now()) return send(r.res, 200, envelope(36004004, 'Invalid refresh_token'));
    if (rt.used) {
      this.store.refreshTokenReuse++;
      return send(r.res, 200, envelope(36004004, 'Invalid refresh_token (already used)'));
    }
    rt.used = true;
    this.store.refreshes++;
    send(r.res, 200, envelope(0, 'success', this.issue(rt.shop)));
  }

  private wire(i: SimItem) {
    return {
      id: i.id,
      title: i.name,
      status: i.status === 'active' ? 'ACTIVATE' : i.status === 'unlisted' ? 'SELLER_DEACTIVATED' : 'DELETED',
      skus: [
        {
          id: i.skuId,
          seller_sku: i.sku,
          price: { currency: 'VND', sale_price: String(i.price), tax_exclusive_price: String(i.price) },
          inventory: [{ warehouse_id: i.warehouseId, quantity: i.stock }],
        },
      ],
      create_time: Math.floor(i.updatedAt / 1000),
      update_time: Math.floor(i.updatedAt / 1000),
    };
  }

  /** Problems with a product body (create or edit), as TikTok's product module reports them. */
  private invalidProduct(b: Record<string, unknown>): string | null {
    const title = typeof b.title === 'string' ? b.title.trim().length : 0;
    if (title < 25 || title > 255) return 'title must be 25-255 characters';
    if (typeof b.description !== 'string' || b.description.length > 10_000) return 'description is required (at most 10000 characters)';
    if (typeof b.category_id !== 'string' || !/^\d+$/.test(b.category_id)) return 'category_id must be a leaf category';
    const images = (b.main_images as Array<{ uri?: string }> | undefined) ?? [];
    if (images.length > 9 || (this.opts.requireImages && !images.length)) return 'main_images: 1-9 images are required';
    const weight = b.package_weight as { value?: string; unit?: string } | undefined;
    if (!weight || weight.unit !== 'KILOGRAM' || !(Number(weight.value) > 0)) return 'package_weight must be a positive KILOGRAM value';
    const skus = (b.skus as Array<Record<string, unknown>> | undefined) ?? [];
    if (skus.length !== 1) return 'skus: this simulator takes exactly one SKU';
    const problem = this.invalidPrice(skus[0].price);
    if (problem) return problem;
    const inventory = (skus[0].inventory as Array<{ warehouse_id?: string; quantity?: number }> | undefined) ?? [];
    if (!inventory[0]?.warehouse_id) return 'inventory.warehouse_id is required';
    if (!Number.isInteger(inventory[0].quantity) || inventory[0].quantity! < 0 || inventory[0].quantity! > 999_999)
      return 'inventory.quantity must be 0-999999';
    return null;
  }

  private invalidPrice(price: unknown): string | null {
    const p = price as { amount?: unknown; currency?: unknown } | undefined;
    const amount = Number(p?.amount);
    if (typeof p?.amount !== 'string' || !Number.isInteger(amount) || amount < 1000 || amount > 180_000_000 || p.currency !== 'VND') {
      return 'price.amount must be an integer string of 1000-180000000 VND';
    }
    return null;
  }

  private route(r: SimRequest, shopId: string): (() => Reply) | null {
    const items = this.store.shop(CHANNEL, shopId);
    const body = r.json<Record<string, unknown>>() ?? {};
    const live = (id: string) => {
      const i = items.get(id);
      return i && i.status !== 'deleted' ? i : undefined;
    };
    const itemPath = /^\/product\/202309\/products\/(\d+)(?:\/(prices|inventory)\/update)?$/.exec(r.path);
    switch (`${r.method} ${r.path}`) {
      case 'POST /product/202309/images/upload':
        return () => this.upload(r);
      case `POST ${PRODUCTS}`:
        return () => {
          const problem = this.invalidProduct(body);
          if (problem) return fail(200, 12052008, problem);
          const keys = this.idempotency.get(shopId) ?? new Map<string, string>();
          this.idempotency.set(shopId, keys);
          const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
          const earlier = key ? live(keys.get(key) ?? '') : undefined;
          if (earlier) return ok({ product_id: earlier.id, skus: [{ id: earlier.skuId, seller_sku: earlier.sku }], warnings: [] });
          const sku = (body.skus as Array<Record<string, unknown>>)[0];
          const inventory = (sku.inventory as Array<{ warehouse_id: string; quantity: number }>)[0];
          const item: SimItem = {
            id: this.store.newId(),
            sku: String(sku.seller_sku ?? ''),
            name: String(body.title),
            price: Number((sku.price as { amount: string }).amount),
            stock: inventory.quantity,
            // Audit passes at once in the simulator.
            status: 'active',
            categoryId: String(body.category_id),
            weightGrams: Math.round(Number((body.package_weight as { value: string }).value) * 1000),
            imageIds: ((body.main_images as Array<{ uri: string }>) ?? []).map((m) => m.uri),
            updatedAt: Date.now(),
            skuId: String(++this.nextSku),
            warehouseId: inventory.warehouse_id,
          };
          items.set(item.id, item);
          if (key) keys.set(key, item.id);
          return ok({ product_id: item.id, skus: [{ id: item.skuId, seller_sku: item.sku }], warnings: [] });
        };
      case `POST ${PRODUCTS}/search`:
        return () => this.search(r, [...items.values()], body);
      case `POST ${PRODUCTS}/deactivate`:
      case `POST ${PRODUCTS}/activate`:
        return () => {
          const ids = ((body.product_ids as unknown[]) ?? []).map(String);
          if (!ids.length || ids.length > 20) return fail(200, 12052008, 'product_ids: 1-20 ids');
          const errors: unknown[] = [];
          for (const id of ids) {
            const item = live(id);
            if (!item) errors.push({ ...NOT_FOUND, detail: { product_id: id } });
            else {
              item.status = r.path.endsWith('/activate') ? 'active' : 'unlisted';
              item.updatedAt = Date.now();
            }
          }
          return ok(errors.length ? { errors } : {});
        };
    }
    if (!itemPath) return null;
    const [, id, action] = itemPath;
    return () => {
      const item = live(id);
      if (!item) return fail(200, NOT_FOUND.code, NOT_FOUND.message);
      if (!action && r.method === 'GET') return ok(this.wire(item));
      if (!action && r.method === 'PUT') {
        const problem = this.invalidProduct(body);
        if (problem) return fail(200, 12052008, problem);
        const sku = (body.skus as Array<Record<string, unknown>>)[0];
        if (sku.id !== undefined && String(sku.id) !== item.skuId) return fail(200, 12052008, 'skus.id does not belong to this product');
        const inventory = (sku.inventory as Array<{ warehouse_id: string; quantity: number }>)[0];
        Object.assign(item, {
          name: String(body.title),
          categoryId: String(body.category_id),
          weightGrams: Math.round(Number((body.package_weight as { value: string }).value) * 1000),
          price: Number((sku.price as { amount: string }).amount),
          stock: inventory.quantity,
          warehouseId: inventory.warehouse_id,
          sku: String(sku.seller_sku ?? item.sku),
          updatedAt: Date.now(),
        });
        return ok({ product_id: item.id, skus: [{ id: item.skuId, seller_sku: item.sku }] });
      }
      const skus = (body.skus as Array<Record<string, unknown>> | undefined) ?? [];
      const mine = skus.find((s) => String(s.id) === item.skuId);
      if (!mine) return fail(200, 12052008, 'skus: no SKU of this product');
      if (action === 'prices' && r.method === 'POST') {
        const problem = this.invalidPrice(mine.price);
        if (problem) return fail(200, 12052013, problem);
        item.price = Number((mine.price as { amount: string }).amount);
      } else if (action === 'inventory' && r.method === 'POST') {
        const inv = ((mine.inventory as Array<{ warehouse_id?: string; quantity?: number }> | undefined) ?? [])[0];
        if (!inv || !Number.isInteger(inv.quantity) || inv.quantity! < 0 || inv.quantity! >= 99_999) {
          return ok({ errors: [{ code: 12052012, message: 'quantity must be 0-99998', detail: { sku_id: item.skuId } }] });
        }
        if (inv.warehouse_id && inv.warehouse_id !== item.warehouseId) {
          return ok({ errors: [{ code: 12052012, message: 'warehouse_id is not a warehouse of this SKU', detail: { sku_id: item.skuId } }] });
        }
        item.stock = inv.quantity!;
      } else return fail(405, 36009010, 'Method not allowed');
      item.updatedAt = Date.now();
      return ok({});
    };
  }

  private search(r: SimRequest, all: SimItem[], body: Record<string, unknown>): Reply {
    const size = Number(r.query.get('page_size'));
    if (!Number.isInteger(size) || size < 1 || size > 100) return fail(200, 12052008, 'page_size must be 1-100');
    const skus = Array.isArray(body.seller_skus) ? (body.seller_skus as unknown[]).map(String) : undefined;
    const wanted = all.filter((i) => i.status !== 'deleted' && (!skus || skus.includes(i.sku)));
    const offset = Number(Buffer.from(r.query.get('page_token') ?? '', 'base64url').toString() || 0);
    const page = wanted.slice(offset, offset + size);
    const next = offset + size < wanted.length ? Buffer.from(String(offset + size)).toString('base64url') : '';
    return ok({ products: page.map((i) => this.wire(i)), next_page_token: next, total_count: wanted.length });
  }

  /** Multipart with a `data` file (JPG/PNG, at most 5 MB) and an optional `use_case`. */
  private upload(r: SimRequest): Reply {
    const boundary = /boundary=([^;]+)/.exec(String(r.req.headers['content-type'] ?? ''))?.[1];
    if (!boundary) return fail(400, 36009022, 'Content-Type must be multipart/form-data');
    const parts = r.raw.toString('latin1').split(`--${boundary}`);
    const file = parts.find((p) => /name="data"/.test(p));
    if (!file) return fail(200, 12052008, 'data is required');
    const bytes = Buffer.from(file.slice(file.indexOf('\r\n\r\n') + 4, file.lastIndexOf('\r\n')), 'latin1');
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const png = bytes.subarray(0, 4).toString('latin1') === '\x89PNG';
    if (!jpeg && !png) return fail(200, 12052008, 'image must be JPG, JPEG or PNG');
    if (bytes.length > 5 * 1024 * 1024) return fail(200, 12052008, 'image larger than 5 MB');
    const uri = `tos-maliva-i-${randomBytes(8).toString('hex')}`;
    return ok({ uri, url: `https://p16-oec-va.ibyteimg.com/${uri}~tplv-o3syd03w52-origin-jpeg.jpeg`, width: 0, height: 0, use_case: 'MAIN_IMAGE' });
  }
}
