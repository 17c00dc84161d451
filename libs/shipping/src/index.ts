export { ShippingModule } from './shipping.module';
export { Shipping } from './shipments/shipping.service';
export { shippingSettings, type ShippingSettings } from './shipping-config';
export {
  SHIPMENT_STATUSES,
  CARRIER_CODES,
  STATUS_RANK,
  GHN_STATUS_MAP,
  GHTK_STATUS_MAP,
  mapCarrierStatus,
  type ShipmentStatus,
  type CarrierCode,
} from './statuses';
export type { QuoteRequest, ShippingQuote, ShipmentRequest, ShipmentItem, ShipmentView, ShippingAddress } from './shipments/shipment.types';
export { SHIPMENT_QUEUE, REFRESH_QUEUE, POLL_QUEUE } from './shipments/queues';
