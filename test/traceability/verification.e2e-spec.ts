import { ScanStore, generateSerials, isValidGtin, parseSerial } from '@tradefloor/traceability';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createBatch, issue, moveToNoonUtc, ownerWithProduct, serialsOf, type Owner } from './trace-fixtures';

const TEN_MINUTES = 10 * 60_000;

/** A serial whose check symbol is wrong (last symbol replaced). */
function typo(serial: string): string {
  return serial.slice(0, 13) + (serial[13] === 'A' ? 'B' : 'A');
}

/**
 * Two neighbouring characters swapped, at the first place where that changes the serial (a random
 * serial may repeat a character: swapping "77" is no typo at all) and the check character catches it.
 */
function transposed(serial: string): string {
  for (let i = 0; i + 1 < serial.length; i++) {
    const swapped = `${serial.slice(0, i)}${serial[i + 1]}${serial[i]}${serial.slice(i + 2)}`;
    if (swapped !== serial && parseSerial(swapped) === null) return swapped;
  }
  throw new Error(`no detectable transposition in ${serial}`);
}

describe('traceability: public verification, verdicts and scans', () => {
  let t: TestApp;
  let a: Owner;
  let batch: { id: string; lotCode: string };
  let serials: string[];
  let ip = 0;
  /** A distinct client for every call, so that no two scans are the same visit. */
  const client = () => `198.51.${100 + (ip % 100)}.${++ip % 250}`;

  beforeAll(async () => {
    t = await createTestApp({ env: { STAMP_WARN_SCANS: '3', STAMP_WARN_PLACES: '2', TRUST_PROXY: '1', STAMP_SCAN_RATE_PER_MINUTE: '1000' } });
    a = await ownerWithProduct(t, { name: 'Bưởi da xanh <script>alert(1)</script>', ocopStars: 4 });
    batch = await createBatch(t, a, { lotCode: 'HH/25-07', expiresAt: '2025-10-01', certifications: [{ type: 'organic' }] });
    await issue(t, a, batch.id, 30);
    serials = await serialsOf(t, batch.id);
    await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(a.owner.auth)
      .send({ type: 'ObjectEvent', bizStep: 'commissioning', eventTime: '2025-07-01T06:00:00+07:00', place: 'Vườn ấp Phú Thọ', actor: 'Tổ sản xuất số 2' })
      .expect(201);
    await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(a.owner.auth)
      .send({ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-02T09:00:00+07:00' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('answers genuine with product, enterprise, batch, valid OCOP stars, certifications and the event timeline', async () => {
    const res = await t.http.get(`/api/v1/stamps/${serials[0]}`).set('x-forwarded-for', client()).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      serial: serials[0],
      verdict: 'genuine',
      stampState: 'issued',
      activated: false,
      scanCount: 1,
      product: { name: 'Bưởi da xanh <script>alert(1)</script>', ocopStars: 4, gtin: '8931234567897', certifications: [{ type: 'vietgap' }] },
      enterprise: { id: a.enterprise.id, name: 'HTX Bưởi da xanh Hùng Hòa' },
      batch: {
        lotCode: 'HH/25-07',
        producedAt: '2025-07-01',
        expiresAt: '2025-10-01',
        originCommuneName: expect.any(String),
        certifications: [{ type: 'organic' }],
      },
    });
    expect(res.body.url).toBe(`${t.config.publicBaseUrl}/01/08931234567897/10/HH%2F25-07/21/${serials[0]}`);
    expect(res.body.events.map((e: { bizStep: string }) => e.bizStep)).toEqual(['commissioning', 'packing']);
    expect(res.body.events[0]).toMatchObject({ bizStepLabel: 'Sản xuất / thu hoạch', place: 'Vườn ấp Phú Thọ', actor: 'Tổ sản xuất số 2' });
  });

  it('builds Digital Link URLs with a GTIN-14 whose check digit is correct', async () => {
    const res = await t.http.get(`/api/v1/stamps/${serials[1]}`).set('x-forwarded-for', client()).expect(200);
    const m = /^(https?:\/\/[^/]+)\/01\/(\d{14})\/10\/([^/]+)\/21\/([0-9A-Z]{14})$/.exec(res.body.url);
    expect(m).not.toBeNull();
    const gtin14 = m![2];
    expect(gtin14).toBe('08931234567897');
    // Check digit recomputed independently: weights 3,1,3,… from the right over the first 13 digits.
    const sum = [...gtin14.slice(0, 13)].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
    expect((10 - (sum % 10)) % 10).toBe(Number(gtin14[13]));
    expect(isValidGtin(gtin14)).toBe(true);
    expect(decodeURIComponent(m![3])).toBe('HH/25-07');
  });

  it('treats a serial with a wrong check character as unknown without looking it up', async () => {
    const store = t.app.get(ScanStore);
    const find = jest.spyOn(store, 'findStamp');
    const record = jest.spyOn(store, 'recordUnknownScan');
    try {
      for (const bad of [typo(serials[2]), serials[2].slice(0, 13), 'hello', transposed(serials[2])]) {
        const res = await t.http
          .get(`/api/v1/stamps/${encodeURIComponent(bad)}`)
          .set('x-forwarded-for', client())
          .expect(200);
        expect(res.body).toMatchObject({ verdict: 'unknown', serial: null, product: null });
      }
      const page = await t.http
        .get(`/t/${typo(serials[2])}`)
        .set('x-forwarded-for', client())
        .expect(200);
      expect(page.text).toContain('data-verdict="unknown"');
      expect(find).not.toHaveBeenCalled();
      expect(record).not.toHaveBeenCalled();
      // A well-formed serial does reach the lookup (the spy is live).
      await t.http.get(`/api/v1/stamps/${serials[2]}`).set('x-forwarded-for', client()).expect(200);
      expect(find).toHaveBeenCalledTimes(1);
    } finally {
      find.mockRestore();
      record.mockRestore();
    }
    const [row] = await t.dataSource.query(`SELECT scan_count FROM trace_stamps WHERE serial = $1`, [serials[2]]);
    expect(row.scan_count).toBe(1);
  });

  it('reads serials typed sloppily (lower case, O for 0, I/L for 1)', async () => {
    // From the stamps no other test scans (0–10 are theirs): a scan here must not count on their stamps.
    const spare = serials.slice(11);
    const s = spare.find((x) => /[01]/.test(x)) ?? spare[0];
    const sloppy = s.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const res = await t.http.get(`/api/v1/stamps/${sloppy}`).set('x-forwarded-for', client()).expect(200);
    expect(res.body).toMatchObject({ serial: s, verdict: 'genuine' });
  });

  it('answers unknown for a well-formed serial that was never issued, and records it', async () => {
    const [never] = generateSerials(1);
    const res = await t.http.get(`/api/v1/stamps/${never}`).set('x-forwarded-for', client()).expect(200);
    expect(res.body).toMatchObject({ serial: never, verdict: 'unknown', product: null, scanCount: 0 });
    const rows = await t.dataSource.query(`SELECT serial, claimed_serial, outcome FROM trace_stamp_scans WHERE claimed_serial = $1`, [never]);
    expect(rows).toEqual([{ serial: null, claimed_serial: never, outcome: 'unknown' }]);
  });

  it('moves genuine → warning after more than K distinct clients, then revoked; the same visit counts once', async () => {
    const s = serials[4];
    const sameClient = '203.0.113.9';
    moveToNoonUtc(t);
    const first = await t.http.get(`/t/${s}`).set('x-forwarded-for', sameClient).set('user-agent', 'Zalo/1.0').expect(200);
    expect(first.text).toContain('data-verdict="genuine"');
    // Reloading, or opening the JSON from the same phone within minutes, is the same visit.
    await t.http.get(`/t/${s}`).set('x-forwarded-for', sameClient).set('user-agent', 'Zalo/1.0').expect(200);
    const json = await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', sameClient).set('user-agent', 'Zalo/1.0').expect(200);
    expect(json.body.scanCount).toBe(1);
    await t.http.head(`/t/${s}`).set('x-forwarded-for', '203.0.113.10').expect(200);

    // The same phone coming back later counts as a scan, but stays one client: no warning from it.
    t.clock.advance(TEN_MINUTES + 1000);
    const back = await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', sameClient).set('user-agent', 'Zalo/1.0').expect(200);
    expect(back.body).toMatchObject({ scanCount: 2, verdict: 'genuine' });
    for (const expected of [3, 4]) {
      const res = await t.http
        .get(`/api/v1/stamps/${s}`)
        .set('x-forwarded-for', `203.0.113.${20 + expected}`)
        .expect(200);
      expect(res.body).toMatchObject({ scanCount: expected, verdict: 'genuine' });
    }
    const fourth = await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', '203.0.113.30').set('user-agent', 'Zalo/1.0').expect(200);
    expect(fourth.body).toMatchObject({ scanCount: 5, verdict: 'warning' });
    const page = await t.http.get(`/t/${s}`).set('x-forwarded-for', client()).expect(200);
    expect(page.text).toContain('data-verdict="warning"');

    await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [s], reason: 'Phát hiện sao chép' })
      .expect(200);
    const revoked = await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', client()).expect(200);
    expect(revoked.body).toMatchObject({ verdict: 'revoked', stampState: 'revoked' });
    const outcomes = await t.dataSource.query(`SELECT outcome FROM trace_stamp_scans WHERE serial = $1 ORDER BY id`, [s]);
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['genuine', 'genuine', 'genuine', 'genuine', 'warning', 'warning', 'revoked']);
  });

  it('counts a visit that spans midnight, when the daily client key changes, once', async () => {
    const s = serials[20];
    const phone = '203.0.113.77';
    const now = t.clock.now();
    t.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 23, 57)));
    const scan = () => t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', phone).expect(200);
    expect((await scan()).body).toMatchObject({ scanCount: 1, verdict: 'genuine' });
    t.clock.advance(6 * 60_000); // 00:03 the next day: a reload of the same visit
    expect((await scan()).body).toMatchObject({ scanCount: 1, verdict: 'genuine' });
    t.clock.advance(TEN_MINUTES + 1000); // a later visit counts again
    expect((await scan()).body).toMatchObject({ scanCount: 2, verdict: 'genuine' });
  });

  it('warns when a stamp is scanned from more than M distinct places', async () => {
    const s = serials[5];
    // Region codes as a CDN sends them (HTTP headers are ASCII).
    const places = ['VN-86', 'VN-86', 'VN-SG', 'VN-HN'];
    const verdicts: string[] = [];
    for (const region of places) {
      const res = await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', client()).set('x-client-region', region).expect(200);
      verdicts.push(`${res.body.distinctPlaces}:${res.body.verdict}`);
    }
    expect(verdicts).toEqual(['1:genuine', '1:genuine', '2:genuine', '3:warning']);
  });

  it('counts /16 networks as places when no region header is given', async () => {
    const s = serials[6];
    const ips = ['100.64.1.1', '100.64.200.7', '100.65.0.1', '100.66.0.1'];
    const out: number[] = [];
    for (const addr of ips) out.push((await t.http.get(`/api/v1/stamps/${s}`).set('x-forwarded-for', addr).expect(200)).body.distinctPlaces);
    expect(out).toEqual([1, 1, 2, 3]);
  });

  it('activated stamps verify as genuine and say so', async () => {
    await t.http.post(`/api/v1/batches/${batch.id}/stamps/activate`).set(a.owner.auth).send({ fromSeq: 8, toSeq: 8 }).expect(200);
    const res = await t.http.get(`/api/v1/stamps/${serials[7]}`).set('x-forwarded-for', client()).expect(200);
    expect(res.body).toMatchObject({ verdict: 'genuine', stampState: 'activated', activated: true });
  });

  it('serves the Digital Link path, and calls a serial presented with another GTIN or lot unknown', async () => {
    const s = serials[8];
    const ok = await t.http.get(`/01/08931234567897/10/HH%2F25-07/21/${s}?17=251001`).set('x-forwarded-for', client()).expect(200);
    expect(ok.text).toContain('data-verdict="genuine"');
    // GTIN-13 form of the same GTIN is accepted (left-padded).
    await t.http.get(`/01/8931234567897/10/HH%2F25-07/21/${s}`).set('x-forwarded-for', client()).expect(200);
    const wrongLot = await t.http.get(`/01/08931234567897/10/OTHER/21/${s}`).set('x-forwarded-for', client()).expect(200);
    expect(wrongLot.text).toContain('data-verdict="unknown"');
    const wrongGtin = await t.http.get(`/01/08930000000019/10/HH%2F25-07/21/${s}`).set('x-forwarded-for', client()).expect(200);
    expect(wrongGtin.text).toContain('data-verdict="unknown"');
    const badGtin = await t.http.get(`/01/08931234567890/10/HH%2F25-07/21/${s}`).set('x-forwarded-for', client()).expect(200);
    expect(badGtin.text).toContain('data-verdict="unknown"');
    const [row] = await t.dataSource.query(`SELECT scan_count FROM trace_stamps WHERE serial = $1`, [s]);
    expect(row.scan_count).toBe(2);
    // Mismatches are recorded as unknown scans; an invalid GTIN is rejected before any lookup.
    const unknown = await t.dataSource.query(`SELECT outcome FROM trace_stamp_scans WHERE claimed_serial = $1`, [s]);
    expect(unknown).toEqual([{ outcome: 'unknown' }, { outcome: 'unknown' }]);
    // A fake serial printed with this batch's GTIN and lot is attributed to the batch it imitates.
    const [fake] = generateSerials(1);
    const res = await t.http.get(`/01/08931234567897/10/HH%2F25-07/21/${fake}`).set('x-forwarded-for', client()).expect(200);
    expect(res.text).toContain('data-verdict="unknown"');
    const [attributed] = await t.dataSource.query(`SELECT batch_id FROM trace_stamp_scans WHERE claimed_serial = $1`, [fake]);
    expect(attributed.batch_id).toBe(batch.id);
  });

  it('renders a Vietnamese, mobile-first, escaped HTML page in the storefront layout', async () => {
    const res = await t.http.get(`/t/${serials[9]}`).set('x-forwarded-for', client()).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.text).toMatch(/^<!doctype html>\s*<html lang="vi">/);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<meta name="robots" content="noindex">');
    // The site's header, navigation (with the stamp checker) and footer frame the verdict.
    expect(res.text).toContain('<header class="site">');
    expect(res.text).toContain('href="/kiem-tra-tem"');
    expect(res.text).toContain('<footer class="site">');
    expect(res.text).toMatch(/<title>Sản phẩm chính hãng – Bưởi da xanh &lt;script&gt;alert\(1\)&lt;\/script&gt; \| [^<]+<\/title>/);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('HTX Bưởi da xanh Hùng Hòa');
    expect(res.text).toContain('OCOP 4 sao');
    expect(res.text).toContain('VietGAP');
    expect(res.text).toContain('Hữu cơ');
    expect(res.text).toContain('Hành trình sản phẩm');
    expect(res.text).toContain('Đóng gói');
    expect(res.text).toContain('tem chưa được nhà sản xuất kích hoạt');
  });

  it('never stores the raw client IP, anywhere in the database', async () => {
    const secretIp = '192.0.2.177';
    await t.http.get(`/t/${serials[10]}`).set('x-forwarded-for', secretIp).set('user-agent', 'Mozilla/5.0 (iPhone)').expect(200);
    await t.http.get(`/api/v1/stamps/${serials[10]}`).set('x-forwarded-for', secretIp).expect(200);
    await t.http
      .get(`/t/${serials[10].slice(0, 13)}Z`)
      .set('x-forwarded-for', secretIp)
      .expect(200);
    await t.http
      .get(`/api/v1/stamps/${generateSerials(1)[0]}`)
      .set('x-forwarded-for', secretIp)
      .expect(200);
    // One visit: the same client within minutes is one scan whatever its user agent (issue 18 §3).
    const scans = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_stamp_scans WHERE serial = $1`, [serials[10]]);
    expect(scans[0].n).toBe(1);

    // Every text-like column of every table in the database, searched for the address and its /16 prefix.
    const columns: Array<{ table_name: string; column_name: string }> = await t.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'inet', 'cidr')`,
    );
    expect(columns.some((c) => c.table_name === 'trace_stamp_scans' && c.column_name === 'client_hash')).toBe(true);
    for (const { table_name, column_name } of columns) {
      const [hit] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE '%192.0.2.177%' OR "${column_name}"::text LIKE '%192.0.%'`,
      );
      expect(`${table_name}.${column_name}: ${hit.n}`).toBe(`${table_name}.${column_name}: 0`);
    }
  });
});

describe('traceability: scan rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { STAMP_SCAN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once a client exceeds its scans per minute', async () => {
    for (let i = 0; i < 3; i++) await t.http.get('/api/v1/stamps/0000000000000X').expect(200);
    const res = await t.http.get('/t/0000000000000X').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // A phone's browser gets the same refusal as a page in the storefront layout.
    const page = await t.http.get('/t/0000000000000X').set('Accept', 'text/html').expect(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<header class="site">');
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
  });
});
