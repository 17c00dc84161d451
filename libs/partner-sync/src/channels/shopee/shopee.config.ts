import { ConfigError } from '@tradefloor/core';
import type { ChannelConfigSpec } from '../channel.types';

export interface ShopeeConfig {
  baseUrl: string;
  partnerId?: number;
  partnerKey?: string;
  ratePerSecond: number;
}

/** Shopee's platform app (one per installation) and our pace per shop. */
export const SHOPEE_CONFIG: ChannelConfigSpec<ShopeeConfig> = {
  variables: [
    {
      name: 'SHOPEE_BASE_URL',
      default: 'Shopee Open Platform',
      meaning: 'Base URL of the Shopee Open Platform v2 API (point it at `npm run partner-sim` locally).',
    },
    {
      name: 'SHOPEE_PARTNER_ID',
      meaning: 'Platform partner id (integer); requires `SHOPEE_PARTNER_KEY`. Without both, the Shopee channel cannot be connected.',
    },
    { name: 'SHOPEE_PARTNER_KEY', meaning: 'Platform partner key (HMAC signing secret); requires `SHOPEE_PARTNER_ID`. Never logged.' },
    { name: 'SHOPEE_RATE_PER_SECOND', default: '10', meaning: 'Token-bucket rate per Shopee shop (requests/s), shared by all workers.' },
  ],
  load(env) {
    const partnerIdRaw = env.str('SHOPEE_PARTNER_ID');
    const partnerKey = env.str('SHOPEE_PARTNER_KEY');
    if (partnerIdRaw !== undefined && !/^\d{1,15}$/.test(partnerIdRaw)) throw new ConfigError('SHOPEE_PARTNER_ID', 'must be a positive integer');
    if (partnerIdRaw && !partnerKey) throw new ConfigError('SHOPEE_PARTNER_KEY', 'is required when SHOPEE_PARTNER_ID is set');
    if (partnerKey && !partnerIdRaw) throw new ConfigError('SHOPEE_PARTNER_ID', 'is required when SHOPEE_PARTNER_KEY is set');
    return {
      baseUrl: env.baseUrl('SHOPEE_BASE_URL', 'https://partner.shopeemobile.com'),
      partnerId: partnerIdRaw ? Number(partnerIdRaw) : undefined,
      partnerKey,
      ratePerSecond: env.int('SHOPEE_RATE_PER_SECOND', 10, 1, 10_000),
    };
  },
};
