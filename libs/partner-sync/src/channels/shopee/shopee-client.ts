import { SyncError, type ChannelContext, type PartnerHttp } from '../channel.types';
import { multipartBody } from '../images';
import { shopeeError } from './shopee-errors';
import { shopeeSign } from './shopee-signer';

export interface ShopeePlatform {
  baseUrl: string;
  partnerId: number;
  partnerKey: string;
}

type Query = Record<string, string | number | Array<string | number> | undefined>;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else params.set(k, String(v));
  }
  return params.toString();
}

/** Parses Shopee's envelope and decides on the `error` field, never on the HTTP status alone. */
export function parseEnvelope<T>(status: number, text: string): T {
  let body: { error?: string; message?: string } & Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    if (status === 429) throw new SyncError('throttled', `Shopee: HTTP 429`);
    // A garbled body tells us nothing about whether the call was applied.
    throw new SyncError('unknown_outcome', `Shopee: phản hồi không đọc được (unreadable response, HTTP ${status})`);
  }
  if (!body || typeof body !== 'object') throw new SyncError('unknown_outcome', `Shopee: phản hồi không hợp lệ (invalid response)`);
  if (body.error) throw shopeeError(String(body.error), String(body.message ?? ''));
  if (status >= 500) throw new SyncError('transient', `Shopee: HTTP ${status}`);
  return body as T;
}

/** Signed calls to the Shopee Open Platform v2 (partners.md). */
export class ShopeeClient {
  constructor(private readonly platform: ShopeePlatform) {}

  /** Shopee checks the timestamp against its own clock (±5 minutes): the wall clock, not the engine's. */
  private now(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** The seller consent URL; Shopee redirects back to `redirect` with ?code&shop_id. */
  authorizationUrl(redirect: string): string {
    const path = '/api/v2/shop/auth_partner';
    const timestamp = this.now();
    const sign = shopeeSign(this.platform.partnerKey, this.platform.partnerId, path, timestamp);
    return `${this.platform.baseUrl}${path}?${queryString({ partner_id: this.platform.partnerId, timestamp, sign, redirect })}`;
  }

  /** Public/auth call (no access token in the signature). */
  async publicPost<T>(http: PartnerHttp, path: string, body: object): Promise<T> {
    const timestamp = this.now();
    const sign = shopeeSign(this.platform.partnerKey, this.platform.partnerId, path, timestamp);
    const url = `${this.platform.baseUrl}${path}?${queryString({ partner_id: this.platform.partnerId, timestamp, sign })}`;
    const res = await http.send({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), unmetered: true });
    return parseEnvelope<T>(res.status, res.text);
  }

  private shopUrl(ctx: ChannelContext, path: string, query: Query = {}): string {
    const timestamp = this.now();
    const accessToken = String(ctx.secrets.accessToken ?? '');
    const shopId = ctx.shopId ?? '';
    const sign = shopeeSign(this.platform.partnerKey, this.platform.partnerId, path, timestamp, accessToken, shopId);
    return `${this.platform.baseUrl}${path}?${queryString({ ...query, partner_id: this.platform.partnerId, timestamp, sign, access_token: accessToken, shop_id: shopId })}`;
  }

  async get<T>(ctx: ChannelContext, path: string, query: Query): Promise<T> {
    const res = await ctx.http.send({ method: 'GET', url: this.shopUrl(ctx, path, query) });
    return parseEnvelope<{ response: T }>(res.status, res.text).response;
  }

  async post<T>(ctx: ChannelContext, path: string, body: object): Promise<T> {
    const res = await ctx.http.send({
      method: 'POST',
      url: this.shopUrl(ctx, path),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return parseEnvelope<{ response: T }>(res.status, res.text).response;
  }

  async upload<T>(ctx: ChannelContext, path: string, field: string, filename: string, contentType: string, bytes: Buffer): Promise<T> {
    const form = multipartBody({ field, filename, contentType, bytes });
    const res = await ctx.http.send({ method: 'POST', url: this.shopUrl(ctx, path), headers: { 'content-type': form.contentType }, body: form.body });
    return parseEnvelope<{ response: T }>(res.status, res.text).response;
  }
}
