/** Our shipment statuses, the same for every carrier: defined once in core beside the event that carries them. */
import { SHIPMENT_STATUSES, type ShipmentStatus } from '@tradefloor/core';

export { SHIPMENT_STATUSES, type ShipmentStatus };

export const CARRIER_CODES = ['ghn', 'ghtk', 'seller'] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

/**
 * How far along a status is. A status only replaces one of a lower or equal rank (equal: a failed
 * delivery attempt and the next attempt alternate), and the final ones (rank 9) never change: a late
 * or repeated report can never move a shipment back.
 */
export const STATUS_RANK: Record<ShipmentStatus, number> = {
  requested: 0,
  ready_to_pick: 1,
  picked: 2,
  in_transit: 3,
  delivering: 4,
  delivery_failed: 4,
  returning: 5,
  delivered: 9,
  returned: 9,
  cancelled: 9,
  lost: 9,
};

export const isFinal = (s: ShipmentStatus) => STATUS_RANK[s] === 9;

/** Whether a shipment in `current` may move to `next`. */
export function mayMove(current: ShipmentStatus, next: ShipmentStatus): boolean {
  return current !== next && !isFinal(current) && STATUS_RANK[next] >= STATUS_RANK[current];
}

/** GHN status names (docs/partners/ghn.md) → ours; `exception` and unknown names change nothing. */
export const GHN_STATUS_MAP: Record<string, ShipmentStatus> = {
  ready_to_pick: 'ready_to_pick',
  picking: 'ready_to_pick',
  money_collect_picking: 'ready_to_pick',
  picked: 'picked',
  storing: 'in_transit',
  transporting: 'in_transit',
  sorting: 'in_transit',
  delivering: 'delivering',
  money_collect_delivering: 'delivering',
  delivered: 'delivered',
  delivery_fail: 'delivery_failed',
  waiting_to_return: 'returning',
  return: 'returning',
  return_transporting: 'returning',
  return_sorting: 'returning',
  returning: 'returning',
  return_fail: 'returning',
  returned: 'returned',
  cancel: 'cancelled',
  lost: 'lost',
  damage: 'lost',
};

/**
 * GHTK `status_id` (docs/partners/ghtk.md) → ours. The shipper-reported codes (123, 127, 128, 45,
 * 49, 410) are not final at GHTK: they only move the shipment as far as GHTK's own codes would.
 */
export const GHTK_STATUS_MAP: Record<string, ShipmentStatus> = {
  '-1': 'cancelled',
  '1': 'requested',
  '2': 'ready_to_pick',
  '12': 'ready_to_pick',
  '8': 'ready_to_pick',
  '7': 'ready_to_pick',
  '127': 'ready_to_pick',
  '128': 'ready_to_pick',
  '123': 'picked',
  '3': 'picked',
  '4': 'delivering',
  '10': 'delivering',
  '410': 'delivering',
  '45': 'delivering',
  '49': 'delivering',
  '9': 'delivery_failed',
  '5': 'delivered',
  '6': 'delivered',
  '20': 'returning',
  '21': 'returned',
  '11': 'returned',
  '13': 'lost',
};

/** Our status for a carrier's raw status, or null when it says nothing we track. */
export function mapCarrierStatus(carrier: 'ghn' | 'ghtk', raw: string): ShipmentStatus | null {
  return (carrier === 'ghn' ? GHN_STATUS_MAP : GHTK_STATUS_MAP)[raw] ?? null;
}
