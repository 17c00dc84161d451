import { stepsFor } from './shipment-status.handler';

describe('shipment status → sub-order steps', () => {
  it('ships on pick-up, delivers on delivery, returns on return; ignores what is past', () => {
    expect(stepsFor('picked', 'packed')).toEqual(['ship']);
    expect(stepsFor('in_transit', 'confirmed')).toEqual(['ship']);
    expect(stepsFor('picked', 'shipped')).toEqual([]);
    expect(stepsFor('delivered', 'shipped')).toEqual(['deliver']);
    expect(stepsFor('delivered', 'packed')).toEqual(['ship', 'deliver']);
    expect(stepsFor('delivered', 'delivered')).toEqual([]);
    expect(stepsFor('returned', 'shipped')).toEqual(['carrier-return']);
    expect(stepsFor('returned', 'returned')).toEqual([]);
    expect(stepsFor('lost', 'shipped')).toEqual([]);
    expect(stepsFor('picked', 'cancelled')).toEqual([]);
  });

  it('takes every libs/shipping status from wherever the sub-order stands (late, repeated or skipped events)', () => {
    expect(stepsFor('delivery_failed', 'packed')).toEqual(['ship']);
    expect(stepsFor('returning', 'confirmed')).toEqual(['ship']);
    expect(stepsFor('returning', 'shipped')).toEqual([]);
    expect(stepsFor('returned', 'packed')).toEqual(['ship', 'carrier-return']);
    expect(stepsFor('returned', 'delivered')).toEqual(['carrier-return']);
    expect(stepsFor('requested', 'packed')).toEqual([]);
    expect(stepsFor('ready_to_pick', 'packed')).toEqual([]);
    expect(stepsFor('cancelled', 'packed')).toEqual([]);
    expect(stepsFor('delivered', 'completed')).toEqual([]);
    expect(stepsFor('picked', 'delivered')).toEqual([]);
  });
});
