/** What the simulated partners hold, so tests can count duplicates and inspect values. */
export interface SimItem {
  id: string;
  sku: string;
  name: string;
  price: number;
  stock: number;
  /** active | unlisted | deleted */
  status: 'active' | 'unlisted' | 'deleted';
  categoryId: string;
  weightGrams: number;
  imageIds: string[];
  updatedAt: number;
  /** Partners that name SKUs apart from items (TikTok Shop): the SKU's own id and warehouse. */
  skuId?: string;
  warehouseId?: string;
}

export interface ShopCounters {
  requests: number;
  firstAt: number;
  lastAt: number;
  throttled: number;
}

export class SimStore {
  private nextId = 800_000_000;
  /** `${channel}:${shop}` → items by id. */
  readonly shops = new Map<string, Map<string, SimItem>>();
  readonly counters = new Map<string, ShopCounters>();
  refreshTokenReuse = 0;
  /** Every request a partner received, by partner and path (also those refused before reaching the catalog). */
  readonly calls: Record<string, Record<string, number>> = {};
  refreshes = 0;
  faultsInjected = { transient: 0, throttle: 0, drop: 0, malformed: 0, burst429: 0 };

  countCall(partner: string, path: string): void {
    const byPath = (this.calls[partner] ??= {});
    byPath[path] = (byPath[path] ?? 0) + 1;
  }

  /** Shopee requests by api path (kept for the Shopee tests). */
  get shopeeCalls(): Record<string, number> {
    return (this.calls.shopee ??= {});
  }

  shop(channel: string, shop: string): Map<string, SimItem> {
    const key = `${channel}:${shop}`;
    let m = this.shops.get(key);
    if (!m) this.shops.set(key, (m = new Map()));
    return m;
  }

  newId(): string {
    return String(++this.nextId);
  }

  count(channel: string, shop: string, now: number): void {
    const key = `${channel}:${shop}`;
    const c = this.counters.get(key) ?? { requests: 0, firstAt: now, lastAt: now, throttled: 0 };
    c.requests++;
    c.lastAt = now;
    this.counters.set(key, c);
  }

  findBySku(channel: string, shop: string, sku: string): SimItem[] {
    return [...this.shop(channel, shop).values()].filter((i) => i.sku === sku && i.status !== 'deleted');
  }

  snapshot() {
    const shops: Record<
      string,
      { items: number; active: number; unlisted: number; duplicateSkus: number; requests: number; throttled: number; ratePerSecond: number }
    > = {};
    let duplicateSkus = 0;
    let items = 0;
    for (const [key, m] of this.shops) {
      const live = [...m.values()].filter((i) => i.status !== 'deleted');
      const bySku = new Map<string, number>();
      for (const i of live) bySku.set(i.sku, (bySku.get(i.sku) ?? 0) + 1);
      const dup = [...bySku.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
      duplicateSkus += dup;
      items += live.length;
      const c = this.counters.get(key);
      const span = c ? (c.lastAt - c.firstAt) / 1000 : 0;
      shops[key] = {
        items: live.length,
        active: live.filter((i) => i.status === 'active').length,
        unlisted: live.filter((i) => i.status === 'unlisted').length,
        duplicateSkus: dup,
        requests: c?.requests ?? 0,
        throttled: c?.throttled ?? 0,
        ratePerSecond: span > 0 ? (c!.requests - 1) / span : 0,
      };
    }
    return { items, duplicateSkus, refreshTokenReuse: this.refreshTokenReuse, refreshes: this.refreshes, faultsInjected: this.faultsInjected, shops };
  }

  /** Items of a shop by SKU (tests check the latest values reached the partner). */
  itemsBySku(channel: string, shop: string): Record<string, SimItem> {
    const out: Record<string, SimItem> = {};
    for (const i of this.shop(channel, shop).values()) if (i.status !== 'deleted') out[i.sku] = i;
    return out;
  }
}
