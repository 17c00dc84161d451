import { newOrderCode, ORDER_CODE_PATTERN, SUB_ORDER_CODE_PATTERN, subOrderCode } from './order-codes';

describe('order codes', () => {
  it('are TV- and six unambiguous characters; sub-orders add -n', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newOrderCode()));
    expect(codes.size).toBeGreaterThan(1990);
    for (const c of codes) {
      expect(c).toMatch(ORDER_CODE_PATTERN);
      expect(c.slice(3)).not.toMatch(/[01OILUV]/);
    }
    expect(subOrderCode('TV-7K3M9Q', 2)).toMatch(SUB_ORDER_CODE_PATTERN);
  });
});
