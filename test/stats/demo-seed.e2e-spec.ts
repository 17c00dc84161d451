import { parse } from 'csv-parse/sync';
import { demoBulletinSlugs, seedDemoBulletins } from '@tradefloor/news-bulletin';
import { stampUrl } from '@tradefloor/traceability';
import { SEED_FIGURES } from '../../apps/api/src/cli/demo-data/figures';
import { seedDemoActivity } from '../../apps/api/src/cli/demo-data/seed-activity';
import { seedDemoData } from '../../apps/api/src/cli/demo-data/seed-demo-data';
import { seedDemoImages } from '../../apps/api/src/cli/demo-data/seed-images';
import { planDemoData } from '../../apps/api/src/cli/demo-data/plan';
import { DEMO_PASSWORD } from '../../apps/api/src/cli/demo-data/demo-users';
import { SHOWCASE_ENTERPRISE } from '../../apps/api/src/cli/demo-data/trace-plan';
import { login } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, signIn } from '../web/web-helpers';

function pathValue(obj: unknown, path: string): unknown {
  return path.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], obj);
}

describe('demo data: seed:demo reproduces the seed article figures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('loads the base set and /api/v1/stats/overview shows exactly the seed figures', async () => {
    const report = await seedDemoData(t.app);
    expect(report.enterprisesCreated).toBe(136);
    // One change event per created enterprise and product (search and partner feeds subscribe to them).
    expect(report.eventsPublished).toBe(136 + report.productsCreated);
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    const { asOf: _asOf, ...figures } = res.body;
    expect(figures).toEqual(SEED_FIGURES);
    // The article's own numbers, spelled out.
    expect(res.body.ocop).toMatchObject({ products: 184, potentialFiveStar: 9, fourStar: 38, threeStar: 137, subjects: 118 });
    expect(res.body.ocop.subjectsByKind).toEqual({ household: 72, company: 20, private_enterprise: 5, cooperative: 19, cooperative_group: 2 });
    expect(res.body.enterprises.verified).toBe(132);
    expect(res.body.products).toMatchObject({ published: 662, typicalRuralIndustrial: 67 });
    expect(res.body.products.withOtherCertification).toBeGreaterThanOrEqual(300);
  });

  it('is idempotent: a second run creates nothing and the figures stay the same', async () => {
    const jobsBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs`);
    const report = await seedDemoData(t.app);
    expect(report).toMatchObject({ usersCreated: 0, enterprisesCreated: 0, productsCreated: 0, productsCertified: 0, eventsPublished: 0 });
    const jobsAfter = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(jobsAfter[0].n).toBe(jobsBefore[0].n);
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    const { asOf: _asOf, ...figures } = res.body;
    expect(figures).toEqual(SEED_FIGURES);
  });

  it('gives every demo product generated pictures through the upload pipeline, a gallery for OCOP products, once', async () => {
    const slugs = planDemoData().products.map((p) => p.slug);
    const report = await seedDemoImages(t.app, slugs);
    expect(report.productsIllustrated).toBe(slugs.length);
    const perProduct: Array<{ n: number; ocop: boolean }> = await t.dataSource.query(
      `SELECT count(i.id)::int AS n, EXISTS (SELECT 1 FROM ocop_certificates oc WHERE oc.product_id = p.id) AS ocop
       FROM products p LEFT JOIN product_images i ON i.product_id = p.id WHERE p.slug = ANY($1::text[]) GROUP BY p.id`,
      [slugs],
    );
    expect(perProduct).toHaveLength(slugs.length);
    expect(perProduct.every((r) => (r.ocop ? r.n === 3 : r.n >= 1 && r.n <= 2))).toBe(true);
    expect(report.imagesStored).toBe(perProduct.reduce((sum, r) => sum + r.n, 0));

    // Served like an upload: WebP from /media, a thumbnail of at most 400 px.
    const [certified] = await t.dataSource.query(
      `SELECT p.slug FROM products p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE p.status = 'published' AND e.status = 'verified' AND p.slug = ANY($1::text[])
         AND EXISTS (SELECT 1 FROM ocop_certificates oc WHERE oc.product_id = p.id AND oc.status = 'valid' AND oc.valid_until >= current_date)
       ORDER BY p.slug LIMIT 1`,
      [slugs],
    );
    const product = (await t.http.get(`/api/v1/products/${certified.slug}`).expect(200)).body;
    expect(product.images).toHaveLength(3);
    const photo = await t.http.get(new URL(product.images[0].url, 'http://x').pathname).buffer(true).expect(200);
    expect(photo.headers['content-type']).toBe('image/webp');
    expect(photo.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    const thumb = await t.http.get(new URL(product.images[0].thumbnailUrl, 'http://x').pathname).buffer(true).expect(200);
    expect(thumb.body.length).toBeLessThan(photo.body.length);

    // A second run draws nothing: every product already has a picture.
    expect(await seedDemoImages(t.app, slugs)).toMatchObject({ productsIllustrated: 0, imagesStored: 0 });
  });

  it('includes the products of the search relevance cases and honey at several OCOP levels', async () => {
    const names: Array<{ name: string }> = await t.dataSource.query(
      `SELECT p.name FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified'`,
    );
    for (const wanted of ['Bưởi da xanh', 'Dưa hấu', 'Dừa sáp', 'Kẹo dừa', 'Dưa lưới', 'Dứa', 'Xoài cát Hòa Lộc', 'Thanh long ruột đỏ', 'Mật ong']) {
      expect(names.some((n) => n.name.startsWith(wanted))).toBe(true);
    }
    const honey: Array<{ level: string }> = await t.dataSource.query(
      `SELECT DISTINCT CASE WHEN oc.potential_five_star THEN 'potential' ELSE oc.stars::text END AS level
       FROM products p JOIN ocop_certificates oc ON oc.product_id = p.id
       WHERE p.name LIKE 'Mật ong%' AND oc.status = 'valid' AND oc.valid_until >= current_date`,
    );
    expect(honey.map((h) => h.level).sort()).toEqual(['3', '4', 'potential']);
  });

  it('creates demo accounts that can log in with the documented password', async () => {
    const [owner] = await t.dataSource.query(`SELECT u.email FROM enterprises e JOIN users u ON u.id = e.owner_id WHERE e.slug = 'htx-buoi-da-xanh-hung-hoa'`);
    const user = await login(t, owner.email, DEMO_PASSWORD);
    const me = await t.http.get('/api/v1/me').set(user.auth).expect(200);
    expect(me.body.role).toBe('business');
  });

  it('exports the same figures as CSV (UTF-8 with BOM, attachment)', async () => {
    const json = (await t.http.get('/api/v1/stats/overview').expect(200)).body;
    const res = await t.http
      .get('/api/v1/stats/overview.csv')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body.toString('utf8'), { bom: true });
    expect(rows[0]).toEqual(['Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị']);
    const data = rows.slice(1);
    expect(data.find((r) => r[0] === 'ocop.potentialFiveStar')?.[1]).toBe('Sản phẩm OCOP tiềm năng 5 sao');
    for (const [key, , value] of data) {
      expect(String(pathValue(json, key))).toBe(value);
    }
    // Every number of the JSON appears once in the CSV.
    const leaves = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(data.map((r) => r[0]).sort()).toEqual(leaves(json).sort());
  });

  it('exports per-commune counts that add up to the overview', async () => {
    const list = (await t.http.get('/api/v1/stats/communes').expect(200)).body as Array<{
      communeCode: string;
      enterprises: number;
      publishedProducts: number;
      ocopProducts: number;
    }>;
    const sum = (k: 'enterprises' | 'publishedProducts' | 'ocopProducts') => list.reduce((s, c) => s + c[k], 0);
    expect([sum('enterprises'), sum('publishedProducts'), sum('ocopProducts')]).toEqual([132, 662, 184]);
    expect(list.find((c) => c.communeCode === '29308')!.publishedProducts).toBeGreaterThan(0);
    const csv = await t.http.get('/api/v1/stats/communes.csv').expect(200);
    const rows: string[][] = parse(csv.text, { bom: true });
    expect(rows.length).toBe(list.length + 1);
    expect(rows.find((r) => r[0] === '29308')).toEqual([
      '29308',
      'Xã Cầu Kè',
      ...['enterprises', 'publishedProducts', 'ocopProducts'].map((k) => String(list.find((c) => c.communeCode === '29308')![k as 'enterprises'])),
    ]);
  });

  describe('synthetic activity (lots, stamps, scans, views)', () => {
    const DAY_MS = 86_400_000;
    const q = <T = Record<string, number>>(sql: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(sql, params);
    /** Row counts and sums of everything the activity writes, to compare before and after a rerun. */
    const footprint = async () =>
      (
        await q(`SELECT (SELECT count(*) FROM trace_batches)::int AS batches, (SELECT count(*) FROM trace_events)::int AS events,
                        (SELECT count(*) FROM trace_stamps)::int AS stamps,
                        (SELECT count(*) FROM trace_stamps WHERE state = 'activated')::int AS activated,
                        (SELECT count(*) FROM trace_stamp_scans)::int AS scans, (SELECT sum(scan_count) FROM trace_stamps)::int AS counted,
                        (SELECT count(*) FROM product_view_days)::int AS product_days, (SELECT sum(views) FROM product_view_days)::int AS product_views,
                        (SELECT count(*) FROM bulletin_view_days)::int AS bulletin_days, (SELECT sum(views) FROM bulletin_view_days)::int AS bulletin_views,
                        (SELECT sum(view_count) FROM bulletins)::int AS bulletin_totals`)
      )[0];
    let first: Awaited<ReturnType<typeof seedDemoActivity>>;

    beforeAll(async () => {
      await seedDemoBulletins(t.dataSource);
      first = await seedDemoActivity(t.app);
    });

    it('gives about twenty OCOP products of verified enterprises 1–3 lots of 50–500 activated stamps, with trace events', async () => {
      const lots = await q<{ product: string; lots: number; min: number; max: number; ocop: boolean; onFloor: boolean }>(
        `SELECT p.slug AS product, count(*)::int AS lots, min(b.issued_count) AS min, max(b.issued_count) AS max,
                EXISTS (SELECT 1 FROM ocop_certificates oc WHERE oc.product_id = p.id AND oc.status = 'valid' AND oc.valid_until >= current_date) AS ocop,
                (p.status = 'published' AND e.status = 'verified') AS "onFloor"
         FROM trace_batches b JOIN products p ON p.id = b.product_id JOIN enterprises e ON e.id = b.enterprise_id GROUP BY p.id, e.id`,
      );
      expect(lots).toHaveLength(20);
      for (const l of lots) {
        expect(l).toMatchObject({ ocop: true, onFloor: true });
        expect(l.lots).toBeGreaterThanOrEqual(1);
        expect(l.lots).toBeLessThanOrEqual(3);
        expect(l.min).toBeGreaterThanOrEqual(50);
        expect(l.max).toBeLessThanOrEqual(500);
      }
      const f = await footprint();
      expect(first).toMatchObject({
        tracedProducts: 20,
        batchesCreated: f.batches,
        eventsRecorded: f.events,
        stampsIssued: f.stamps,
        stampsActivated: f.stamps,
      });
      // Every stamp was activated; the lost rolls (12 of the showcase's latest lot, 20 of another) are revoked since.
      expect(first.stampsRevoked).toBe(32);
      expect(f.activated).toBe(f.stamps - 32);
      const steps = await q<{ steps: string[]; lot: string; afterProduction: boolean }>(
        `SELECT b.lot_code AS lot, array_agg(e.biz_step ORDER BY e.event_time) AS steps,
                bool_and(e.event_time >= b.produced_at::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS "afterProduction"
         FROM trace_batches b JOIN trace_events e ON e.batch_id = b.id GROUP BY b.id`,
      );
      expect(steps).toHaveLength(f.batches);
      for (const s of steps) {
        expect(s.steps.slice(0, 4)).toEqual(['commissioning', 'inspecting', 'packing', 'shipping']);
        expect(s.lot).toMatch(/^[A-Z]{2,3}-\d{4}$/);
        expect(s.afterProduction).toBe(true);
      }
    });

    it('records 60 days of scans, mostly genuine, whose counters match the stamps', async () => {
      const now = t.clock.now().getTime();
      const [range] = await q<{ first: Date; last: Date; days: number }>(
        `SELECT min(scanned_at) AS first, max(scanned_at) AS last, count(DISTINCT (scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS days FROM trace_stamp_scans`,
      );
      expect(range.first.getTime()).toBeGreaterThanOrEqual(now - 60 * DAY_MS);
      expect(range.last.getTime()).toBeLessThan(now);
      expect(range.days).toBeGreaterThanOrEqual(45);
      const outcomes = Object.fromEntries(
        (await q<{ outcome: string; n: number }>(`SELECT outcome, count(*)::int AS n FROM trace_stamp_scans GROUP BY 1`)).map((r) => [r.outcome, r.n]),
      );
      expect(first.scansRecorded).toBe(Object.values(outcomes).reduce((a, b) => a + b, 0));
      expect(outcomes.genuine / first.scansRecorded).toBeGreaterThan(0.9);
      expect(outcomes.warning).toBeGreaterThan(0);
      expect(outcomes.revoked).toBeGreaterThan(0);
      expect(outcomes.unknown).toBeGreaterThan(0);
      const [mismatch] = await q(
        `SELECT count(*)::int AS n FROM trace_stamps s
         WHERE s.scan_count <> (SELECT count(*) FROM trace_stamp_scans sc WHERE sc.serial = s.serial)
            OR s.distinct_places <> (SELECT count(DISTINCT place) FROM trace_stamp_scans sc WHERE sc.serial = s.serial)`,
      );
      expect(mismatch.n).toBe(0);
      // Copied stamps: over the thresholds (20 scans or 3 places), in four lots including the showcase's.
      const [copied] = await q(
        `SELECT count(*)::int AS stamps, count(DISTINCT batch_id)::int AS lots FROM trace_stamps WHERE scan_count > 20 OR distinct_places > 3`,
      );
      expect(copied).toEqual({ stamps: 5, lots: 4 });
    });

    it("adds product and bulletin views per day with a weekly rhythm, within each bulletin's total", async () => {
      expect(first.productViewDays).toBeGreaterThan(0);
      expect(first.bulletinViewDays).toBeGreaterThan(0);
      const byWeekday = Object.fromEntries(
        (
          await q<{ dow: number; avg: number }>(
            `SELECT extract(dow FROM day)::int AS dow, avg(v)::float AS avg FROM
             (SELECT day, sum(views) AS v FROM product_view_days WHERE day < $1::date GROUP BY day) d GROUP BY 1`,
            [new Date(t.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10)],
          )
        ).map((r) => [r.dow, r.avg]),
      );
      // Shoppers browse most at the weekend.
      expect(Math.min(byWeekday[0], byWeekday[6])).toBeGreaterThan(Math.max(byWeekday[1], byWeekday[2], byWeekday[3]));
      const bulletins = await q<{ slug: string; total: number; history: number }>(
        `SELECT b.slug, b.view_count::int AS total, coalesce(sum(d.views), 0)::int AS history
         FROM bulletins b LEFT JOIN bulletin_view_days d ON d.bulletin_id = b.id GROUP BY b.id`,
      );
      expect(bulletins.map((b) => b.slug).sort()).toEqual(demoBulletinSlugs().sort());
      for (const b of bulletins) {
        expect(b.history).toBeGreaterThan(0);
        expect(b.history).toBeLessThanOrEqual(b.total);
      }
    });

    it('is idempotent: a rerun adds nothing, and the overview still equals the seed article', async () => {
      const before = await footprint();
      const again = await seedDemoActivity(t.app);
      expect(again).toMatchObject({
        batchesCreated: 0,
        eventsRecorded: 0,
        stampsIssued: 0,
        stampsActivated: 0,
        stampsRevoked: 0,
        scansRecorded: 0,
        productViewDays: 0,
        bulletinViewDays: 0,
      });
      expect(await footprint()).toEqual(before);
      const res = await t.http.get('/api/v1/stats/overview').expect(200);
      const { asOf: _asOf, ...figures } = res.body;
      expect(figures).toEqual(SEED_FIGURES);
    });

    it('answers genuine for a seeded stamp URL, warning for a copied stamp, and lists anomalies to the owner', async () => {
      const [fresh] = await q<{ serial: string; gtin14: string; lot: string }>(
        `SELECT s.serial, b.gtin14, b.lot_code AS lot FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id
         WHERE b.gtin14 IS NOT NULL AND s.state = 'activated' AND s.scan_count = 0 ORDER BY b.lot_code, s.seq LIMIT 1`,
      );
      const path = stampUrl('', fresh.serial, fresh.gtin14, fresh.lot);
      expect(path).toMatch(/^\/01\/\d{14}\/10\/[A-Z]+-\d{4}\/21\/[0-9A-Z]{14}$/);
      const page = await t.http.get(path).expect(200);
      expect(page.text).toContain('data-verdict="genuine"');

      const [copied] = await q<{ serial: string }>(
        `SELECT s.serial FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id JOIN enterprises e ON e.id = b.enterprise_id
         WHERE e.slug = $1 AND s.state = 'activated' ORDER BY s.scan_count DESC LIMIT 1`,
        [SHOWCASE_ENTERPRISE],
      );
      expect((await t.http.get(`/api/v1/stamps/${copied.serial}`).expect(200)).body.verdict).toBe('warning');

      const [showcase] = await q<{ id: string; email: string }>(`SELECT e.id, u.email FROM enterprises e JOIN users u ON u.id = e.owner_id WHERE e.slug = $1`, [
        SHOWCASE_ENTERPRISE,
      ]);
      const owner = await login(t, showcase.email, DEMO_PASSWORD);
      const anomalies = (await t.http.get(`/api/v1/enterprises/${showcase.id}/traceability/anomalies`).set(owner.auth).expect(200)).body;
      expect(anomalies.warningStamps.length).toBe(2);
      expect(anomalies.revokedScans.length).toBeGreaterThan(0);
    });

    it('fills the staff activity CSV: scans, bulletin views and product views on most of the last 30 days', async () => {
      const editor = await signIn(t, 'bientap@demo.tradefloor.vn', DEMO_PASSWORD);
      const res = await t.http.get('/quan-ly/thong-ke/hoat-dong.csv?days=30').set('Cookie', cookieHeader(editor)).expect(200);
      const rows: string[][] = parse(res.text, { bom: true });
      expect(rows[0]).toEqual(['Ngày', 'Lượt quét tem truy xuất nguồn gốc', 'Lượt xem bản tin', 'Lượt xem trang sản phẩm']);
      const days = rows.slice(1);
      expect(days).toHaveLength(30);
      const nonZero = (col: number) => days.filter((r) => Number(r[col]) > 0).length;
      // Today has only its elapsed hours, so it may still be empty.
      expect(nonZero(1)).toBeGreaterThanOrEqual(29);
      expect(nonZero(2)).toBeGreaterThanOrEqual(25);
      expect(nonZero(3)).toBeGreaterThanOrEqual(29);
    });
  });
});
