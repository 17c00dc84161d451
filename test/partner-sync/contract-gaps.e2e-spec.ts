import sharp from 'sharp';
import type { PartnerSim } from '../../apps/partner-sim/src';
import { loginAdmin } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { freePort } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import type { SimRequest } from '../../apps/partner-sim/src/http-util';
import {
  AUTHORIZATION_CHANNELS,
  configureChannel,
  connectAuthorized,
  listingStates,
  productName,
  selectProducts,
  settled,
  startSim,
  syncEnv,
  waitFor,
  type AuthorizationChannel,
} from './sync-harness';

/** How each partner with a signed API is faulted, named in its calls and answers (docs/partners/). */
const CONTRACT = {
  shopee: {
    upload: '/api/v2/media_space/upload_image',
    uploadField: 'name="image"',
    imageIdOf: (answer: Record<string, unknown>) => (answer.response as { image_info?: { image_id?: string } } | undefined)?.image_info?.image_id,
    create: '/api/v2/product/add_item',
    refuse: (mode: 'none' | 'sign' | 'timestamp') => ({ shopeeRefuse: mode }),
    refusal: { sign: /Shopee: error_sign — Wrong sign\./, timestamp: /Shopee: error_param — Invalid timestamp/ },
  },
  'tiktok-shop': {
    upload: '/product/202309/images/upload',
    uploadField: 'name="data"',
    imageIdOf: (answer: Record<string, unknown>) => (answer.data as { uri?: string } | undefined)?.uri,
    create: '/product/202309/products',
    refuse: (mode: 'none' | 'sign' | 'timestamp') => ({ tiktokRefuse: mode }),
    refusal: { sign: /TikTok Shop: 106001 — Invalid signature/, timestamp: /TikTok Shop: 36009004 — Invalid timestamp/ },
  },
} as const;

/** Next 00:00 in UTC+8 after `now`, computed here independently of the engine. */
function nextMidnightUtc8(now: Date): number {
  const DAY = 24 * 3600_000;
  const offset = 8 * 3600_000;
  return Math.floor((now.getTime() + offset) / DAY) * DAY + DAY - offset;
}

