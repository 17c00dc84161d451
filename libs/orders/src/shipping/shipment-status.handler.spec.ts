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
});
