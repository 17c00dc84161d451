import { ValidationFailedError } from '@tradefloor/core';
import { CashOnDelivery } from './cod.method';
import { vndText } from './money-text';
import type { PaymentMethod, PaymentMethodCode } from './payment-method';
import { PaymentMethods } from './payment-methods.service';

/** A provider as a later gateway would be: its own availability rule and instructions. */
function fakeProvider(code: PaymentMethodCode, sellers: string[]): PaymentMethod {
  return {
    code,
    offeredBy: async (ids) => new Set(ids.filter((id) => sellers.includes(id))),
    instructions: async (_id, order) => ({ method: code, text: `pay ${order.orderCode}` }),
  };
}

describe('PaymentMethods (the registry orders calls)', () => {
  it('lists the available methods in registration order and dispatches instructions to the provider', async () => {
    const methods = new PaymentMethods();
    methods.register(new CashOnDelivery());
    methods.register(fakeProvider('vietqr', ['seller-a']));
    expect(await methods.available('seller-a')).toEqual(['cod', 'vietqr']);
    expect(await methods.available('seller-b')).toEqual(['cod']);
    expect(await methods.availableTo(['seller-b', 'seller-a'])).toEqual(
      new Map([
        ['seller-b', ['cod']],
        ['seller-a', ['cod', 'vietqr']],
      ]),
    );
    expect(await methods.availableTo([])).toEqual(new Map());
    expect(await methods.instructions('seller-a', 'vietqr', { orderCode: 'TV-7K3M9Q-1', amountVnd: 1000 })).toEqual({
      method: 'vietqr',
      text: 'pay TV-7K3M9Q-1',
    });
    const cod = await methods.instructions('seller-b', 'cod', { orderCode: 'TV-7K3M9Q-2', amountVnd: 1_250_000 });
    expect(cod.text).toContain('1.250.000 ₫');
    expect(cod.text).toContain('TV-7K3M9Q-2');
  });

  it('refuses a method the seller does not offer, an unknown one and a bad amount with a 400 naming the field', async () => {
    const methods = new PaymentMethods();
    methods.register(new CashOnDelivery());
    methods.register(fakeProvider('vietqr', []));
    for (const call of [
      () => methods.instructions('seller-b', 'vietqr', { orderCode: 'TV-1', amountVnd: 1000 }),
      () => methods.instructions('seller-b', 'momo' as PaymentMethodCode, { orderCode: 'TV-1', amountVnd: 1000 }),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 400, details: [{ field: 'paymentMethod' }] });
    }
    for (const amountVnd of [0, -1, 1.5, Number.NaN]) {
      await expect(methods.instructions('seller-b', 'cod', { orderCode: 'TV-1', amountVnd })).rejects.toBeInstanceOf(ValidationFailedError);
    }
  });

  it('refuses the same code twice', () => {
    const methods = new PaymentMethods();
    methods.register(new CashOnDelivery());
    expect(() => methods.register(new CashOnDelivery())).toThrow(/twice/);
  });

  it('writes VND with dots between thousands', () => {
    expect(vndText(10_000)).toBe('10.000 ₫');
    expect(vndText(999)).toBe('999 ₫');
    expect(vndText(9_999_999_999_999)).toBe('9.999.999.999.999 ₫');
  });
});
