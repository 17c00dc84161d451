import { XA_HUNG_HOA } from '../harness/catalog-fixtures';
import { createUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { SerialGenerator, parseSerial } from '@tradefloor/traceability';
import { binary, createBatch, issue, ownerWithProduct, serialsOf, type Owner } from './trace-fixtures';

describe('traceability: batches, issuing, activation, revocation, exports', () => {
  let t: TestApp;
  let a: Owner;
  let b: Owner;
  beforeAll(async () => {
    t = await createTestApp({ env: { STAMP_MAX_PER_BATCH: '150000' } });
    a = await ownerWithProduct(t);
    b = await ownerWithProduct(t, { name: 'Dưa lưới Cầu Kè', gtin: null });
  });
  afterAll(() => t.close());

  it('creates a batch with its product GTIN-14 snapshot and refuses a duplicate lot code for the same product', async () => {
    const batch = await createBatch(t, a, { lotCode: 'HH-2025/07', expiresAt: '2025-09-30', certifications: [{ type: 'organic' }], notes: 'Vụ hè thu' });
    expect(batch).toMatchObject({
      lotCode: 'HH-2025/07',
      gtin14: '08931234567897',
      producedAt: '2025-07-01',
      expiresAt: '2025-09-30',
      quantity: 1200,
      unit: 'kg',
      issuedCount: 0,
      originCommuneCode: XA_HUNG_HOA,
    });
    const dup = await t.http
      .post('/api/v1/batches')
      .set(a.owner.auth)
      .send({ productId: a.product.id, lotCode: 'HH-2025/07', producedAt: '2025-07-02', quantity: 1, unit: 'kg' })
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'LOT_CODE_TAKEN', details: [{ field: 'lotCode' }] });
    // The same lot code is fine for another product.
    await createBatch(t, b, { lotCode: 'HH-2025/07' });
    const list = await t.http.get(`/api/v1/batches?productId=${a.product.id}`).set(a.owner.auth).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(batch.id);
  });

  it('rejects bad batch input with field details and writes nothing', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_batches`);
    const res = await t.http
      .post('/api/v1/batches')
      .set(a.owner.auth)
      .send({
        productId: a.product.id,
        lotCode: 'LÔ #1 quá dài vượt hai mươi ký tự',
        producedAt: '2025-13-01',
        expiresAt: 'soon',
        quantity: -1,
        unit: '',
        extra: 1,
      })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['lotCode', 'producedAt', 'expiresAt', 'unit', 'extra']));
    const dates = await t.http
      .post('/api/v1/batches')
      .set(a.owner.auth)
      .send({ productId: a.product.id, lotCode: 'X1', producedAt: '2025-02-30', expiresAt: '2025-01-01', quantity: 0, unit: 'kg', originCommuneCode: '99999' })
      .expect(400);
    expect(dates.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['producedAt', 'quantity', 'originCommuneCode']));
    const order = await t.http
      .post('/api/v1/batches')
      .set(a.owner.auth)
      .send({ productId: a.product.id, lotCode: 'X2', producedAt: '2025-03-01', expiresAt: '2025-01-01', quantity: 5, unit: 'kg' })
      .expect(400);
    expect(order.body.details).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_batches`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("lets nobody but the product's enterprise create batches or touch its stamps", async () => {
    const buyer = await createUser(t, 'buyer');
    const body = { productId: a.product.id, lotCode: 'FOREIGN', producedAt: '2025-07-01', quantity: 1, unit: 'kg' };
    await t.http.post('/api/v1/batches').send(body).expect(401);
    await t.http.post('/api/v1/batches').set(buyer.auth).send(body).expect(403);
    const forbidden = await t.http.post('/api/v1/batches').set(b.owner.auth).send(body).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await t.http
      .post('/api/v1/batches')
      .set(b.owner.auth)
      .send({ ...body, productId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);

    const batch = await createBatch(t, a);
    await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(b.owner.auth).send({ count: 5 }).expect(403);
    await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(buyer.auth).send({ count: 5 }).expect(403);
    await t.http.post(`/api/v1/batches/${batch.id}/stamps`).send({ count: 5 }).expect(401);
    await t.http.get(`/api/v1/batches/${batch.id}`).set(b.owner.auth).expect(403);
    await t.http.get(`/api/v1/batches/${batch.id}/stamps.csv`).set(b.owner.auth).expect(403);
    await t.http.get(`/api/v1/batches/${batch.id}/stamps.pdf`).set(b.owner.auth).expect(403);
    await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(b.owner.auth)
      .send({ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00' })
      .expect(403);
    await t.http.post(`/api/v1/batches/not-a-uuid/stamps`).set(a.owner.auth).send({ count: 5 }).expect(404);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = $1`, [batch.id]);
    expect(count[0].n).toBe(0);
    // An admin may act for any enterprise.
    const admin = await createUser(t, 'admin');
    await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(admin.auth).send({ count: 2 }).expect(201);
  });

  it('enforces issuing limits: 1 ≤ count ≤ 100,000 and an integer', async () => {
    const batch = await createBatch(t, a);
    for (const count of [0, -3, 100_001, 2.5, '10', null]) {
      const res = await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(a.owner.auth).send({ count }).expect(400);
      expect(res.body.details[0].field).toBe('count');
    }
    await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(a.owner.auth).send({}).expect(400);
    const n = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = $1`, [batch.id]);
    expect(n[0].n).toBe(0);
  });

  it('issues 100,000 stamps in one request with unique, check-valid serials and consecutive seqs; the batch cap holds', async () => {
    const batch = await createBatch(t, a);
    const res = await issue(t, a, batch.id, 100_000);
    expect(res).toMatchObject({ issued: 100_000, firstSeq: 1, lastSeq: 100_000, totalIssued: 100_000 });
    const [stats] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT serial)::int AS d, min(seq) AS lo, max(seq) AS hi,
              bool_and(state = 'issued') AS all_issued FROM trace_stamps WHERE batch_id = $1`,
      [batch.id],
    );
    expect(stats).toMatchObject({ n: 100_000, d: 100_000, lo: 1, hi: 100_000, all_issued: true });
    const sample = await t.dataSource.query(`SELECT serial FROM trace_stamps WHERE batch_id = $1 ORDER BY random() LIMIT 500`, [batch.id]);
    for (const { serial } of sample) expect(parseSerial(serial)).toBe(serial);
    const again = await issue(t, a, batch.id, 10);
    expect(again).toMatchObject({ firstSeq: 100_001, lastSeq: 100_010, totalIssued: 100_010 });
    // STAMP_MAX_PER_BATCH=150000 in this suite.
    const over = await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(a.owner.auth).send({ count: 50_000 }).expect(400);
    expect(over.body.details[0].field).toBe('count');
    const b2 = await t.http.get(`/api/v1/batches/${batch.id}`).set(a.owner.auth).expect(200);
    expect(b2.body.issuedCount).toBe(100_010);
  });

  it('retries serials that collide with existing ones instead of failing or leaving gaps', async () => {
    const batch = await createBatch(t, a);
    const first = await issue(t, a, batch.id, 3);
    const generator = t.app.get(SerialGenerator);
    const real = generator.generate.bind(generator);
    const spy = jest.spyOn(generator, 'generate').mockImplementationOnce((n: number) => [first.firstSerial, ...real(n - 1)]);
    try {
      const res = await issue(t, a, batch.id, 4);
      expect(res).toMatchObject({ firstSeq: 4, lastSeq: 7 });
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    const serials = await serialsOf(t, batch.id);
    expect(serials).toHaveLength(7);
    expect(new Set(serials).size).toBe(7);
  });

  it('exports a CSV of seq, serial, Digital Link URL and state for a range', async () => {
    const batch = await createBatch(t, a, { lotCode: 'CSV/1' });
    await issue(t, a, batch.id, 25);
    const res = await t.http.get(`/api/v1/batches/${batch.id}/stamps.csv?fromSeq=3&toSeq=12`).set(a.owner.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('seq,serial,url,state');
    expect(lines).toHaveLength(11);
    const serials = await serialsOf(t, batch.id);
    const [seq, serial, url, state] = lines[1].split(',');
    expect(seq).toBe('3');
    expect(serial).toBe(serials[2]);
    expect(url).toBe(`${t.config.publicBaseUrl}/01/08931234567897/10/CSV%2F1/21/${serials[2]}`);
    expect(state).toBe('issued');
    await t.http.get(`/api/v1/batches/${batch.id}/stamps.csv?fromSeq=9&toSeq=2`).set(a.owner.auth).expect(400);
    await t.http.get(`/api/v1/batches/${batch.id}/stamps.csv?fromSeq=abc`).set(a.owner.auth).expect(400);
  });

  it('uses /t/{serial} URLs for products without a GTIN', async () => {
    const batch = await createBatch(t, b);
    expect(batch.gtin14).toBeNull();
    const res = await issue(t, b, batch.id, 2);
    expect(res.firstUrl).toBe(`${t.config.publicBaseUrl}/t/${res.firstSerial}`);
  });

  it('activates all or a range, and revokes by serials or by range; only the owner may', async () => {
    const batch = await createBatch(t, a);
    await issue(t, a, batch.id, 20);
    const serials = await serialsOf(t, batch.id);
    const act = await t.http.post(`/api/v1/batches/${batch.id}/stamps/activate`).set(a.owner.auth).send({ fromSeq: 1, toSeq: 10 }).expect(200);
    expect(act.body.changed).toBe(10);
    await t.http.post(`/api/v1/batches/${batch.id}/stamps/activate`).set(b.owner.auth).send({}).expect(403);

    await t.http
      .post('/api/v1/stamps/revoke')
      .set(b.owner.auth)
      .send({ serials: [serials[0]], reason: 'Không phải của tôi' })
      .expect(403);
    await t.http.post('/api/v1/stamps/revoke').set(b.owner.auth).send({ batchId: batch.id, reason: 'Không phải của tôi' }).expect(403);
    const bad = await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [serials[0].slice(0, 13) + (serials[0][13] === '0' ? '1' : '0')], reason: 'Nhầm' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('serials.0');
    await t.http.post('/api/v1/stamps/revoke').set(a.owner.auth).send({ reason: 'Thiếu đối tượng' }).expect(400);
    await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [serials[0]], batchId: batch.id, reason: 'Cả hai' })
      .expect(400);
    await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [serials[0]] })
      .expect(400);

    const one = await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [serials[0].toLowerCase(), serials[1]], reason: 'Tem bị rách' })
      .expect(200);
    expect(one.body.changed).toBe(2);
    const range = await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ batchId: batch.id, fromSeq: 15, toSeq: 20, reason: 'Cuộn tem thất lạc' })
      .expect(200);
    expect(range.body.changed).toBe(6);
    const states = await t.dataSource.query(`SELECT seq, state FROM trace_stamps WHERE batch_id = $1 ORDER BY seq`, [batch.id]);
    expect(states.map((s: { state: string }) => s.state[0]).join('')).toBe('rraaaaaaaaiiiirrrrrr');
    // Re-activating does not resurrect revoked stamps.
    const all = await t.http.post(`/api/v1/batches/${batch.id}/stamps/activate`).set(a.owner.auth).send({}).expect(200);
    expect(all.body.changed).toBe(4);

    // The same stamps as runs of one state, with the totals; the owner's only.
    const ranges = await t.http.get(`/api/v1/batches/${batch.id}/stamps/ranges`).set(a.owner.auth).expect(200);
    expect(ranges.body).toMatchObject({
      batchId: batch.id,
      truncated: false,
      totals: { issued: 20, activated: 12, revoked: 8, scanned: 0, warning: 0 },
      items: [
        { state: 'revoked', fromSeq: 1, toSeq: 2, count: 2 },
        { state: 'activated', fromSeq: 3, toSeq: 14, count: 12 },
        { state: 'revoked', fromSeq: 15, toSeq: 20, count: 6 },
      ],
    });
    await t.http.get(`/api/v1/batches/${batch.id}/stamps/ranges`).set(b.owner.auth).expect(403);
  });

  it("lists an enterprise's batches of every product, newest first, to its members only", async () => {
    const res = await t.http.get(`/api/v1/enterprises/${a.enterprise.id}/batches?pageSize=2`).set(a.owner.auth).expect(200);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_batches WHERE enterprise_id = $1`, [a.enterprise.id]);
    expect(res.body).toMatchObject({ total: n, page: 1, pageSize: 2 });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({ enterpriseId: a.enterprise.id, productName: 'Bưởi da xanh Trà Vinh' });
    expect(Date.parse(res.body.items[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(res.body.items[1].createdAt));
    await t.http.get(`/api/v1/enterprises/${a.enterprise.id}/batches`).set(b.owner.auth).expect(403);
    await t.http.get(`/api/v1/enterprises/${a.enterprise.id}/batches`).expect(401);
  });

  it('renders single QR codes as SVG and PNG for the owner, 404 for unknown serials', async () => {
    const batch = await createBatch(t, a);
    const res = await issue(t, a, batch.id, 1);
    const svg = await t.http.get(`/api/v1/stamps/${res.firstSerial}/qr.svg`).set(a.owner.auth).buffer(true).parse(binary).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((svg.body as Buffer).toString()).toContain('<svg');
    const png = await t.http.get(`/api/v1/stamps/${res.firstSerial}/qr.png`).set(a.owner.auth).buffer(true).parse(binary).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    await t.http.get(`/api/v1/stamps/${res.firstSerial}/qr.svg`).set(b.owner.auth).expect(403);
    await t.http.get(`/api/v1/stamps/0000000000000X/qr.svg`).set(a.owner.auth).expect(404);
  });
});
