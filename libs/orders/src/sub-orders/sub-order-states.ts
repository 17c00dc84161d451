import { InvalidStateError } from '@tradefloor/core';

export const SUB_ORDER_STATUSES = [
  'placed',
  'confirmed',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'expired',
  'return_requested',
  'returned',
  'return_refused',
] as const;
export type SubOrderStatus = (typeof SUB_ORDER_STATUSES)[number];

/** Who may do what. `system` covers the expiry job and the carrier's shipment events. */
export type SubOrderActor = 'buyer' | 'seller' | 'system';

export const SUB_ORDER_ACTIONS = [
  'confirm',
  'pack',
  'ship',
  'deliver',
  'complete',
  'cancel',
  'buyer-cancel',
  'expire',
  'request-return',
  'accept-return',
  'refuse-return',
  'carrier-return',
] as const;
export type SubOrderAction = (typeof SUB_ORDER_ACTIONS)[number];

interface Transition {
  from: readonly SubOrderStatus[];
  to: SubOrderStatus;
  by: readonly SubOrderActor[];
}

/**
 * placed → confirmed → packed → shipped → delivered → completed; cancelled by the buyer before
 * confirmation, by the seller (with a reason) until it ships; expired when the seller does not
 * confirm within its window; after delivery the buyer may ask for a return, which the seller
 * accepts (returned) or refuses (return_refused). The carrier's events (system) may move a
 * confirmed or packed sub-order to shipped, and a shipped one to delivered or returned.
 */
const TRANSITIONS: Record<SubOrderAction, Transition> = {
  confirm: { from: ['placed'], to: 'confirmed', by: ['seller'] },
  pack: { from: ['confirmed'], to: 'packed', by: ['seller'] },
  ship: { from: ['confirmed', 'packed'], to: 'shipped', by: ['seller', 'system'] },
  deliver: { from: ['shipped'], to: 'delivered', by: ['seller', 'system'] },
  complete: { from: ['delivered'], to: 'completed', by: ['seller'] },
  cancel: { from: ['placed', 'confirmed', 'packed'], to: 'cancelled', by: ['seller'] },
  'buyer-cancel': { from: ['placed'], to: 'cancelled', by: ['buyer'] },
  expire: { from: ['placed'], to: 'expired', by: ['system'] },
  'request-return': { from: ['delivered'], to: 'return_requested', by: ['buyer'] },
  'accept-return': { from: ['return_requested'], to: 'returned', by: ['seller', 'system'] },
  'refuse-return': { from: ['return_requested'], to: 'return_refused', by: ['seller'] },
  /** The carrier brought the parcel back to the seller (refused at the door, undeliverable, or a return). */
  'carrier-return': { from: ['shipped', 'delivered', 'return_requested'], to: 'returned', by: ['system'] },
};

/** States after which nothing more happens (retention counts from reaching one). */
export const CLOSED_STATUSES: readonly SubOrderStatus[] = ['completed', 'cancelled', 'expired', 'returned', 'return_refused'];
/** States whose reserved stock goes back to the shelf. */
export const RELEASING_STATUSES: readonly SubOrderStatus[] = ['cancelled', 'expired'];

export const STATUS_LABELS: Record<SubOrderStatus, string> = {
  placed: 'Chờ xác nhận (placed)',
  confirmed: 'Đã xác nhận (confirmed)',
  packed: 'Đã đóng gói (packed)',
  shipped: 'Đang giao (shipped)',
  delivered: 'Đã giao (delivered)',
  completed: 'Hoàn tất (completed)',
  cancelled: 'Đã hủy (cancelled)',
  expired: 'Quá hạn xác nhận (expired)',
  return_requested: 'Yêu cầu trả hàng (return requested)',
  returned: 'Đã trả hàng (returned)',
  return_refused: 'Từ chối trả hàng (return refused)',
};

export function transitionOf(action: SubOrderAction): Transition {
  return TRANSITIONS[action];
}

/** The target state, or 409 `ILLEGAL_TRANSITION` naming the current state. */
export function nextStatus(from: SubOrderStatus, action: SubOrderAction, actor: SubOrderActor): SubOrderStatus {
  const t = TRANSITIONS[action];
  if (!t.by.includes(actor) || !t.from.includes(from)) {
    throw new InvalidStateError(
      `Không thể thực hiện "${action}" khi đơn đang ở trạng thái ${STATUS_LABELS[from]} (cannot ${action} a sub-order that is ${from})`,
      'ILLEGAL_TRANSITION',
    );
  }
  return t.to;
}

/** Column holding the time a state was reached. */
export const STATUS_TIME_COLUMN: Record<SubOrderStatus, string> = {
  placed: 'placed_at',
  confirmed: 'confirmed_at',
  packed: 'packed_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
  expired: 'expired_at',
  return_requested: 'return_requested_at',
  returned: 'returned_at',
  return_refused: 'return_refused_at',
};