describe('partner sync: image upload, signature refusals, daily quota (end to end)', () => {
  let sim: PartnerSim;
  let t: TestApp;

  beforeAll(async () => {
    sim = await startSim();
    // The adapter fetches images from PUBLIC_BASE_URL + the image path: the app needs a real socket there.
    const port = await freePort();
    t = await createTestApp({ env: syncEnv(sim, { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }) });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterEach(() => sim.setFaults({ shopeeRefuse: 'none', tiktokRefuse: 'none' }));
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  /** An enterprise with the channel connected and mapped (one per test: faults and pauses stay apart). */
  async function connectedEnterprise(channel: AuthorizationChannel): Promise<{ ent: FixtureEnterprise; shopId: string }> {
    const ent = await createVerifiedEnterprise(t);
    const shopId = await connectAuthorized(t, sim, ent, channel);
    await configureChannel(t, ent, channel);
    return { ent, shopId };
  }

  const listingOf = async (ent: FixtureEnterprise, productId: string) =>
    (await t.http.get(`/api/v1/products/${productId}/listings`).set(ent.owner.auth).expect(200)).body.items[0] as Record<string, unknown>;
  const calls = (channel: AuthorizationChannel, path: string) => sim.store.calls[channel]?.[path] ?? 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** The product's own creation event is reviewed first, so it cannot enqueue a second job behind a running one. */
  const productEventsDrained = () =>
    waitFor(
      async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'partner-sync.product' AND status IN ('pending','running')`))[0].n === 0,
      30_000,
      'product events reviewed',
    );

  it.each(AUTHORIZATION_CHANNELS)('%s: uploads the product image (multipart, as JPEG) and lists the item with the id the partner returned', async (channel) => {
    const contract = CONTRACT[channel];
    const { ent, shopId } = await connectedEnterprise(channel);
    const p = await createProduct(t, ent.id, { name: productName('Bưởi da xanh'), sku: 'IMG-1' });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 160, b: 60 } } })
      .jpeg()
      .toBuffer();
    const image = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', jpeg, 'buoi.jpg').expect(201);
    expect(image.body.url).toMatch(/^\//);

    const uploadsBefore = calls(channel, contract.upload);
    const ids: string[] = [];
    const partner = channel === 'shopee' ? sim.shopee : sim.tiktok;
    const route = partner.handle.bind(partner);
    // Watch the upload request and its answer without changing what the simulator does.
    partner.handle = async (r: SimRequest) => {
      if (r.path === contract.upload) {
        expect(String(r.req.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
        expect(r.raw.includes(Buffer.from(contract.uploadField))).toBe(true);
        // Our images are WebP; the partners take JPG/PNG, so the adapter sends JPEG.
        expect(r.raw.includes(Buffer.from('Content-Type: image/jpeg'))).toBe(true);
        const end = r.res.end.bind(r.res);
        r.res.end = ((chunk: unknown, ...rest: unknown[]) => {
          const id = contract.imageIdOf(JSON.parse(String(chunk)));
          if (id) ids.push(id);
          return end(chunk as never, ...(rest as never[]));
        }) as typeof r.res.end;
      }
      return route(r);
    };
    try {
      await selectProducts(t, ent, channel, [p.id]);
      await waitFor(
        () => settled(t, ['listed'], 'product_id = $1', [p.id]),
        30_000,
        'listed',
        () => listingStates(t, 'product_id = $1', [p.id]),
      );
    } finally {
      partner.handle = route;
    }
    expect(calls(channel, contract.upload) - uploadsBefore).toBe(1);
    expect(ids).toHaveLength(1);
    const item = sim.store.itemsBySku(channel, shopId)['IMG-1'];
    expect(item.imageIds).toEqual(ids);
    expect((await listingOf(ent, p.id)).externalId).toBe(item.id);
  });

  it.each(AUTHORIZATION_CHANNELS.flatMap((channel) => (['sign', 'timestamp'] as const).map((mode) => [channel, mode] as const)))(
    '%s: refused signature (%s): failed and dead-lettered at the first attempt with a readable reason, no retry, shown to admins',
    async (channel, mode) => {
      const contract = CONTRACT[channel];
      const partnerText = contract.refusal[mode];
      const { ent } = await connectedEnterprise(channel);
      const p = await createProduct(t, ent.id, { name: productName(`Nhãn ${mode}`), sku: `SIG-${mode}` });
      await productEventsDrained();
      sim.setFaults(contract.refuse(mode));
      const before = calls(channel, contract.create);
      await selectProducts(t, ent, channel, [p.id]);
      await waitFor(
        () => settled(t, ['failed'], 'product_id = $1', [p.id]),
        30_000,
        'failed',
        () => listingStates(t, 'product_id = $1', [p.id]),
      );
      // Backoff is 20-300 ms in these tests: a retry would have shown up well within this pause.
      await sleep(1500);
      expect(calls(channel, contract.create) - before).toBe(1);

      const listing = await listingOf(ent, p.id);
      expect(listing).toMatchObject({ state: 'failed', deadLettered: true, errorClass: 'signature', externalId: null });
      expect(listing.lastError).toMatch(partnerText);
      expect(listing.lastError).toMatch(/không thử lại.*config or clock problem/);
      const jobs = await t.dataSource.query(`SELECT status, attempts FROM jobs WHERE queue = 'partner-sync.listing' AND payload->>'listingId' = $1`, [
        listing.id,
      ]);
      expect(jobs).toEqual([{ status: 'dead', attempts: 1 }]);

      const admin = await loginAdmin(t);
      const overview = (await t.http.get('/api/v1/admin/sync').set(admin.auth).expect(200)).body;
      expect(overview.deadLetters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            listingId: listing.id,
            productId: p.id,
            channel,
            state: 'failed',
            errorClass: 'signature',
            reason: expect.stringMatching(partnerText),
          }),
        ]),
      );
      expect(overview.connectionProblems).toEqual(
        expect.arrayContaining([expect.objectContaining({ enterpriseId: ent.id, channel, lastError: expect.stringMatching(partnerText) })]),
      );
    },
  );

  // Of the partners we simulate, only Shopee has a documented daily quota.
  it('shopee: daily quota (error_limit) pauses the job until the next 00:00 in Shopee’s time zone (UTC+8), nothing failed or dead', async () => {
    const { ent } = await connectedEnterprise('shopee');
    const p = await createProduct(t, ent.id, { name: 'Chôm chôm', sku: 'QUOTA-1' });
    await productEventsDrained();
    sim.setFaults({ shopeeRefuse: 'quota' });
    // The app's clock is a ManualClock frozen at creation: bring it to the real time the database uses for run_at.
    t.clock.set(new Date());
    const selectedAt = new Date();
    const before = calls('shopee', CONTRACT.shopee.create);
    await selectProducts(t, ent, 'shopee', [p.id]);
    const pausedJob = async () =>
      (
        await t.dataSource.query(
          `SELECT j.status, j.attempts, j.run_at, j.last_error FROM jobs j JOIN listings l ON l.id::text = j.payload->>'listingId'
           WHERE j.queue = 'partner-sync.listing' AND l.product_id = $1 AND l.error_class = 'quota'`,
          [p.id],
        )
      )[0];
    await waitFor(
      async () => (await pausedJob())?.status === 'pending',
      30_000,
      'quota pause',
      () => listingStates(t, 'product_id = $1', [p.id]),
    );
    await sleep(1000);
    expect(calls('shopee', CONTRACT.shopee.create) - before).toBe(1);

    const job = await pausedJob();
    const reset = nextMidnightUtc8(selectedAt);
    // run_at is the reset (the engine adds a second of margin), not a short backoff.
    expect(new Date(job.run_at).getTime()).toBeGreaterThanOrEqual(reset);
    expect(new Date(job.run_at).getTime()).toBeLessThan(reset + 5000);
    expect(job.attempts).toBe(0);
    expect(job.last_error).toMatch(/error_limit/);

    const [conn] = await t.dataSource.query(`SELECT status, paused_until FROM channel_connections WHERE enterprise_id = $1 AND channel = 'shopee'`, [ent.id]);
    expect(conn.status).toBe('active');
    expect(new Date(conn.paused_until).getTime()).toBe(reset);

    const listing = await listingOf(ent, p.id);
    expect(listing.state).not.toBe('failed');
    expect(listing).toMatchObject({ state: 'queued', deadLettered: false, errorClass: 'quota' });
    expect(listing.lastError).toMatch(/error_limit.*paused until/);
    const [{ dead }] = await t.dataSource.query(
      `SELECT count(*)::int AS dead FROM jobs WHERE queue = 'partner-sync.listing' AND status = 'dead' AND payload->>'listingId' = $1`,
      [listing.id],
    );
    expect(dead).toBe(0);
    const admin = await loginAdmin(t);
    const overview = (await t.http.get('/api/v1/admin/sync').set(admin.auth).expect(200)).body;
    expect(overview.deadLetters.map((d: { listingId: string }) => d.listingId)).not.toContain(listing.id);
    expect(overview.connectionProblems).toEqual(
      expect.arrayContaining([expect.objectContaining({ enterpriseId: ent.id, pausedUntil: new Date(reset).toISOString() })]),
    );
  });
});
