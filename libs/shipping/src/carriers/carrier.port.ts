/**
 * The port every external carrier adapter implements (GHN, GHTK). The built-in "seller delivers"
 * carrier needs no adapter: its fee is a setting and its statuses are set by the seller.
 */

/** An address as the carriers still take it: pre-2025 three levels, by name (see legacy-address.ts). */
export interface CarrierAddress {
  /** Street, house number (free text; may be empty). */
  street: string;
  wardName: string;
  districtName: string;
  provinceName: string;
  /** Today's two-level names, for the free-text address line. */
  communeName: string;
  currentProvinceName: string;
}

export interface CarrierContact {
  name: string;
  phone: string;
}

/** One enterprise's account with a carrier, opened from the sealed secrets. */
export interface CarrierAccount {
  token: string;
  /** GHN shop id. */
  shopId?: string;
  /** GHTK X-Client-Source (shop or partner code). */
  clientSource?: string;
}

export interface CarrierQuoteInput {
  from: CarrierAddress;
  to: CarrierAddress;
  weightGrams: number;
  codAmountVnd: number;
  declaredValueVnd: number;
}

export interface CarrierQuote {
  service: string;
  feeVnd: number;
  etaDays?: number;
}

export interface CarrierCreateInput extends CarrierQuoteInput {
  reference: string;
  sender: CarrierContact;
  recipient: CarrierContact;
  items: Array<{ name: string; quantity: number; sku: string; priceVnd: number; weightGrams: number }>;
  note?: string;
}

/** What a carrier says about one shipment. */
export interface CarrierShipment {
  /** GHN order_code / GHTK label. */
  code: string;
  /** The carrier's own status (GHN name, GHTK status_id as text). */
  rawStatus: string;
  feeVnd?: number;
}

/** What a carrier's webhook claims (a hint only: it is re-checked with the carrier). */
export interface WebhookHint {
  code: string | null;
  reference: string | null;
  claimedStatus: string | null;
}

export interface CarrierPort {
  readonly code: 'ghn' | 'ghtk';
  /** Proves the credentials (throws `auth`/`rejected` when refused). */
  verify(account: CarrierAccount): Promise<void>;
  quote(account: CarrierAccount, input: CarrierQuoteInput): Promise<CarrierQuote>;
  /** The shipment created under our reference, or null when the carrier has none. */
  find(account: CarrierAccount, reference: string): Promise<CarrierShipment | null>;
  /** Creates the shipment; a carrier that refuses a repeated reference answers with the existing one. */
  create(account: CarrierAccount, input: CarrierCreateInput): Promise<CarrierShipment>;
  status(account: CarrierAccount, code: string): Promise<CarrierShipment>;
  /** `refused` when the carrier no longer lets it be cancelled (picked up). */
  cancel(account: CarrierAccount, code: string): Promise<{ outcome: 'cancelled' | 'refused'; message?: string }>;
  parseWebhook(body: unknown): WebhookHint | null;
}
