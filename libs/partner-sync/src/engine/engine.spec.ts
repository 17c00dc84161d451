import { fillTemplate, getPath, setPath } from '../channels/rest-mapping/json-path';
import { assertTimeZone, nextQuotaReset } from './quota-reset';

describe('engine helpers', () => {
  it('pauses a daily quota until the next 00:00 in the partner’s own time zone', () => {
    // UTC+8 all year.
    expect(nextQuotaReset(new Date('2025-03-01T10:00:00Z'), 'Asia/Singapore').toISOString()).toBe('2025-03-01T16:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T16:00:00Z'), 'Asia/Singapore').toISOString()).toBe('2025-03-02T16:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T15:59:59Z'), 'Asia/Singapore').toISOString()).toBe('2025-03-01T16:00:00.000Z');
    // UTC+7 (Vietnamese partners): 23:30 Hà Nội time on 1 March is 16:30Z; the reset is 17:00Z.
    expect(nextQuotaReset(new Date('2025-03-01T16:30:00Z'), 'Asia/Ho_Chi_Minh').toISOString()).toBe('2025-03-01T17:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T17:00:00Z'), 'Asia/Ho_Chi_Minh').toISOString()).toBe('2025-03-02T17:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-01T23:59:00Z'), 'UTC').toISOString()).toBe('2025-03-02T00:00:00.000Z');
  });

  it('follows daylight saving: midnight before and after the change has a different UTC offset', () => {
    // New York moved to UTC−4 on 9 March 2025 at 02:00: midnight of the 9th is still −5, of the 10th −4.
    expect(nextQuotaReset(new Date('2025-03-08T12:00:00Z'), 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-03-09T12:00:00Z'), 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
    // Berlin back to UTC+1 on 26 October 2025.
    expect(nextQuotaReset(new Date('2025-10-25T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(nextQuotaReset(new Date('2025-10-26T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2025-10-26T23:00:00.000Z');
  });

  it('refuses a time zone Intl does not know', () => {
    expect(() => assertTimeZone('Asia/Saigon-ish')).toThrow(RangeError);
    expect(() => assertTimeZone('Asia/Ho_Chi_Minh')).not.toThrow();
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
