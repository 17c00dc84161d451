import { createHmac, randomBytes } from 'node:crypto';
import { SimLimiter, type SimFaults } from './faults';
import { send, withFaults, type Reply, type SimRequest } from './http-util';
import type { SimItem, SimStore } from './sim-store';

export interface RestSimOptions {
  ratePerSecond: number;
  /** voso: login token lifetime. */
  tokenTtlSeconds: number;
}

/** How one default contract (docs/partners/<name>.md) spells things. */
interface Dialect {
  channel: 'voso' | 'postmart';
  prefix: string;
  ok(data: unknown): Reply;
  fail(status: number, code: string, message: string): Reply;
  codes: { auth: string; signature: string; validation: string; notFound: string; throttled: string; transient: string };
  toWire(i: SimItem): Record<string, unknown>;
  fromWire(b: Record<string, unknown>): Partial<SimItem>;
  itemPath: RegExp;
  statusValue(b: Record<string, unknown>, action: string): SimItem['status'] | undefined;
  searchParam: string;
  list: { cursor: string; size: string; next(offset: number, size: number, total: number, cursor: number): unknown };
}

const VOSO: Dialect = {
  channel: 'voso',
  prefix: '/v1/',
  ok: (data) => ({ status: 200, body: { success: true, data } }),
  fail: (status, code, message) => ({ status, body: { success: false, error: { code, message } } }),
  codes: {
    auth: 'UNAUTHORIZED',
    signature: 'UNAUTHORIZED',
    validation: 'VALIDATION_ERROR',
    notFound: 'NOT_FOUND',
    throttled: 'RATE_LIMITED',
    transient: 'INTERNAL_ERROR',
  },
  toWire: (i) => ({
    id: i.id,
    sku: i.sku,
    name: i.name,
    price: i.price,
    stock: i.stock,
    status: i.status === 'active' ? 'active' : i.status === 'unlisted' ? 'hidden' : 'deleted',
    url: `https://voso.vn/p/${i.id}`,
  }),
  fromWire: (b) => ({
    sku: b.sku as string,
    name: b.name as string,
    price: b.price as number,
    stock: b.stock as number,
    categoryId: b.category_id as string,
    weightGrams: b.weight_gram as number,
  }),
  itemPath: /^\/v1\/products\/([^/]+)(?:\/(price|stock|hide|show))?$/,
  statusValue: (_b, action) => (action === 'hide' ? 'unlisted' : action === 'show' ? 'active' : undefined),
  searchParam: 'sku',
  list: { cursor: 'page', size: 'page_size', next: (_o, size, total, page) => (page * size < total ? page + 1 : null) },
};

const POSTMART: Dialect = {
  channel: 'postmart',
  prefix: '/openapi/',
  ok: (result) => ({ status: 200, body: { code: 0, message: 'success', result } }),
  fail: (status, code, message) => ({ status, body: { code: Number(code), message } }),
  codes: { auth: '1003', signature: '1001', validation: '2001', notFound: '2004', throttled: '4290', transient: '5000' },
  toWire: (i) => ({
    item_id: i.id,
    seller_sku: i.sku,
    title: i.name,
    sale_price: i.price,
    quantity: i.stock,
    status: i.status === 'active' ? 'on' : i.status === 'unlisted' ? 'off' : 'deleted',
    link: `https://postmart.vn/san-pham/${i.id}`,
  }),
  fromWire: (b) => ({
    sku: b.seller_sku as string,
    name: b.title as string,
    price: b.sale_price as number,
    stock: b.quantity as number,
    categoryId: b.category_code as string,
    weightGrams: (b.shipping as { weight_gram?: number } | undefined)?.weight_gram,
  }),
  itemPath: /^\/openapi\/items\/([^/]+)(?:\/(price|quantity|status))?$/,
  statusValue: (b, action) => (action === 'status' ? (b.status === 'off' ? 'unlisted' : b.status === 'on' ? 'active' : undefined) : undefined),
  searchParam: 'seller_sku',
  list: { cursor: 'offset', size: 'limit', next: (offset, size, total) => (offset + size < total ? offset + size : null) },
};

/** The Voso and Postmart default contracts we defined (no public API exists for either). */
export class RestSim {
  private readonly dialect: Dialect;
  private readonly tokens = new Map<string, { shop: string; expiresAt: number }>();
  private readonly limiter: SimLimiter;

  constructor(
    channel: 'voso' | 'postmart',
    private readonly opts: RestSimOptions,
    private readonly store: SimStore,
    private readonly faults: () => SimFaults,
  ) {
    this.dialect = channel === 'voso' ? VOSO : POSTMART;
    this.limiter = new SimLimiter(opts.ratePerSecond);
  }

  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  /** Simulator convention: voso password = "pw-" + username; postmart secret = "sk-" + apiKey. */
  private authenticate(r: SimRequest): { shop: string } | Reply {
    const d = this.dialect;
    if (d.channel === 'voso') {
      const auth = String(r.req.headers.authorization ?? '');
      const t = this.tokens.get(auth.replace(/^Bearer\s+/i, ''));
      if (!t || t.expiresAt < Date.now()) return d.fail(401, 'TOKEN_EXPIRED', 'Token hết hạn hoặc không hợp lệ');
      return { shop: t.shop };
    }
    const key = String(r.req.headers['x-pm-key'] ?? '');
    const ts = Number(r.req.headers['x-pm-timestamp']);
    const sig = String(r.req.headers['x-pm-signature'] ?? '');
    if (!key) return d.fail(401, '1003', 'Unknown API key');
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return d.fail(401, '1002', 'Timestamp expired');
    const expected = createHmac('sha256', `sk-${key}`)
      .update(`${r.method}\n${r.pathWithQuery}\n${ts}\n${r.raw.toString('utf8')}`)
      .digest('hex');
    if (sig !== expected) return d.fail(401, '1001', 'Signature invalid');
    return { shop: key };
  }

