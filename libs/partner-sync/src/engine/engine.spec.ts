import { fillTemplate, getPath, setPath } from '../channels/rest-mapping/json-path';
import { nextQuotaReset } from './listing-sync.handler';

describe('engine helpers', () => {
  it('pauses a daily quota until the next 00:00 UTC+8', () => {
    expect(nextQuotaReset(new Date('2025-03-01T10:00:00Z')).toISOString()).toBe('2025-03-01T16:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T16:00:00Z')).toISOString()).toBe('2025-03-02T16:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T15:59:59Z')).toISOString()).toBe('2025-03-01T16:00:00.000Z');
  });

  it('reads and writes dotted paths and fills URL templates', () => {
    const o: Record<string, unknown> = {};
    setPath(o, 'shipping.weight_gram', 500);
    expect(o).toEqual({ shipping: { weight_gram: 500 } });
    expect(getPath({ a: { b: [1] } }, 'a.b')).toEqual([1]);
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(fillTemplate('/items?sku={sku}', { sku: 'A B/1' })).toBe('/items?sku=A%20B%2F1');
  });
});
