import { GhnCarrier } from './carriers/ghn.carrier';
import { GhtkCarrier } from './carriers/ghtk.carrier';
import { GHN_STATUS_MAP, GHTK_STATUS_MAP, mapCarrierStatus, mayMove, SHIPMENT_STATUSES, STATUS_RANK } from './statuses';

describe('shipment statuses', () => {
  it('move forward only, never out of a final status, and alternate between a failed delivery and the next attempt', () => {
    expect(mayMove('requested', 'ready_to_pick')).toBe(true);
    expect(mayMove('picked', 'ready_to_pick')).toBe(false);
    expect(mayMove('delivering', 'delivery_failed')).toBe(true);
    expect(mayMove('delivery_failed', 'delivering')).toBe(true);
    expect(mayMove('delivering', 'delivering')).toBe(false);
    for (const final of ['delivered', 'returned', 'cancelled', 'lost'] as const)
      for (const s of SHIPMENT_STATUSES) expect({ from: final, to: s, may: mayMove(final, s) }).toEqual({ from: final, to: s, may: false });
    expect(STATUS_RANK.returning).toBeGreaterThan(STATUS_RANK.delivery_failed);
  });

  it('map every GHN status name and GHTK status_id onto ours; unknown ones change nothing', () => {
    for (const s of [...Object.values(GHN_STATUS_MAP), ...Object.values(GHTK_STATUS_MAP)]) expect(SHIPMENT_STATUSES).toContain(s);
    expect(mapCarrierStatus('ghn', 'storing')).toBe('in_transit');
    expect(mapCarrierStatus('ghn', 'exception')).toBeNull();
    expect(mapCarrierStatus('ghtk', '-1')).toBe('cancelled');
    expect(mapCarrierStatus('ghtk', '45')).toBe('delivering'); // shipper-reported: not final
    expect(mapCarrierStatus('ghtk', '999')).toBeNull();
  });

  it('read the carriers’ webhooks as hints', () => {
    const ghn = new GhnCarrier('http://ghn.invalid', 1000);
    expect(ghn.parseWebhook({ OrderCode: 'L1', ClientOrderCode: 'TV-1-1', Status: 'picked', Type: 'switch_status' })).toEqual({
      code: 'L1',
      reference: 'TV-1-1',
      claimedStatus: 'picked',
    });
    expect(ghn.parseWebhook({ Status: 'picked' })).toBeNull();
    expect(ghn.parseWebhook('x')).toBeNull();
    const ghtk = new GhtkCarrier('http://ghtk.invalid', 1000);
    expect(ghtk.parseWebhook({ label_id: 'S1.A1.2', partner_id: 'TV-1-1', status_id: '5' })).toEqual({
      code: 'S1.A1.2',
      reference: 'TV-1-1',
      claimedStatus: '5',
    });
    expect(ghtk.parseWebhook({ label_id: 'x'.repeat(500) })).toBeNull();
  });
});