  async handle(r: SimRequest): Promise<boolean> {
    const d = this.dialect;
    if (!r.path.startsWith(d.prefix)) return false;
    if (d.channel === 'voso' && r.method === 'POST' && r.path === '/v1/auth/login') {
      const b = r.json<{ username?: string; password?: string }>() ?? {};
      if (!b.username || b.password !== `pw-${b.username}`) {
        const f = d.fail(401, 'UNAUTHORIZED', 'Sai tên đăng nhập hoặc mật khẩu');
        return (send(r.res, f.status, f.body), true);
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.set(token, { shop: b.username, expiresAt: Date.now() + this.opts.tokenTtlSeconds * 1000 });
      const okr = d.ok({ access_token: token, expires_in: this.opts.tokenTtlSeconds });
      return (send(r.res, okr.status, okr.body), true);
    }
    const who = this.authenticate(r);
    if ('status' in who) return (send(r.res, who.status, who.body), true);
    const now = Date.now();
    this.store.count(d.channel, who.shop, now);
    if (!this.limiter.take(who.shop, now)) {
      this.store.counters.get(`${d.channel}:${who.shop}`)!.throttled++;
      const f = d.fail(429, d.codes.throttled, 'Too many requests');
      return (send(r.res, f.status, f.body), true);
    }
    const apply = this.route(r, who.shop);
    if (!apply) {
      const f = d.fail(404, d.codes.notFound, 'No such endpoint');
      return (send(r.res, f.status, f.body), true);
    }
    await withFaults(
      r,
      this.faults(),
      this.store.faultsInjected,
      { throttle: d.fail(429, d.codes.throttled, 'Too many requests'), transient: d.fail(500, d.codes.transient, 'Internal error') },
      apply,
    );
    return true;
  }

  private validate(i: Partial<SimItem>, partial: boolean): string | null {
    if (!partial || i.name !== undefined) if (!i.name || !String(i.name).trim()) return 'name is required';
    if (!partial || i.price !== undefined) if (!Number.isInteger(i.price) || (i.price as number) < 1000) return 'price must be an integer of at least 1000 VND';
    if (!partial || i.stock !== undefined) if (!Number.isInteger(i.stock) || (i.stock as number) < 0) return 'stock must be a non-negative integer';
    if (!partial) if (!i.categoryId) return 'category is required';
    return null;
  }

  private route(r: SimRequest, shop: string): (() => Reply) | null {
    const d = this.dialect;
    const items = this.store.shop(d.channel, shop);
    const body = r.json<Record<string, unknown>>() ?? {};
    const collection = d.channel === 'voso' ? '/v1/products' : '/openapi/items';
    if (r.path === collection && r.method === 'POST') {
      return () => {
        const fields = d.fromWire(body);
        const problem = this.validate(fields, false);
        if (problem) return d.fail(422, d.codes.validation, problem);
        const item: SimItem = {
          id: this.store.newId(),
          sku: String(fields.sku ?? ''),
          name: String(fields.name),
          price: fields.price!,
          stock: fields.stock ?? 0,
          status: 'active',
          categoryId: String(fields.categoryId),
          weightGrams: fields.weightGrams ?? 0,
          imageIds: [],
          updatedAt: Date.now(),
        };
        items.set(item.id, item);
        return d.ok(d.toWire(item));
      };
    }
    if (r.path === collection && r.method === 'GET') {
      return () => {
        const sku = r.query.get(d.searchParam);
        const live = [...items.values()].filter((i) => i.status !== 'deleted');
        if (sku !== null) return d.ok({ items: live.filter((i) => i.sku === sku).map(d.toWire) });
        const size = Math.min(100, Math.max(1, Number(r.query.get(d.list.size) ?? 50)));
        const cursor = Number(r.query.get(d.list.cursor) ?? (d.channel === 'voso' ? 1 : 0));
        const offset = d.channel === 'voso' ? (cursor - 1) * size : cursor;
        const page = live.slice(offset, offset + size);
        const next = d.list.next(offset, size, live.length, cursor);
        return d.ok({ items: page.map(d.toWire), total: live.length, [d.channel === 'voso' ? 'next_page' : 'next_offset']: next });
      };
    }
    const m = d.itemPath.exec(r.path);
    if (!m) return null;
    const [, id, action] = m;
    return () => {
      const item = items.get(id);
      if (!item || item.status === 'deleted') return d.fail(404, d.codes.notFound, 'Item not found');
      if (!action && r.method === 'GET') return d.ok(d.toWire(item));
      if (!action && r.method === 'PUT') {
        const fields = d.fromWire(body);
        const problem = this.validate(fields, true);
        if (problem) return d.fail(422, d.codes.validation, problem);
        for (const [k, v] of Object.entries(fields)) if (v !== undefined) (item as unknown as Record<string, unknown>)[k] = v;
      } else if (action === 'price') {
        const { price } = d.fromWire(body);
        if (!Number.isInteger(price) || (price as number) < 1000) return d.fail(422, d.codes.validation, 'price must be an integer of at least 1000 VND');
        item.price = price!;
      } else if (action === 'stock' || action === 'quantity') {
        const { stock } = d.fromWire(body);
        if (!Number.isInteger(stock) || (stock as number) < 0) return d.fail(422, d.codes.validation, 'stock must be a non-negative integer');
        item.stock = stock!;
      } else {
        const status = d.statusValue(body, action ?? '');
        if (!status) return d.fail(422, d.codes.validation, 'invalid status');
        item.status = status;
      }
      item.updatedAt = Date.now();
      return d.ok(d.toWire(item));
    };
  }
}
