import type { CarrierCode, ShipmentStatus } from '../statuses';

/** An address as TradeFloor keeps it: two levels (province + commune codes, July 2025). */
export interface ShippingAddress {
  provinceCode: string;
  communeCode: string;
  street?: string;
}

export interface QuoteRequest {
  enterpriseId: string;
  from: ShippingAddress;
  to: ShippingAddress;
  weightGrams: number;
  codAmountVnd: number;
  declaredValueVnd: number;
}

export interface ShippingQuote {
  carrier: CarrierCode;
  service: string;
  feeVnd: number;
  etaDays?: number;
}

export interface ShipmentItem {
  name: string;
  quantity: number;
  sku: string;
  priceVnd: number;
  weightGrams: number;
}

export interface ShipmentRequest {
  /** The caller's reference (a sub-order code such as TV-7K3M9Q-1): one shipment per reference. */
  reference: string;
  enterpriseId: string;
  carrier: CarrierCode;
  /** Pickup address; `name`/`phone` default to the carrier account's pickup contact, then the enterprise's name. */
  from: ShippingAddress & { name?: string; phone?: string };
  to: ShippingAddress & { name: string; phone: string };
  weightGrams: number;
  codAmountVnd: number;
  declaredValueVnd: number;
  items: ShipmentItem[];
  note?: string;
}

export interface ShipmentView {
  reference: string;
  enterpriseId: string;
  carrier: CarrierCode;
  status: ShipmentStatus;
  /** The carrier's own last status (GHN name / GHTK status_id). */
  carrierStatus: string | null;
  /** GHN order_code / GHTK label, once the carrier has it. */
  carrierCode: string | null;
  feeVnd: number | null;
  cancelRequested: boolean;
  lastError: string | null;
  history: Array<{ status: ShipmentStatus; carrierStatus: string | null; source: string; at: string }>;
  createdAt: string;
  updatedAt: string;
}
