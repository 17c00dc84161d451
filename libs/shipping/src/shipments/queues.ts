/** Creates or cancels a shipment at its carrier (one job per reference, coalesced). */
export const SHIPMENT_QUEUE = 'shipping.shipment';
/** Re-fetches a shipment's status from its carrier (after a webhook, or by the poll). */
export const REFRESH_QUEUE = 'shipping.refresh';
/** Recurring: finds shipments not checked for a while (webhooks can be lost). */
export const POLL_QUEUE = 'shipping.poll';
