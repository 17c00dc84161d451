import type { EnvReader, PartnerSyncConfig } from '@tradefloor/core';

/** How the engine reacts to a failure (docs/partners/README.md, "Failures"). */
export type ErrorClass =
  | 'auth' // refresh once, then stop and ask the owner to reconnect
  | 'signature' // signature, timestamp or request refused as malformed: config or clock problem, no retry
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

/** A text shown to people, in the two languages of the pages. */
export interface Labels {
  vi: string;
  en: string;
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
  /** The partner's logistics channel or warehouse the seller chose (see PushChannel.logistics). */
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

/**
 * What an adapter gets for calls outside a shop (connecting, exchanging a code): its own
 * configuration (`platform`), paced HTTP and the engine's "now".
 */
export interface PlatformContext<C> {
  platform: C;
  http: PartnerHttp;
  config: PartnerSyncConfig;
  /** The engine's clock (expiry times); request signatures use the wall clock the partner checks. */
  now(): Date;
}

/** What an adapter needs for one call on a shop: the shop, its secrets and settings. */
export interface ChannelContext<C = unknown> extends PlatformContext<C> {
  shopKey: string;
  shopId: string | null;
  secrets: ConnectionSecrets;
  settings: ChannelSettings;
}

export interface TokenRefreshResult {
  secrets: ConnectionSecrets;
  accessExpiresAt: Date | null;
}

/** The shop a connection reaches, with what to keep (sealed). */
export interface ConnectedShop extends TokenRefreshResult {
  shopId: string | null;
}

/** One environment variable a channel reads (listed in the README's configuration table). */
export interface ChannelEnvVariable {
  name: string;
  default?: string;
  meaning: string;
}

/** A channel's own configuration: the variables it declares, validated at start-up. */
export interface ChannelConfigSpec<C> {
  variables: readonly ChannelEnvVariable[];
  /** Throws core's ConfigError naming the variable on a bad value. */
  load(env: EnvReader): C;
}

export interface CredentialField {
  name: string;
  label: Labels;
  /** Typed into a password input and never echoed back. */
  secret?: boolean;
}

/**
 * Authorisation code (OAuth-like): the seller consents at the partner, which sends the browser
 * back with a code. The generic flow (ConnectionsService) issues and checks the `state`, binds it
 * to the user and browser that started, and refuses a shop connected to another enterprise.
 */
export interface AuthorizationCodeAuth<C> {
  kind: 'authorization-code';
  /**
   * The consent URL. `redirectUri` is where our site wants the browser back (with `state` in
   * it); a partner whose redirect is registered with it instead gets `state` as its own parameter.
   * Throws SyncError('signature') when the platform app is not configured.
   */
  authorizationUrl(platform: C, request: { state: string; redirectUri: string }): string;
  /** Reads the partner's return query: the code, and the shop when the partner names it there. Null when malformed. */
  readCallback(query: Record<string, unknown>): { code: string; shopId?: string } | null;
  /** Exchanges the code for tokens and learns which shop was authorised. */
  exchangeCode(ctx: PlatformContext<C>, callback: { code: string; shopId?: string }): Promise<ConnectedShop>;
}

/** Credentials the seller types (checked against the partner before they are stored). */
export interface CredentialsAuth<C> {
  kind: 'credentials';
  fields: CredentialField[];
  connect(ctx: PlatformContext<C>, credentials: Record<string, string>): Promise<ConnectedShop>;
}

export type ChannelAuth<C> = AuthorizationCodeAuth<C> | CredentialsAuth<C> | { kind: 'none' };

/** What a verified notification asks the engine to look at again (webhooks are hints). */
export interface WebhookHint {
  shopId: string;
  /** The remote item to re-fetch; without it the whole shop is reconciled. */
  itemId?: string;
  /** The seller revoked our access: the connection needs re-authorisation. */
  deauthorized?: boolean;
  /** The partner's notification id, so a redelivered notification is coalesced. */
  notificationId?: string;
}

/** The partner's push (webhook) receiver at POST /api/v1/channels/:channel/push. */
export interface WebhookReceiver<C> {
  /** The empty answer the partner expects (default 204). */
  ackStatus?: 200 | 204;
  /** Checks the signature over the exact bytes received; `url` is our public address of the route. */
  verify(platform: C, request: { url: string; rawBody: Buffer; headers: Record<string, string | string[] | undefined> }): boolean;
  /** Reads a verified body; null when it names nothing we act on. */
  read(rawBody: Buffer): WebhookHint | null;
}

interface ChannelBase<C> {
  /** Stable id (URLs, database rows). */
  name: string;
  /** The partner's own name (API responses, logs). */
  displayName: string;
  /** The name sellers read on the pages. */
  labels: Labels;
  config: ChannelConfigSpec<C>;
  /**
   * ISO 3166-1 country where the partner stores what we send (the seller's data): anything but
   * `VN` is a cross-border transfer, recorded with the owner's consent (libs/privacy).
   */
  dataCountry: string;
}

/** A channel the engine pushes listings to. */
export interface PushChannel<C = unknown> extends ChannelBase<C> {
  kind: 'push';
  auth: AuthorizationCodeAuth<C> | CredentialsAuth<C>;
  /** Token-bucket rate per shop, shared by every worker. */
  ratePerSecond(platform: C): number;
  /** Partners with a daily call quota: it resets at 00:00 in this IANA time zone. */
  quota?: { resetTimeZone: string };
  /** The logistics/warehouse id in the channel settings, when the partner needs one. */
  logistics?: { required: boolean; label: Labels };
  webhook?: WebhookReceiver<C>;
  /** The partner's rules checked before any call (titles, price ranges…); problems in words. */
  validate?(item: OutboundItem): string[];
  /** True when the stored token must be renewed before use. */
  tokenNeedsRefresh?(secrets: ConnectionSecrets, accessExpiresAt: Date | null, now: Date): boolean;
  /** True when a refresh credential is consumed by use: a lost refresh answer must never be retried. */
  refreshIsSingleUse?: boolean;
  /** Renews the access token (a refresh token, or logging in again). */
  refreshToken?(ctx: ChannelContext<C>): Promise<TokenRefreshResult>;
  /**
   * Creates the item. `intent.idempotencyKey` stays the same for every retry of one create (a
   * partner that supports idempotency keys returns the first item instead of making a second).
   */
  create(ctx: ChannelContext<C>, item: OutboundItem, intent: { idempotencyKey: string }): Promise<{ externalId: string; externalUrl: string | null }>;
  update(ctx: ChannelContext<C>, externalId: string, item: OutboundItem): Promise<void>;
  updatePrice(ctx: ChannelContext<C>, externalId: string, priceVnd: number): Promise<void>;
  /** Absolute stock, per item; the result is partial. */
  updateStock(ctx: ChannelContext<C>, items: Array<{ externalId: string; stock: number }>): Promise<ItemResult[]>;
  /** Hides (listed = false) or shows again; partial result. */
  setListed(ctx: ChannelContext<C>, externalIds: string[], listed: boolean): Promise<ItemResult[]>;
  findBySku(ctx: ChannelContext<C>, sku: string): Promise<RemoteItem | null>;
  getItem(ctx: ChannelContext<C>, externalId: string): Promise<RemoteItem | null>;
  /** One page of the shop's items; `cursor` null for the first page. */
  listItems(ctx: ChannelContext<C>, cursor: string | null): Promise<{ items: RemoteItem[]; nextCursor: string | null }>;
}

/** A channel served by pulling (product feed): no listings are pushed. */
export interface PullChannel<C = unknown> extends ChannelBase<C> {
  kind: 'pull';
  auth: { kind: 'none' };
  /** The addresses partners pull from; `token` only right after it was issued (shown once). */
  urls(
    publicBaseUrl: string,
    enterpriseSlug: string,
    token: string | null,
    tokenProtected: boolean,
  ): { csvUrl: string; jsonUrl: string; tokenProtected: boolean };
}

export type Channel = PushChannel | PullChannel;

/** A channel with no variables of its own. */
export const NO_CONFIG: ChannelConfigSpec<Record<string, never>> = { variables: [], load: () => ({}) };
