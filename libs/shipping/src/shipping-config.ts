import { ConfigError, derivedKey, type EnvReader } from '@tradefloor/core';

/** The shipping context's settings (README "Configuration"), read once from the environment. */
export interface ShippingSettings {
  ghnBaseUrl: string;
  ghtkBaseUrl: string;
  /** The secret path segment of the webhook URLs the carriers call (they sign nothing). */
  webhookSecret: string;
  httpTimeoutMs: number;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How often the poll looks for shipments the webhooks left stale. */
  pollIntervalSeconds: number;
  /** A shipment not checked for this long is re-fetched by the poll. */
  staleSeconds: number;
  /** A carrier shipment still not created after this long alerts seller and buyer (once). */
  createAlertSeconds: number;
}

export function shippingSettings(env: EnvReader, encryptionKey?: string): ShippingSettings {
  const secret = env.str('SHIPPING_WEBHOOK_SECRET');
  if (secret !== undefined && !/^[A-Za-z0-9_-]{16,128}$/.test(secret)) {
    throw new ConfigError('SHIPPING_WEBHOOK_SECRET', 'must be 16-128 characters of A-Z a-z 0-9 _ -');
  }
  return {
    ghnBaseUrl: env.baseUrl('GHN_BASE_URL', 'https://online-gateway.ghn.vn/shiip/public-api'),
    ghtkBaseUrl: env.baseUrl('GHTK_BASE_URL', 'https://services.giaohangtietkiem.vn'),
    // Unset: derived from the installation's ENCRYPTION_KEY, so it is stable and unguessable.
    webhookSecret: secret ?? (encryptionKey ? derivedKey(encryptionKey, 'tradefloor/shipping/webhook-url').toString('base64url') : ''),
    httpTimeoutMs: env.int('SHIPPING_HTTP_TIMEOUT_MS', 10_000, 100, 120_000),
    concurrency: env.int('SHIPPING_CONCURRENCY', 4, 1, 64),
    maxAttempts: env.int('SHIPPING_MAX_ATTEMPTS', 20, 1, 1000),
    backoffBaseMs: env.int('SHIPPING_BACKOFF_BASE_MS', 2000, 1, 3_600_000),
    backoffMaxMs: env.int('SHIPPING_BACKOFF_MAX_MS', 10 * 60_000, 1, 86_400_000),
    pollIntervalSeconds: env.int('SHIPPING_POLL_INTERVAL_SECONDS', 900, 1, 86_400),
    staleSeconds: env.int('SHIPPING_STALE_SECONDS', 3600, 1, 30 * 86_400),
    createAlertSeconds: env.int('SHIPPING_CREATE_ALERT_SECONDS', 1800, 1, 7 * 86_400),
  };
}
