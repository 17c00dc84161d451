export const LISTING_STATES = ['queued', 'syncing', 'listed', 'rejected', 'failed', 'delisting', 'delisted'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export interface ListingRow {
  id: string;
  product_id: string;
  enterprise_id: string;
  channel: string;
  selected: boolean;
  state: ListingState;
  external_id: string | null;
  external_url: string | null;
  remote_status: 'active' | 'unlisted' | null;
  pushed_hash: string | null;
  pushed_price: string | null;
  pushed_stock: number | null;
  create_started_at: Date | null;
  create_hash: string | null;
  needs_verify: boolean;
  lease_owner: string | null;
  lease_until: Date | null;
  /** Set when a change arrives while a job holds the lease: that job syncs once more before releasing. */
  resync_requested: boolean;
  throttle_streak: number;
  error_class: string | null;
  last_error: string | null;
  dead_lettered_at: Date | null;
  unlist_failed_at: Date | null;
  last_synced_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const LISTING_QUEUE = 'partner-sync.listing';
