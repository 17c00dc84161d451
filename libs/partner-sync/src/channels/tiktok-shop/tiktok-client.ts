import { SyncError, type ChannelContext, type PartnerHttp } from '../channel.types';
import { multipartBody } from '../images';
import type { TikTokShopConfig } from './tiktok-shop.config';
import { parseTikTokEnvelope } from './tiktok-errors';
import { tiktokSign } from './tiktok-signer';

type Ctx = ChannelContext<TikTokShopConfig>;

interface App {
  appKey: string;
  appSecret: string;
  serviceId: string;
}

export interface TikTokTokens {
  access_token: string;
  access_token_expire_in: number;
  refresh_token: string;
  refresh_token_expire_in: number;
  seller_name?: string;
}

/** The app's credentials, or a configuration error that stops every call (no retry can fix it). */
export function tiktokApp(platform: TikTokShopConfig): App {
  if (!platform.appKey || !platform.appSecret || !platform.serviceId) {
    throw new SyncError('signature', 'TikTok Shop chưa được cấu hình trên sàn (TIKTOK_SHOP_APP_KEY / _APP_SECRET / _SERVICE_ID missing)');
  }
  return { appKey: platform.appKey, appSecret: platform.appSecret, serviceId: platform.serviceId };
}

/** TikTok checks the timestamp against its own clock (now−5 min … now+30 s): the wall clock, not the engine's. */
const timestamp = () => String(Math.floor(Date.now() / 1000));

interface CallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
  /** Shop-scoped endpoints take `shop_cipher`; some (authorization, image upload) refuse it. */
  shopScoped?: boolean;
  accessToken?: string;
  unmetered?: boolean;
}

/** Signed calls to the Partner API (versioned 202309 paths) and the token host. */
export const tiktokClient = {
  async call<T>(ctx: Pick<Ctx, 'platform' | 'http' | 'secrets'>, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, o: CallOptions = {}): Promise<T> {
    const app = tiktokApp(ctx.platform);
    const query: Record<string, string> = { app_key: app.appKey, timestamp: timestamp() };
    for (const [k, v] of Object.entries(o.query ?? {})) query[k] = String(v);
    if (o.shopScoped !== false) query.shop_cipher = String(ctx.secrets.shopCipher ?? '');
    const body = o.body === undefined ? '' : JSON.stringify(o.body);
    query.sign = tiktokSign(app.appSecret, path, query, body);
    const res = await ctx.http.send({
      method,
      url: `${ctx.platform.apiBaseUrl}${path}?${new URLSearchParams(query).toString()}`,
      headers: {
        'content-type': 'application/json',
        'x-tts-access-token': o.accessToken ?? String(ctx.secrets.accessToken ?? ''),
      },
      body: body || undefined,
      unmetered: o.unmetered,
    });
    return parseTikTokEnvelope<T>(res.status, res.text);
  },

  /** Multipart upload: the body is never signed, and the image endpoint refuses shop_cipher. */
  async upload<T>(ctx: Ctx, path: string, file: { bytes: Buffer; filename: string; contentType: string }, fields: Record<string, string>): Promise<T> {
    const app = tiktokApp(ctx.platform);
    const query: Record<string, string> = { app_key: app.appKey, timestamp: timestamp() };
    query.sign = tiktokSign(app.appSecret, path, query);
    const form = multipartBody({ field: 'data', ...file }, fields);
    const res = await ctx.http.send({
      method: 'POST',
      url: `${ctx.platform.apiBaseUrl}${path}?${new URLSearchParams(query).toString()}`,
      headers: { 'content-type': form.contentType, 'x-tts-access-token': String(ctx.secrets.accessToken ?? '') },
      body: form.body,
    });
    return parseTikTokEnvelope<T>(res.status, res.text);
  },

  /** Token host: `token/get` (grant_type=authorized_code) and `token/refresh`; not signed, the app secret is a parameter. */
  async token(platform: TikTokShopConfig, http: PartnerHttp, path: 'get' | 'refresh', params: Record<string, string>): Promise<TikTokTokens> {
    const app = tiktokApp(platform);
    const query = new URLSearchParams({ app_key: app.appKey, app_secret: app.appSecret, ...params });
    const res = await http.send({ method: 'GET', url: `${platform.authBaseUrl}/api/v2/token/${path}?${query.toString()}`, unmetered: true });
    const data = parseTikTokEnvelope<Partial<TikTokTokens>>(res.status, res.text);
    if (typeof data.access_token !== 'string' || typeof data.refresh_token !== 'string' || typeof data.access_token_expire_in !== 'number') {
      throw new SyncError('unknown_outcome', 'TikTok Shop: phản hồi token không đầy đủ (token answer incomplete)');
    }
    return data as TikTokTokens;
  },
};
