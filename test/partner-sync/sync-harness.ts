import { DomainEvents } from '@tradefloor/core';
import { startPartnerSim, SIM_DEFAULTS, type PartnerSim, type PartnerSimOptions } from '../../apps/partner-sim/src';
import { categoryId, type FixtureEnterprise } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

export const PARTNER_CATEGORY = '100629';

/** Environment pointing the app at the simulator, with limits tuned for fast tests. */
export function syncEnv(sim: PartnerSim, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SHOPEE_BASE_URL: sim.url,
    VOSO_BASE_URL: sim.url,
    POSTMART_BASE_URL: sim.url,
    SHOPEE_PARTNER_ID: String(SIM_DEFAULTS.partnerId),
    SHOPEE_PARTNER_KEY: SIM_DEFAULTS.partnerKey,
    SHOPEE_RATE_PER_SECOND: '1000',
    VOSO_RATE_PER_SECOND: '1000',
    POSTMART_RATE_PER_SECOND: '1000',
    SYNC_CONCURRENCY: '16',
    WORKER_CONCURRENCY: '24',
    DB_POOL_SIZE: '30',
    SYNC_MAX_ATTEMPTS: '60',
    SYNC_BACKOFF_BASE_MS: '20',
    SYNC_BACKOFF_MAX_MS: '300',
    SYNC_HTTP_TIMEOUT_MS: '3000',
    SYNC_LISTING_LEASE_SECONDS: '10',
    JOB_POLL_INTERVAL_MS: '50',
    ...extra,
  };
}

export function startSim(options: PartnerSimOptions = {}): Promise<PartnerSim> {
  return startPartnerSim(options);
}

/** Goes through Shopee's consent redirect (the simulator consents at once) and our callback. */
export async function connectShopee(t: TestApp, ent: FixtureEnterprise): Promise<string> {
  const res = await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).send({ channel: 'shopee' }).expect(201);
  const consent = await fetch(res.body.authorizationUrl, { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const cb = await t.http
    .get('/api/v1/channels/shopee/callback')
    .query({ code: back.searchParams.get('code'), shop_id: back.searchParams.get('shop_id'), state: back.searchParams.get('state') })
    .expect(200);
  return cb.body.shopId;
}

export const vosoCredentials = (ent: FixtureEnterprise) => ({ username: ent.slug, password: `pw-${ent.slug}` });
export const postmartCredentials = (ent: FixtureEnterprise) => ({ apiKey: `pm_${ent.slug}`, apiSecret: `sk-pm_${ent.slug}` });

export async function connectAll(t: TestApp, ent: FixtureEnterprise): Promise<{ shopeeShop: string; vosoShop: string; postmartShop: string }> {
  const shopeeShop = await connectShopee(t, ent);
  await t.http
    .post(`/api/v1/enterprises/${ent.id}/channels`)
    .set(ent.owner.auth)
    .send({ channel: 'voso', credentials: vosoCredentials(ent) })
    .expect(201);
  await t.http
    .post(`/api/v1/enterprises/${ent.id}/channels`)
    .set(ent.owner.auth)
    .send({ channel: 'postmart', credentials: postmartCredentials(ent) })
    .expect(201);
  const categoryMap = { [await categoryId(t, 'trai-cay')]: PARTNER_CATEGORY };
  for (const channel of ['shopee', 'voso', 'postmart']) {
    await t.http
      .put(`/api/v1/enterprises/${ent.id}/channels/${channel}/settings`)
      .set(ent.owner.auth)
      .send({ categoryMap, logisticsChannelId: '50018', defaultWeightGrams: 500 })
      .expect(200);
  }
  return { shopeeShop, vosoShop: ent.slug, postmartShop: `pm_${ent.slug}` };
}

export async function selectProducts(t: TestApp, ent: FixtureEnterprise, channel: string, productIds: string[]): Promise<void> {
  for (let i = 0; i < productIds.length; i += 500) {
    await t.http
      .put(`/api/v1/enterprises/${ent.id}/channels/${channel}/products`)
      .set(ent.owner.auth)
      .send({ productIds: productIds.slice(i, i + 500), mode: 'add' })
      .expect(200);
  }
}

/** A product edit the way the catalog does it: the write and its change event in one transaction. */
export async function editProduct(
  t: TestApp,
  productId: string,
  set: { priceVnd?: number; stockQuantity?: number; status?: string; name?: string },
): Promise<void> {
  const events = t.app.get(DomainEvents);
  await t.dataSource.transaction(async (m) => {
    await m.query(
      `UPDATE products SET price_vnd = COALESCE($2, price_vnd), stock_quantity = COALESCE($3, stock_quantity), status = COALESCE($4, status),
              name = COALESCE($5, name), updated_at = now() WHERE id = $1`,
      [productId, set.priceVnd ?? null, set.stockQuantity ?? null, set.status ?? null, set.name ?? null],
    );
    await events.publish(m, 'product.changed', { productId });
  });
}

export async function listingStates(t: TestApp, where = 'true', params: unknown[] = []): Promise<Record<string, number>> {
  const rows: Array<{ state: string; n: number }> = await t.dataSource.query(
    `SELECT state, count(*)::int AS n FROM listings WHERE ${where} GROUP BY state`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, describe?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `: ${JSON.stringify(await describe())}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** True when every listing matching `where` is in one of `states` and no listing job is waiting to run. */
export async function settled(t: TestApp, states: string[], where = 'true', params: unknown[] = []): Promise<boolean> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listings WHERE ${where} AND NOT (state = ANY($${params.length + 1}))`, [
    ...params,
    states,
  ]);
  if (n > 0) return false;
  const [{ j }] = await t.dataSource.query(`SELECT count(*)::int AS j FROM jobs WHERE queue LIKE 'partner-sync.%' AND status IN ('pending','running')
    AND queue <> 'partner-sync.reconcile' AND queue <> 'partner-sync.reconcile-connection'`);
  return j === 0;
}
