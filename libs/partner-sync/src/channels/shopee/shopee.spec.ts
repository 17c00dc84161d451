import { createHmac } from 'node:crypto';
import { SyncError } from '../channel.types';
import { parseEnvelope } from './shopee-client';
import { classifyShopeeError } from './shopee-errors';
import { shopeePushSignature, shopeeSign } from './shopee-signer';

describe('Shopee v2 signing and envelope', () => {
  it('signs partner_id + path + timestamp (+ access_token + shop_id) as lowercase hex HMAC-SHA256', () => {
    const key = 'partner-key';
    expect(shopeeSign(key, 1001, '/api/v2/auth/token/get', 1700000000)).toBe(
      createHmac('sha256', key).update('1001/api/v2/auth/token/get1700000000').digest('hex'),
    );
    const shop = shopeeSign(key, 1001, '/api/v2/product/add_item', 1700000000, 'tok', 42);
    expect(shop).toBe(createHmac('sha256', key).update('1001/api/v2/product/add_item1700000000tok42').digest('hex'));
    expect(shop).toMatch(/^[0-9a-f]{64}$/);
    expect(shopeePushSignature(key, 'https://x/p', '{"a":1}')).toBe(createHmac('sha256', key).update('https://x/p|{"a":1}').digest('hex'));
  });

  it('classifies the documented error strings', () => {
    expect(classifyShopeeError('error_sign', '')).toBe('signature');
    expect(classifyShopeeError('error_param', 'Invalid timestamp')).toBe('signature');
    expect(classifyShopeeError('error_param', 'item_name too long')).toBe('validation');
    expect(classifyShopeeError('invalid_acceess_token', '')).toBe('auth');
    expect(classifyShopeeError('error_auth', '')).toBe('auth');
    expect(classifyShopeeError('error_rate_limit', '')).toBe('throttled');
    expect(classifyShopeeError('error_limit', '')).toBe('quota');
    for (const e of ['error_server', 'error_inner', 'error_system_busy']) expect(classifyShopeeError(e, '')).toBe('transient');
    expect(classifyShopeeError('product.error_busi', 'x')).toBe('validation');
    expect(classifyShopeeError('error_item_not_found', '')).toBe('not_found');
  });

  it('decides on the error field, not the HTTP status; unreadable bodies are outcome-unknown', () => {
    expect(parseEnvelope(200, '{"error":"","message":"","response":{"item_id":1}}')).toMatchObject({ response: { item_id: 1 } });
    expect(() => parseEnvelope(200, '{"error":"product.error_busi","message":"bad"}')).toThrow(SyncError);
    try {
      parseEnvelope(502, '<html>');
    } catch (err) {
      expect((err as SyncError).errorClass).toBe('unknown_outcome');
    }
    try {
      parseEnvelope(429, 'Too Many');
    } catch (err) {
      expect((err as SyncError).errorClass).toBe('throttled');
    }
  });
});
