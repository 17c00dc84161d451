import { ConfigError, loadConfig } from '@tradefloor/core';
import { createHmac } from 'node:crypto';
import { SyncError } from '../channel.types';
import { classifyTikTokError, parseTikTokEnvelope } from './tiktok-errors';
import { tiktokShopChannel } from './tiktok-shop.channel';
import { TIKTOK_SHOP_CONFIG } from './tiktok-shop.config';
import { tiktokSign, tiktokWebhookSignature } from './tiktok-signer';

const classOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as SyncError).errorClass;
  }
  return 'none';
};

describe('TikTok Shop 202309: signing', () => {
  it('matches the official test vector (secret e59af819cc, GET /authorization/202309/shops)', () => {
    expect(tiktokSign('e59af819cc', '/authorization/202309/shops', { app_key: '29a39d', timestamp: '1623812664' })).toBe(
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  it('sorts the parameters, leaves out sign and access_token, and appends the exact body', () => {
    const secret = 's3cr3t';
    const body = '{"product_ids":["1","2"]}';
    const signed = tiktokSign(
      secret,
      '/product/202309/products/deactivate',
      { timestamp: '1700000000', shop_cipher: 'ROW_x', app_key: 'k', sign: 'old', access_token: 't' },
      body,
    );
    const base = `/product/202309/products/deactivateapp_keykshop_cipherROW_xtimestamp1700000000${body}`;
    expect(signed).toBe(createHmac('sha256', secret).update(`${secret}${base}${secret}`).digest('hex'));
    // A body serialised differently (spaces) is a different signature: what is signed must be what is sent.
    expect(tiktokSign(secret, '/p', { app_key: 'k' }, '{"a": 1}')).not.toBe(tiktokSign(secret, '/p', { app_key: 'k' }, '{"a":1}'));
  });

  it('verifies webhooks signed as HMAC(app secret, app key + raw body), nothing else', () => {
    const platform = TIKTOK_SHOP_CONFIG.load(
      loadConfig({ TIKTOK_SHOP_APP_KEY: 'appkey', TIKTOK_SHOP_APP_SECRET: 'appsecret', TIKTOK_SHOP_SERVICE_ID: '7001' }).env,
    );
    const raw = Buffer.from('{"type":5,"shop_id":"7494","tts_notification_id":"n1","timestamp":1700000000,"data":{"product_id":"1729"}}');
    const good = createHmac('sha256', 'appsecret').update(`appkey${raw.toString()}`).digest('hex');
    expect(tiktokWebhookSignature('appsecret', 'appkey', raw)).toBe(good);
    const webhook = tiktokShopChannel.webhook!;
    expect(webhook.verify(platform, { url: 'ignored', rawBody: raw, headers: { authorization: good } })).toBe(true);
    expect(webhook.verify(platform, { url: 'ignored', rawBody: raw, headers: { authorization: good.toUpperCase() } })).toBe(true);
    expect(webhook.verify(platform, { url: 'ignored', rawBody: Buffer.concat([raw, Buffer.from(' ')]), headers: { authorization: good } })).toBe(false);
    expect(webhook.verify(platform, { url: 'ignored', rawBody: raw, headers: {} })).toBe(false);
    expect(webhook.read(raw)).toEqual({ shopId: '7494', notificationId: 'n1', itemId: '1729' });
    expect(webhook.read(Buffer.from('{"type":6,"shop_id":"7494"}'))).toEqual({ shopId: '7494', deauthorized: true });
    expect(webhook.read(Buffer.from('{"type":1,"shop_id":"7494","data":{"order_id":"5"}}'))).toBeNull();
    expect(webhook.read(Buffer.from('not json'))).toBeNull();
  });
});

describe('TikTok Shop 202309: envelope and errors', () => {
  it('decides on `code`, and HTTP 429 / 36009002 are the rate limit', () => {
    expect(parseTikTokEnvelope(200, '{"code":0,"message":"Success","request_id":"r","data":{"product_id":"1"}}')).toEqual({ product_id: '1' });
    expect(classOf(() => parseTikTokEnvelope(429, '{"code":36009002,"message":"Too many requests"}'))).toBe('throttled');
    expect(classOf(() => parseTikTokEnvelope(200, '{"code":36009002,"message":"Too many requests"}'))).toBe('throttled');
    expect(classOf(() => parseTikTokEnvelope(429, 'Too Many Requests'))).toBe('throttled');
    expect(classOf(() => parseTikTokEnvelope(502, '<html>'))).toBe('unknown_outcome');
    expect(classOf(() => parseTikTokEnvelope(200, '{"message":"no code"}'))).toBe('unknown_outcome');
    expect(classOf(() => parseTikTokEnvelope(500, '{"code":0,"data":{}}'))).toBe('transient');
  });

  it('classifies the documented codes', () => {
    expect(classifyTikTokError(106001, 'sign invalid')).toBe('signature');
    expect(classifyTikTokError(105002, 'access token expired')).toBe('auth');
    expect(classifyTikTokError(105005, 'scope')).toBe('auth');
    expect(classifyTikTokError(36004004, 'auth code invalid')).toBe('auth');
    expect(classifyTikTokError(36009002, '')).toBe('throttled');
    expect(classifyTikTokError(36009003, '')).toBe('transient');
    expect(classifyTikTokError(36009007, '')).toBe('transient');
    expect(classifyTikTokError(36009004, 'Invalid timestamp: the timestamp is out of range')).toBe('signature');
    expect(classifyTikTokError(36009004, 'Invalid access_token')).toBe('auth');
    expect(classifyTikTokError(36009033, 'IP not allowed')).toBe('signature');
    expect(classifyTikTokError(12052996, 'external_id duplicated')).toBe('validation');
    expect(classifyTikTokError(12019045, 'price locked')).toBe('validation');
    expect(classifyTikTokError(12052700, 'Product does not exist')).toBe('not_found');
    expect(classifyTikTokError(99999999, 'unknown')).toBe('transient');
  });
});

describe('TikTok Shop 202309: configuration and rules', () => {
  const load = (env: Record<string, string>) => TIKTOK_SHOP_CONFIG.load(loadConfig(env).env);
  const variableOf = (env: Record<string, string>) => {
    try {
      load(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.variable;
      throw err;
    }
    return 'none';
  };

  it('needs the app key, secret and service id together, and names the missing variable', () => {
    expect(load({})).toMatchObject({ apiBaseUrl: 'https://open-api.tiktokglobalshop.com', authBaseUrl: 'https://auth.tiktok-shops.com', ratePerSecond: 10 });
    expect(variableOf({ TIKTOK_SHOP_APP_KEY: 'k' })).toBe('TIKTOK_SHOP_APP_SECRET');
    expect(variableOf({ TIKTOK_SHOP_APP_KEY: 'k', TIKTOK_SHOP_APP_SECRET: 's' })).toBe('TIKTOK_SHOP_SERVICE_ID');
    expect(variableOf({ TIKTOK_SHOP_APP_SECRET: 's' })).toBe('TIKTOK_SHOP_APP_KEY');
    expect(variableOf({ TIKTOK_SHOP_APP_KEY: 'k y', TIKTOK_SHOP_APP_SECRET: 's', TIKTOK_SHOP_SERVICE_ID: '1' })).toBe('TIKTOK_SHOP_APP_KEY');
    expect(variableOf({ TIKTOK_SHOP_RATE_PER_SECOND: '0' })).toBe('TIKTOK_SHOP_RATE_PER_SECOND');
    expect(variableOf({ TIKTOK_SHOP_API_BASE_URL: 'ftp://x' })).toBe('TIKTOK_SHOP_API_BASE_URL');
    expect(variableOf({ TIKTOK_SHOP_APP_KEY: 'k', TIKTOK_SHOP_APP_SECRET: 's', TIKTOK_SHOP_SERVICE_ID: '7001' })).toBe('none');
  });

  it('puts `state` in the consent link (the redirect is registered in Partner Center) and reads the code back', () => {
    const platform = load({ TIKTOK_SHOP_APP_KEY: 'k', TIKTOK_SHOP_APP_SECRET: 's', TIKTOK_SHOP_SERVICE_ID: '7001' });
    const auth = tiktokShopChannel.auth;
    if (auth.kind !== 'authorization-code') throw new Error('expected an authorisation-code channel');
    const url = new URL(auth.authorizationUrl(platform, { state: 'st-1', redirectUri: 'https://floor.example/back' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://services.tiktokshop.com/open/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ service_id: '7001', state: 'st-1' });
    expect(auth.readCallback({ code: 'abc', state: 'st-1', locale: 'vi-VN' })).toEqual({ code: 'abc' });
    expect(auth.readCallback({ state: 'st-1' })).toBeNull();
    expect(classOf(() => auth.authorizationUrl(load({}), { state: 's', redirectUri: 'x' }))).toBe('signature');
  });

  it('refuses titles under 25 characters, prices and stock out of range, before any call', () => {
    const item = {
      sku: 'A',
      name: 'Bưởi da xanh Cầu Kè loại một',
      description: 'Ngọt',
      priceVnd: 45_000,
      stock: 10,
      weightGrams: 500,
      partnerCategoryId: '1',
      imageUrls: [],
    };
    expect(tiktokShopChannel.validate!(item)).toEqual([]);
    expect(tiktokShopChannel.validate!({ ...item, name: 'Bưởi da xanh' })[0]).toMatch(/25–255/);
    expect(tiktokShopChannel.validate!({ ...item, priceVnd: 180_000_001 })[0]).toMatch(/180/);
    expect(tiktokShopChannel.validate!({ ...item, stock: 100_000 })[0]).toMatch(/99/);
  });
});
