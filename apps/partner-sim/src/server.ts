import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EidSim, type EidPerson, type EidSimOptions } from './eid-sim';
import type { CarrierSimOptions } from './carrier-sim';
import { NO_FAULTS, type SimFaults } from './faults';
import { GhnSim } from './ghn-sim';
import { GhtkSim } from './ghtk-sim';
import { send, type SimRequest } from './http-util';
import { RestSim, type RestSimOptions } from './rest-sim';
import { ShopeeSim, type ShopeeSimOptions } from './shopee-sim';
import { SimStore } from './sim-store';
import { TikTokSim, type TikTokSimOptions } from './tiktok-sim';

export interface PartnerSimOptions {
  port?: number;
  host?: string;
  faults?: Partial<SimFaults>;
  shopee?: Partial<ShopeeSimOptions>;
  tiktok?: Partial<TikTokSimOptions>;
  voso?: Partial<RestSimOptions>;
  postmart?: Partial<RestSimOptions>;
  eid?: Partial<EidSimOptions>;
  ghn?: Partial<CarrierSimOptions>;
  ghtk?: Partial<CarrierSimOptions>;
}

export interface PartnerSim {
  url: string;
  port: number;
  store: SimStore;
  shopee: ShopeeSim;
  tiktok: TikTokSim;
  voso: RestSim;
  postmart: RestSim;
  eid: EidSim;
  ghn: GhnSim;
  ghtk: GhtkSim;
  setFaults(faults: Partial<SimFaults>): void;
  state(): ReturnType<SimStore['snapshot']>;
  stop(): Promise<void>;
}

export const SIM_DEFAULTS = {
  partnerId: 2_000_001,
  partnerKey: 'sim-partner-key-0123456789abcdef',
  tiktok: { appKey: 'simttsappkey01', appSecret: 'sim-tts-app-secret-0123456789abcdef', serviceId: '7310000000000000001' },
  eid: { apiKey: 'sim-eid-api-key-0123456789', webhookSecret: 'sim-eid-webhook-secret-0123456789abcdef' },
};

/** The variables that point a TradeFloor process at this simulator, with the simulator's app credentials. */
export function simulatorEnv(sim: Pick<PartnerSim, 'url'>): Record<string, string> {
  return {
    SHOPEE_BASE_URL: sim.url,
    SHOPEE_PARTNER_ID: String(SIM_DEFAULTS.partnerId),
    SHOPEE_PARTNER_KEY: SIM_DEFAULTS.partnerKey,
    TIKTOK_SHOP_API_BASE_URL: sim.url,
    TIKTOK_SHOP_AUTH_BASE_URL: sim.url,
    TIKTOK_SHOP_AUTHORIZE_URL: `${sim.url}/open/authorize`,
    TIKTOK_SHOP_APP_KEY: SIM_DEFAULTS.tiktok.appKey,
    TIKTOK_SHOP_APP_SECRET: SIM_DEFAULTS.tiktok.appSecret,
    TIKTOK_SHOP_SERVICE_ID: SIM_DEFAULTS.tiktok.serviceId,
    VOSO_BASE_URL: sim.url,
    POSTMART_BASE_URL: sim.url,
    IDENTITY_EID_BASE_URL: `${sim.url}/eid`,
    IDENTITY_EID_API_KEY: SIM_DEFAULTS.eid.apiKey,
    IDENTITY_EID_WEBHOOK_SECRET: SIM_DEFAULTS.eid.webhookSecret,
    GHN_BASE_URL: `${sim.url}/shiip/public-api`,
    GHTK_BASE_URL: sim.url,
  };
}

function mergeFaults(base: SimFaults, patch: Partial<SimFaults>): SimFaults {
  return { ...base, ...patch, burst429: { count: patch.burst429?.count ?? base.burst429.count } };
}

/**
 * One server speaking Shopee Open Platform v2, TikTok Shop's Partner API (202309) and our Voso
 * and Postmart default contracts (docs/partners/), with one fault-injection model for all.
 * Admin endpoints under /__sim.
 */
