import { hmacSha256Hex } from '../signatures';

/**
 * Shopee Open Platform v2 signature: lowercase hex HMAC-SHA256 keyed with the partner key over
 * partner_id + api_path + timestamp (+ access_token + shop_id for shop-level calls), no separators.
 */
export function shopeeSign(partnerKey: string, partnerId: number, apiPath: string, timestamp: number, accessToken?: string, shopId?: string | number): string {
  const base = `${partnerId}${apiPath}${timestamp}${accessToken ?? ''}${shopId ?? ''}`;
  return hmacSha256Hex(partnerKey, base);
}

/** Push (webhook) signature: hex HMAC-SHA256(partner_key, url + "|" + raw body). */
export function shopeePushSignature(partnerKey: string, url: string, rawBody: Buffer | string): string {
  return hmacSha256Hex(partnerKey, Buffer.concat([Buffer.from(`${url}|`), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]));
}
