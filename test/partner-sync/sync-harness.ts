import { DomainEvents } from '@tradefloor/core';
import { simulatorEnv, startPartnerSim, type PartnerSim, type PartnerSimOptions } from '../../apps/partner-sim/src';
import type { TestUser } from '../harness/auth';
import { categoryId, type FixtureEnterprise } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

export const PARTNER_CATEGORY = '100629';

/** Environment pointing the app at the simulator, with limits tuned for fast tests. */
export function syncEnv(sim: PartnerSim, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...simulatorEnv(sim),
    SHOPEE_RATE_PER_SECOND: '1000',
    TIKTOK_SHOP_RATE_PER_SECOND: '1000',
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

/** Every channel the engine pushes to: the fault-tolerance suites run against each. */
export const PUSH_CHANNELS = ['shopee', 'tiktok-shop', 'voso', 'postmart'] as const;
export type PushChannelName = (typeof PUSH_CHANNELS)[number];
/** Channels sellers connect through the partner's consent page. */
export const AUTHORIZATION_CHANNELS = ['shopee', 'tiktok-shop'] as const;
export type AuthorizationChannel = (typeof AUTHORIZATION_CHANNELS)[number];

/** Where the simulated TikTok app sends sellers back (registered in Partner Center for a real app). */
export function registerTikTokRedirect(t: TestApp, sim: PartnerSim): void {
  sim.tiktok.opts.redirectUrl = `${t.config.publicBaseUrl}/quan-ly/kenh-ban/uy-quyen-tiktok-shop`;
}

/** The browser-binding cookie a connect response set, as a Cookie header. */
export function bindingCookie(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'] as string[] | string | undefined;
  const cookie = [set ?? []].flat().find((c) => c.startsWith('tf_channel_auth='));
  if (!cookie) throw new Error('the connect response set no browser-binding cookie');
  return cookie.split(';')[0];
}

export interface Consent {
  /** The query the partner sent the browser back with (code, state, shop…). */
  query: Record<string, string>;
  /** The page the browser was sent back to (path and query). */
  returnTo: string;
  /** Cookie header of the browser that started. */
  cookie: string;
}

/**
 * Starts an authorisation as `user` (an owner or member) and lets the simulated seller consent
 * at once (as shop `simShopId` when given): the partner's redirect back, not yet followed.
 */
export async function consent(
  t: TestApp,
  sim: PartnerSim,
  ent: FixtureEnterprise,
  channel: AuthorizationChannel,
  user: TestUser = ent.owner,
  simShopId?: string,
): Promise<Consent> {
  if (channel === 'tiktok-shop') registerTikTokRedirect(t, sim);
  const res = await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(user.auth).send({ channel, shareConsent: true }).expect(201);
  const url = new URL(res.body.authorizationUrl);
  if (simShopId) url.searchParams.set('sim_shop_id', simShopId);
  const back = await fetch(url, { redirect: 'manual' });
  const location = new URL(back.headers.get('location')!);
  return { query: Object.fromEntries(location.searchParams), returnTo: `${location.pathname}${location.search}`, cookie: bindingCookie(res) };
}

/** Goes through the partner's consent (the simulator consents at once) and our API callback, as the owner in the same browser. */
export async function connectAuthorized(
  t: TestApp,
  sim: PartnerSim,
  ent: FixtureEnterprise,
  channel: AuthorizationChannel,
  simShopId?: string,
): Promise<string> {
  const c = await consent(t, sim, ent, channel, ent.owner, simShopId);
  const cb = await t.http.get(`/api/v1/channels/${channel}/callback`).query(c.query).set(ent.owner.auth).set('Cookie', c.cookie).expect(200);
  return cb.body.shopId;
}

export const vosoCredentials = (ent: FixtureEnterprise) => ({ username: ent.slug, password: `pw-${ent.slug}` });
export const postmartCredentials = (ent: FixtureEnterprise) => ({ apiKey: `pm_${ent.slug}`, apiSecret: `sk-pm_${ent.slug}` });

/** Connects one channel; returns the shop's key in the simulator's store. */
export async function connectChannel(t: TestApp, sim: PartnerSim, ent: FixtureEnterprise, channel: PushChannelName): Promise<string> {
  if (channel === 'shopee' || channel === 'tiktok-shop') return connectAuthorized(t, sim, ent, channel);
  const credentials = channel === 'voso' ? vosoCredentials(ent) : postmartCredentials(ent);
  await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).send({ channel, shareConsent: true, credentials }).expect(201);
  return channel === 'voso' ? ent.slug : `pm_${ent.slug}`;
}

/** Maps the fixtures' fruit category and sets the logistics channel (Shopee) / warehouse (TikTok Shop) and a default weight. */
export async function configureChannel(t: TestApp, ent: FixtureEnterprise, channel: string): Promise<void> {
  const categoryMap = { [await categoryId(t, 'trai-cay')]: PARTNER_CATEGORY };
  await t.http
    .put(`/api/v1/enterprises/${ent.id}/channels/${channel}/settings`)
    .set(ent.owner.auth)
    .send({ categoryMap, logisticsChannelId: '50018', defaultWeightGrams: 500 })
    .expect(200);
}

/** Connects and configures `channels` (default: every push channel); the shop of each in the simulator. */
export async function connectAll(
  t: TestApp,
  sim: PartnerSim,
  ent: FixtureEnterprise,
  channels: readonly PushChannelName[] = PUSH_CHANNELS,
): Promise<Record<PushChannelName, string>> {
  const shops = {} as Record<PushChannelName, string>;
  for (const channel of channels) {
    shops[channel] = await connectChannel(t, sim, ent, channel);
    await configureChannel(t, ent, channel);
  }
  return shops;
}

/** A product name every partner accepts (TikTok Shop wants at least 25 characters). */
export const productName = (what: string) => `${what} — đặc sản Trà Vinh`;

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
