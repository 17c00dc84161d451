import { nextStatus, SUB_ORDER_ACTIONS, SUB_ORDER_STATUSES } from './sub-order-states';

describe('sub-order state machine', () => {
  it('follows placed → confirmed → packed → shipped → delivered → completed', () => {
    expect(nextStatus('placed', 'confirm', 'seller')).toBe('confirmed');
    expect(nextStatus('confirmed', 'pack', 'seller')).toBe('packed');
    expect(nextStatus('packed', 'ship', 'seller')).toBe('shipped');
    expect(nextStatus('shipped', 'deliver', 'seller')).toBe('delivered');
    expect(nextStatus('delivered', 'complete', 'seller')).toBe('completed');
  });

  it('lets the buyer cancel only before confirmation, the seller until shipping, the system expire only placed', () => {
    expect(nextStatus('placed', 'buyer-cancel', 'buyer')).toBe('cancelled');
    expect(() => nextStatus('confirmed', 'buyer-cancel', 'buyer')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', status: 409 }));
    expect(nextStatus('packed', 'cancel', 'seller')).toBe('cancelled');
    expect(() => nextStatus('shipped', 'cancel', 'seller')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(nextStatus('placed', 'expire', 'system')).toBe('expired');
    expect(() => nextStatus('confirmed', 'expire', 'system')).toThrow();
    expect(() => nextStatus('placed', 'expire', 'seller')).toThrow();
  });

  it('handles returns after delivery', () => {
    expect(nextStatus('delivered', 'request-return', 'buyer')).toBe('return_requested');
    expect(nextStatus('return_requested', 'accept-return', 'seller')).toBe('returned');
    expect(nextStatus('return_requested', 'refuse-return', 'seller')).toBe('return_refused');
    expect(() => nextStatus('completed', 'request-return', 'buyer')).toThrow();
  });

  it('leaves closed states closed', () => {
    for (const closed of ['completed', 'cancelled', 'expired', 'returned', 'return_refused'] as const) {
      for (const action of SUB_ORDER_ACTIONS) {
        for (const actor of ['buyer', 'seller', 'system'] as const) expect(() => nextStatus(closed, action, actor)).toThrow();
      }
    }
    expect(SUB_ORDER_STATUSES).toHaveLength(11);
  });
});
