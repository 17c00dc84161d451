import { startPartnerSim } from './server';

/**
 * `npm run partner-sim`: PARTNER_SIM_PORT (default 4500), PARTNER_SIM_FAULTS as JSON, e.g.
 * {"transientRate":0.2}; the app's Shopee and TikTok Shop credentials when they differ from SIM_DEFAULTS.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PARTNER_SIM_PORT ?? 4500);
  const faults = process.env.PARTNER_SIM_FAULTS ? JSON.parse(process.env.PARTNER_SIM_FAULTS) : {};
  const rate = process.env.PARTNER_SIM_RATE_PER_SECOND ? Number(process.env.PARTNER_SIM_RATE_PER_SECOND) : undefined;
  const sim = await startPartnerSim({
    port,
    host: process.env.PARTNER_SIM_HOST ?? '127.0.0.1',
    faults,
    shopee: {
      ...(process.env.SHOPEE_PARTNER_ID ? { partnerId: Number(process.env.SHOPEE_PARTNER_ID) } : {}),
      ...(process.env.SHOPEE_PARTNER_KEY ? { partnerKey: process.env.SHOPEE_PARTNER_KEY } : {}),
      ...(rate ? { ratePerSecond: rate } : {}),
    },
    tiktok: {
      ...(process.env.TIKTOK_SHOP_APP_KEY ? { appKey: process.env.TIKTOK_SHOP_APP_KEY } : {}),
      ...(process.env.TIKTOK_SHOP_APP_SECRET ? { appSecret: process.env.TIKTOK_SHOP_APP_SECRET } : {}),
      ...(process.env.TIKTOK_SHOP_SERVICE_ID ? { serviceId: process.env.TIKTOK_SHOP_SERVICE_ID } : {}),
      // The redirect registered for the app, e.g. http://localhost:3000/quan-ly/kenh-ban/uy-quyen-tiktok-shop
      ...(process.env.PARTNER_SIM_TIKTOK_REDIRECT_URL ? { redirectUrl: process.env.PARTNER_SIM_TIKTOK_REDIRECT_URL } : {}),
      ...(rate ? { ratePerSecond: rate } : {}),
    },
    voso: rate ? { ratePerSecond: rate } : {},
    postmart: rate ? { ratePerSecond: rate } : {},
  });
  process.stdout.write(
    `${JSON.stringify({ msg: 'partner simulator ready', url: sim.url, shopee: `${sim.url}/api/v2`, tiktokShop: sim.url, voso: `${sim.url}/v1`, postmart: `${sim.url}/openapi`, ghn: `${sim.url}/shiip/public-api`, ghtk: `${sim.url}/services`, admin: `${sim.url}/__sim/state` })}\n`,
  );
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