export async function startPartnerSim(options: PartnerSimOptions = {}): Promise<PartnerSim> {
  let faults = mergeFaults(NO_FAULTS, options.faults ?? {});
  const store = new SimStore();
  const shopee = new ShopeeSim(
    {
      partnerId: SIM_DEFAULTS.partnerId,
      partnerKey: SIM_DEFAULTS.partnerKey,
      accessTtlSeconds: 4 * 3600,
      ratePerSecond: 1000,
      dailyQuota: 1_000_000,
      requireImages: false,
      ...options.shopee,
    },
    store,
    () => faults,
  );
  const tiktok = new TikTokSim(
    {
      ...SIM_DEFAULTS.tiktok,
      accessTtlSeconds: 7 * 86400,
      refreshTtlSeconds: 365 * 86400,
      ratePerSecond: 1000,
      requireImages: false,
      ...options.tiktok,
    },
    store,
    () => faults,
  );
  const voso = new RestSim('voso', { ratePerSecond: 1000, tokenTtlSeconds: 3600, ...options.voso }, store, () => faults);
  let baseUrl = '';
  const eid = new EidSim(
    { ...SIM_DEFAULTS.eid, sessionTtlSeconds: 1800, ...options.eid },
    () => faults,
    () => baseUrl,
  );
  const ghn = new GhnSim({ webhookRetryDelayMs: 5000, ...options.ghn }, store, () => faults);
  const ghtk = new GhtkSim({ webhookRetryDelayMs: 5000, ...options.ghtk }, store, () => faults);
  const carrier = (name: string) => (name === 'ghn' ? ghn : name === 'ghtk' ? ghtk : null);
  const postmart = new RestSim('postmart', { ratePerSecond: 1000, tokenTtlSeconds: 3600, ...options.postmart }, store, () => faults);

  const admin = async (r: SimRequest): Promise<void> => {
    const body = r.json<Record<string, unknown>>() ?? {};
    switch (`${r.method} ${r.path}`) {
      case 'GET /__sim/state':
        return send(r.res, 200, { faults, ...store.snapshot() });
      case 'POST /__sim/faults':
        faults = mergeFaults(faults, body as Partial<SimFaults>);
        return send(r.res, 200, { faults });
      case 'POST /__sim/expire-tokens':
        shopee.expireAccessTokens();
        tiktok.expireAccessTokens();
        voso.expireTokens();
        return send(r.res, 200, { ok: true });
      case 'GET /__sim/items': {
        const channel = r.query.get('channel') ?? 'shopee';
        return send(r.res, 200, store.itemsBySku(channel, r.query.get('shop') ?? ''));
      }
      case 'POST /__sim/shopee/push': {
        // Sends a signed push to `url` like Shopee would.
        const payload = JSON.stringify({
          shop_id: Number(body.shop_id),
          code: 8,
          timestamp: Math.floor(Date.now() / 1000),
          data: { item_id: Number(body.item_id) },
        });
        const url = String(body.url);
        const signature = createHmac('sha256', shopee.opts.partnerKey).update(`${url}|${payload}`).digest('hex');
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: signature }, body: payload });
        return send(r.res, 200, { status: res.status, body: await res.text() });
      }
      case 'POST /__sim/tiktok-shop/app':
        // What the app's owner sets in TikTok Partner Center: the redirect after consent.
        tiktok.opts.redirectUrl = String(body.redirectUrl);
        return send(r.res, 200, { redirectUrl: tiktok.opts.redirectUrl });
      case 'POST /__sim/tiktok-shop/push':
        // Sends a signed webhook to `url` like TikTok would (type 5: product status).
        return send(
          r.res,
          200,
          await tiktok.push(String(body.url), {
            type: Number(body.type ?? 5),
            shopId: String(body.shop_id),
            data: body.product_id !== undefined ? { product_id: String(body.product_id), status: 'ACTIVATE' } : {},
          }),
        );
      case 'POST /__sim/eid/person':
        // Who the next electronic identity sessions prove.
        eid.person = { ...eid.person, ...(body as Partial<EidPerson>) };
        return send(r.res, 200, { person: eid.person });
      case 'POST /__sim/eid/complete':
        // Settles a session as if the citizen answered, and notifies (subject to eidNotify).
        return send(r.res, 200, await eid.complete(String(body.id), body.outcome === 'failed' ? 'failed' : 'verified'));
      case 'GET /__sim/eid/sessions':
        return send(r.res, 200, { sessions: [...eid.sessions.values()], delivered: eid.delivered });
      case 'GET /__sim/carriers':
        return send(r.res, 200, { ghn: ghn.snapshot(), ghtk: ghtk.snapshot() });
      default: {
        // Carriers: POST /__sim/{ghn|ghtk}/webhook-url {url} · /advance {code, status, reason?} · /flush-webhooks
        const m = /^\/__sim\/(ghn|ghtk)\/(webhook-url|advance|flush-webhooks)$/.exec(r.path);
        const c = m && r.method === 'POST' ? carrier(m[1]) : null;
        if (!m || !c) return send(r.res, 404, { error: 'unknown sim admin endpoint' });
        if (m[2] === 'webhook-url') c.webhookUrl = body.url ? String(body.url) : null;
        else if (m[2] === 'advance') await c.advance(String(body.code), String(body.status), body.reason ? String(body.reason) : undefined);
        else await c.flushWebhooks();
        return send(r.res, 200, { ok: true });
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://sim');
      let parsed: unknown;
      const r: SimRequest = {
        req,
        res,
        method: req.method ?? 'GET',
        path: url.pathname,
        pathWithQuery: `${url.pathname}${url.search}`,
        query: url.searchParams,
        raw,
        json: <T>() => {
          if (parsed === undefined && raw.length && String(req.headers['content-type'] ?? '').includes('json')) {
            try {
              parsed = JSON.parse(raw.toString('utf8'));
            } catch {
              parsed = null;
            }
          }
          return (parsed ?? undefined) as T | undefined;
        },
      };
      const run = async () => {
        if (r.path.startsWith('/__sim/')) return admin(r);
        // TikTok's token paths (/api/v2/token/…) sit beside Shopee's /api/v2/…: TikTok first.
        if (await tiktok.handle(r)) return;
        if (await shopee.handle(r)) return;
        if (await voso.handle(r)) return;
        if (await postmart.handle(r)) return;
        if (await eid.handle(r)) return;
        if (await ghn.handle(r)) return;
        if (await ghtk.handle(r)) return;
        send(res, 404, { error: 'not found' });
      };
      run().catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, { error: 'sim failure', message: String(err) });
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    shopee,
    tiktok,
    voso,
    postmart,
    eid,
    ghn,
    ghtk,
    setFaults: (f) => (faults = mergeFaults(faults, f)),
    state: () => store.snapshot(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
