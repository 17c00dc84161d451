export { simulatorEnv, startPartnerSim, SIM_DEFAULTS, type PartnerSim, type PartnerSimOptions } from './server';
export type { SimFaults } from './faults';
export type { TikTokSimOptions } from './tiktok-sim';
