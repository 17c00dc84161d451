import { hmacSha256Hex } from '../signatures';

/**
 * TikTok Shop request signature (202309): the query parameters except `sign` and `access_token`,
 * sorted by key, concatenated as key+value after the path, then the raw body (never for
 * multipart), wrapped in the app secret on both sides; lowercase hex HMAC-SHA256 keyed with the
 * app secret. The body must be the exact bytes sent: serialise once, sign and send that string.
 */
export function tiktokSign(appSecret: string, path: string, query: Record<string, string>, body = ''): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${query[k]}`)
    .join('');
  return hmacSha256Hex(appSecret, `${appSecret}${path}${params}${body}${appSecret}`);
}

/** Webhook signature (`Authorization` header): hex HMAC-SHA256(app secret, app key + raw body), no wrapping. */
export function tiktokWebhookSignature(appSecret: string, appKey: string, rawBody: Buffer | string): string {
  return hmacSha256Hex(appSecret, Buffer.concat([Buffer.from(appKey), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody)]));
}
