import { ConfigError, type AppConfig } from '@tradefloor/core';

/** Variables of the federation context, read from `AppConfig.env` with the same rules as the core's. */
export interface FederationConfig {
  /** OPEN_FEED_RATE_PER_MINUTE: open feed requests one client (IP) may make per minute. */
  feedRatePerMinute: number;
  /** FEDERATION_PULL_INTERVAL_SECONDS: how often each healthy peer is pulled. */
  pullIntervalSeconds: number;
  /** FEDERATION_HTTP_TIMEOUT_MS: longest time one page request to a peer may take, body included. */
  httpTimeoutMs: number;
  /** FEDERATION_MAX_PAGE_BYTES: a peer page larger than this is refused (counted while streaming). */
  maxPageBytes: number;
  /** FEDERATION_MAX_PAGES_PER_RUN: pages read from one peer per pull; the rest waits for the next run. */
  maxPagesPerRun: number;
  /** FEDERATION_ALLOW_PRIVATE_PEERS: allow peers on loopback/private addresses (tests, a closed provincial network). */
  allowPrivatePeers: boolean;
  /** FEDERATION_PROVINCE_CODE: this floor's province, named in the feed (default: none stated). */
  provinceCode?: string;
}

export function federationConfig(config: AppConfig): FederationConfig {
  const env = config.env;
  const province = env.str('FEDERATION_PROVINCE_CODE');
  if (province !== undefined && !/^\d{2}$/.test(province))
    throw new ConfigError('FEDERATION_PROVINCE_CODE', `must be a 2-digit province code (got "${province}")`);
  return {
    feedRatePerMinute: env.int('OPEN_FEED_RATE_PER_MINUTE', 120, 1, 100_000),
    pullIntervalSeconds: env.int('FEDERATION_PULL_INTERVAL_SECONDS', 900, 5, 7 * 86_400),
    httpTimeoutMs: env.int('FEDERATION_HTTP_TIMEOUT_MS', 15_000, 100, 120_000),
    maxPageBytes: env.int('FEDERATION_MAX_PAGE_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxPagesPerRun: env.int('FEDERATION_MAX_PAGES_PER_RUN', 50, 1, 10_000),
    allowPrivatePeers: env.bool('FEDERATION_ALLOW_PRIVATE_PEERS', false),
    provinceCode: province,
  };
}
