import type { PartnerSyncConfig } from '@tradefloor/core';

/** How the engine reacts to a failure (partners.md, rule 2). */
export type ErrorClass =
  | 'auth' // refresh once, then stop and ask the owner to reconnect
  | 'signature' // signature or timestamp refused: config or clock problem, no retry
  | 'throttled' // back off with jitter, not a failure
  | 'transient' // retry with backoff
  | 'unknown_outcome' // the request may have been applied (lost or garbled response): retry, look up by SKU first
  | 'validation' // the partner refused the data: a person must fix it
  | 'quota' // daily quota: pause until it resets
  | 'not_found'; // the remote item is gone

export class SyncError extends Error {
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    /** The partner's own error string, when it sent one. */
    readonly partnerCode?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** What a channel pushes for a product, after mapping and validation. */
export interface OutboundItem {
  sku: string;
  name: string;
  description: string;
  priceVnd: number;
  stock: number;
  weightGrams: number;
  partnerCategoryId: string;
  logisticsChannelId?: string;
  /** Absolute URLs of the product's images (our public media URLs). */
  imageUrls: string[];
}

export interface ChannelSettings {
  /** Our category id → the partner's category id (leaf or nearest ancestor wins). */
  categoryMap?: Record<string, string>;
  logisticsChannelId?: string;
  defaultWeightGrams?: number;
}

/** Decrypted connection secrets; each channel decides what it keeps here. */
export type ConnectionSecrets = Record<string, string | number | undefined>;

export interface RemoteItem {
  externalId: string;
  sku: string;
  /** 'active' = visible on the floor, 'unlisted' = hidden by the seller, 'deleted' = gone. */
  status: 'active' | 'unlisted' | 'deleted';
  priceVnd?: number;
  stock?: number;
}

export interface ItemResult {
  externalId: string;
  ok: boolean;
  error?: SyncError;
}

/** What an adapter needs for one call: the shop, its secrets and an HTTP client that applies the engine's rules. */
export interface ChannelContext {
  shopKey: string;
  shopId: string | null;
  secrets: ConnectionSecrets;
  settings: ChannelSettings;
  http: PartnerHttp;
  config: PartnerSyncConfig;
}

export interface PartnerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Auth calls skip the token bucket (they are rare and must not wait behind catalog traffic). */
  unmetered?: boolean;
}

export interface PartnerResponse {
  status: number;
  text: string;
}

/** HTTP with the token bucket, lease renewal, a timeout, and network failures classified. */
export interface PartnerHttp {
  send(request: PartnerRequest): Promise<PartnerResponse>;
}

export interface TokenRefreshResult {
  secrets: ConnectionSecrets;
  accessExpiresAt: Date | null;
}

/** A channel the engine pushes listings to. */
export interface PushChannel {
  kind: 'push';
  name: string;
  displayName: string;
  /** Rate per shop from config. */
  ratePerSecond(config: PartnerSyncConfig): number;
  /** Fields an owner supplies to connect (credential channels); empty for OAuth channels. */
  credentialFields: string[];
  /** Fields the settings must have for a push to be valid (besides the category mapping). */
  requiresLogistics: boolean;
  /** Connect with credentials: verifies them and returns what to keep (sealed). */
  connectWithCredentials?(
    ctx: Omit<ChannelContext, 'secrets' | 'settings'>,
    credentials: Record<string, string>,
  ): Promise<TokenRefreshResult & { shopId: string | null }>;
  /** True when the stored token must be renewed before use. */
  tokenNeedsRefresh?(secrets: ConnectionSecrets, accessExpiresAt: Date | null, now: Date): boolean;
  /** True when a refresh credential is consumed by use (Shopee): a lost refresh answer must never be retried. */
  refreshIsSingleUse?: boolean;
  /** Renews the access token (Shopee: single-use refresh token; login-token channels: log in again). */
  refreshToken?(ctx: ChannelContext): Promise<TokenRefreshResult>;
  create(ctx: ChannelContext, item: OutboundItem): Promise<{ externalId: string; externalUrl: string | null }>;
  update(ctx: ChannelContext, externalId: string, item: OutboundItem): Promise<void>;
  updatePrice(ctx: ChannelContext, externalId: string, priceVnd: number): Promise<void>;
  /** Absolute stock, per item; the result is partial. */
  updateStock(ctx: ChannelContext, items: Array<{ externalId: string; stock: number }>): Promise<ItemResult[]>;
  /** Hides (unlist = true) or shows again; partial result. */
  setListed(ctx: ChannelContext, externalIds: string[], listed: boolean): Promise<ItemResult[]>;
  findBySku(ctx: ChannelContext, sku: string): Promise<RemoteItem | null>;
  getItem(ctx: ChannelContext, externalId: string): Promise<RemoteItem | null>;
  /** One page of the shop's items; `cursor` null for the first page. */
  listItems(ctx: ChannelContext, cursor: string | null): Promise<{ items: RemoteItem[]; nextCursor: string | null }>;
}

/** A channel served by pulling (product feed): no listings are pushed. */
export interface PullChannel {
  kind: 'pull';
  name: string;
  displayName: string;
}

export type Channel = PushChannel | PullChannel;
