export { simulatorEnv, startPartnerSim, SIM_DEFAULTS, type PartnerSim, type PartnerSimOptions } from './server';
export type { SimFaults } from './faults';
export type { TikTokSimOptions } from './tiktok-sim';
export type { CarrierOrder, CarrierSimOptions, WebhookDelivery } from './carrier-sim';
export { GhnSim, ghnSimToken } from './ghn-sim';
export { GhtkSim, ghtkSimToken } from './ghtk-sim';
