import { ConfigError } from '@tradefloor/core';
import type { ChannelConfigSpec } from '../channel.types';

export interface TikTokShopConfig {
  apiBaseUrl: string;
  authBaseUrl: string;
  authorizeUrl: string;
  appKey?: string;
  appSecret?: string;
  serviceId?: string;
  ratePerSecond: number;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The installation's TikTok Shop app (Partner Center) and our pace per shop. */
export const TIKTOK_SHOP_CONFIG: ChannelConfigSpec<TikTokShopConfig> = {
  variables: [
    {
      name: 'TIKTOK_SHOP_API_BASE_URL',
      default: '`https://open-api.tiktokglobalshop.com`',
      meaning: 'TikTok Shop Partner API host (versioned 202309 paths); point it at `npm run partner-sim` locally.',
    },
    { name: 'TIKTOK_SHOP_AUTH_BASE_URL', default: '`https://auth.tiktok-shops.com`', meaning: 'TikTok Shop token host (code exchange and refresh).' },
    {
      name: 'TIKTOK_SHOP_AUTHORIZE_URL',
      default: '`https://services.tiktokshop.com/open/authorize`',
      meaning: 'Where sellers consent (`?service_id&state`); US shops use `services.us.tiktokshop.com`.',
    },
    {
      name: 'TIKTOK_SHOP_APP_KEY',
      meaning:
        'App key from TikTok Shop Partner Center; requires `TIKTOK_SHOP_APP_SECRET` and `TIKTOK_SHOP_SERVICE_ID`. Without them the channel cannot be connected.',
    },
    { name: 'TIKTOK_SHOP_APP_SECRET', meaning: 'App secret (signs every request and webhook); requires `TIKTOK_SHOP_APP_KEY`. Never logged.' },
    { name: 'TIKTOK_SHOP_SERVICE_ID', meaning: 'Service id of the app, used in the consent link; requires `TIKTOK_SHOP_APP_KEY`.' },
    { name: 'TIKTOK_SHOP_RATE_PER_SECOND', default: '10', meaning: 'Token-bucket rate per TikTok Shop shop (requests/s; TikTok allows 50 per API).' },
  ],
  load(env) {
    const appKey = env.str('TIKTOK_SHOP_APP_KEY');
    const appSecret = env.str('TIKTOK_SHOP_APP_SECRET');
    const serviceId = env.str('TIKTOK_SHOP_SERVICE_ID');
    if (appKey !== undefined && !ID.test(appKey)) throw new ConfigError('TIKTOK_SHOP_APP_KEY', 'may contain only letters, digits, _ and - (max 64)');
    if (serviceId !== undefined && !ID.test(serviceId)) throw new ConfigError('TIKTOK_SHOP_SERVICE_ID', 'may contain only letters, digits, _ and - (max 64)');
    if (appKey && !appSecret) throw new ConfigError('TIKTOK_SHOP_APP_SECRET', 'is required when TIKTOK_SHOP_APP_KEY is set');
    if (appSecret && !appKey) throw new ConfigError('TIKTOK_SHOP_APP_KEY', 'is required when TIKTOK_SHOP_APP_SECRET is set');
    if (appKey && !serviceId) throw new ConfigError('TIKTOK_SHOP_SERVICE_ID', 'is required when TIKTOK_SHOP_APP_KEY is set');
    if (serviceId && !appKey) throw new ConfigError('TIKTOK_SHOP_APP_KEY', 'is required when TIKTOK_SHOP_SERVICE_ID is set');
    return {
      apiBaseUrl: env.baseUrl('TIKTOK_SHOP_API_BASE_URL', 'https://open-api.tiktokglobalshop.com'),
      authBaseUrl: env.baseUrl('TIKTOK_SHOP_AUTH_BASE_URL', 'https://auth.tiktok-shops.com'),
      authorizeUrl: env.baseUrl('TIKTOK_SHOP_AUTHORIZE_URL', 'https://services.tiktokshop.com/open/authorize'),
      appKey,
      appSecret,
      serviceId,
      ratePerSecond: env.int('TIKTOK_SHOP_RATE_PER_SECOND', 10, 1, 10_000),
    };
  },
};
